import { describe, expect, it } from 'vitest';
import { CompoundSplitter, contentWords, wordTerms } from '../../src/knowledge/analyzer.js';
import { analyseQueryWords, type QueryAnalysis } from '../../src/knowledge/queryWords.js';
import type { Language } from '../../src/knowledge/schema.js';
import { SynonymTable } from '../../src/knowledge/synonyms.js';

/** The words a small folder would know, each with the weight its rarity gives it. */
const known = new Map(
  ['rahmen', 'vertrag', 'pressesprecher', 'kreis', 'olpe', 'regions', 'achieve', 'bridge', 'explain'].flatMap((word) =>
    [...wordTerms(word, 'de'), ...wordTerms(word, 'en')].map((term) => [term, 0.6] as const),
  ),
);

function analysis(lang: Language): QueryAnalysis {
  return {
    splitter: new CompoundSplitter(),
    synonyms: new SynonymTable([]),
    topicWeight: (terms) => Math.max(0, ...terms.map((t) => known.get(t) ?? 0)),
    unknownWeight: 1,
    unknownNonNounWeight: 0.5,
    lang,
    transpositionCredit: 0.7,
    providers: false,
    questionWeight: 0.25,
    fillerWeight: 0.1,
    compoundCredit: 0.8,
    synonymCredit: 0.7,
  };
}

const weightOf = (query: string, word: string, lang: Language) =>
  analyseQueryWords(query, analysis(lang)).find((w) => w.word === word)?.weight;

describe('words of a query that name no topic', () => {
  it('drops possessive and personal pronouns the stop word lists miss', () => {
    expect(contentWords('Wer berät uns bei der Digitalisierung unseres Betriebs?')).toEqual([
      'wer',
      'berät',
      'digitalisierung',
      'betriebs',
    ]);
    expect(contentWords('Can someone help us with ours?')).toEqual(['someone', 'help']);
  });

  it('drops the auxiliary verbs the English list misses ("does", "doing")', () => {
    expect(contentWords('What does Südwestfalen bring to the partnership?')).toEqual(['südwestfalen', 'bring', 'partnership']);
    expect(contentWords('What is the agency doing next?')).toEqual(['agency', 'next']);
  });
});

describe('filler words (lexicon.yml fillers, providerFillers)', () => {
  const roleOf = (query: string, word: string, providers: boolean) =>
    analyseQueryWords(query, { ...analysis('de'), providers }).find((w) => w.word === word)?.role;

  it('weigh request words and honorifics little, in every inflection', () => {
    expect(roleOf('Wir suchten Hilfe', 'suchten', false)).toBe('filler');
    expect(roleOf('Was hat Herr Westphal gesagt?', 'herr', false)).toBe('filler');
  });

  it('count "beraten" as a filler in provider searches, but not "Berater" or "Beratung", which share its stem', () => {
    expect(roleOf('Wer kann uns beraten?', 'beraten', true)).toBe('filler');
    expect(roleOf('Wir suchen einen Berater', 'berater', true)).toBe('topic');
    expect(roleOf('Wir suchen Beratung', 'beratung', true)).toBe('topic');
    expect(roleOf('Wir suchen einen Partner', 'partner', true)).toBe('filler');
    expect(roleOf('Wer sind die Partner?', 'partner', false)).toBe('topic');
  });
});

describe('weight of words the folder does not contain', () => {
  it('lightens an unknown German verb form when known topic words say what is asked', () => {
    const query = 'Welcher Rahmen wurde mit dem Vertrag festgelegt?';
    expect(weightOf(query, 'festgelegt', 'de')).toBe(0.5);
    // Still a telling word: an answer that leaves it open has a gap.
    expect(analyseQueryWords(query, analysis('de')).find((w) => w.word === 'festgelegt')?.unknown).toBe(true);
  });

  it('keeps an unknown verb at full weight when it is much of the question', () => {
    expect(weightOf('Was verdient ein Pressesprecher?', 'verdient', 'de')).toBe(1);
  });

  it('keeps capitalised German nouns at full weight: they name what is asked about', () => {
    expect(weightOf('Wer ist Landrat im Kreis Olpe?', 'landrat', 'de')).toBe(1);
  });

  it('reads no word form in a German query written all in lower case', () => {
    expect(weightOf('welcher rahmen wurde mit dem vertrag festgelegt', 'festgelegt', 'de')).toBe(1);
  });

  it('lightens English words ending in -ing, -ed or -ly, but not other unknown words', () => {
    expect(weightOf('What are the two regions trying to achieve?', 'trying', 'en')).toBe(0.5);
    expect(weightOf('Can you explain the digital bridge briefly?', 'briefly', 'en')).toBe(0.5);
    expect(weightOf('Can you explain the bridge hotel?', 'hotel', 'en')).toBe(1);
  });
});
