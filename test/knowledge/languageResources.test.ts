import { describe, expect, it } from 'vitest';
import { CompoundSplitter, wordTerms } from '../../src/knowledge/analyzer.js';
import { SynonymTable } from '../../src/knowledge/synonyms.js';

const query = (...words: string[]) => words.map((word) => ({ word, stems: new Set([...wordTerms(word, 'de'), ...wordTerms(word, 'en')]) }));

describe('synonym groups of a general thesaurus (weighted below the curated ones)', () => {
  const table = new SynonymTable(
    [
      ['ki', 'künstliche intelligenz'],
      ['rechner', 'computer'],
    ],
    [1, 0.5],
  );

  it('searches a thesaurus synonym at its weight, a curated one fully', () => {
    expect(table.expand(query('rechner'))).toEqual([expect.objectContaining({ synonym: 'computer', factor: 0.5 })]);
    expect(table.expand(query('ki'))).toEqual([expect.objectContaining({ synonym: 'künstliche intelligenz', factor: 1 })]);
  });

  it('lets only curated groups be triggered by a misspelt word or name the synonyms of a compound part', () => {
    expect(table.expand(query('computre'))).toEqual([]);
    expect(table.singleWordSynonyms(new Set(wordTerms('computer', 'de')))).toEqual([]);
    const curated = new SynonymTable([['rechner', 'computer']]);
    expect(curated.singleWordSynonyms(new Set(wordTerms('computer', 'de')))).toEqual(expect.arrayContaining(wordTerms('rechner', 'de')));
  });
});

describe('compound parts from a word list', () => {
  it('splits a compound whose parts only the word list knows', () => {
    expect(new CompoundSplitter().split('kartoffelsalat')).toEqual([]);
    expect(new CompoundSplitter(['kartoffel', 'salat']).split('kartoffelsalat')).toEqual(['salat', 'kartoffel']);
  });
});

describe('misspelt synonym triggers', () => {
  const table = new SynonymTable([
    ['hochschule', 'college'],
    ['robotik', 'automatisierung'],
  ]);
  const known = (...words: string[]) => query(...words).map((q) => ({ ...q, known: true }));

  it('reads an unknown word as a misspelling of a member one letter away', () => {
    expect(table.expand(query('kollege'))).toEqual(expect.arrayContaining([expect.objectContaining({ synonym: 'hochschule' })]));
  });

  it('reads a word the folder knows as a misspelling only of a member that starts like it (an inflection)', () => {
    expect(table.expand(known('kollege'))).toEqual([]);
    expect(table.expand(known('automatisieren'))).toEqual(expect.arrayContaining([expect.objectContaining({ synonym: 'robotik' })]));
  });
});
