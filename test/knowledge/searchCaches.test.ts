import { describe, expect, it } from 'vitest';
import { CompoundSplitter, contentWords } from '../../src/knowledge/analyzer.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { readWord, WordReadings } from '../../src/knowledge/queryWords.js';
import { RecentCache } from '../../src/knowledge/recentCache.js';
import { searchDefaults } from '../../src/knowledge/searchDefaults.js';
import { SynonymTable } from '../../src/knowledge/synonyms.js';
import { fixtureKnowledgeDir, shippedKnowledgeDir } from '../helpers/app.js';

/**
 * A search keeps what it computed per query word and term (readings, matched index terms, n-grams) for the
 * searches after it. What it keeps must give exactly what computing anew gives, and the caches must stay bounded.
 */
const questions = [
  'Wann wurde die Kooperationsvereinbarung unterzeichnet?',
  'Wer ist Geschäftsführer der Südwestfalen Agentur?',
  'Who is the managing director of the Südwestfalen Agentur?',
  'Wir suchen einen Dienstleister für IT-Sicherheit im Sauerland',
  'Geschaeftsfuehrer Agnetur',
  'Lagerlogistk und Robotik in der Produktion',
  'Gesellschafterstruktur der Agentur',
  'Gründerberatung in Dortmund',
  'Wie spät ist es?',
  'Ich schreibe eine Hausarbeit: Welche Träger stehen hinter der Agentur?',
];

describe('RecentCache', () => {
  it('keeps at most twice its size, and every key used since the last `size` new keys', () => {
    const cache = new RecentCache<string, number>(10);
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, i);
      expect(cache.count).toBeLessThanOrEqual(20);
    }
    for (let i = 990; i < 1000; i++) expect(cache.get(`k${i}`)).toBe(i);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps a key that is used again while new keys come in', () => {
    const cache = new RecentCache<string, number>(4);
    cache.set('often', 1);
    for (let i = 0; i < 100; i++) {
      cache.set(`new${i}`, i);
      expect(cache.get('often')).toBe(1);
    }
  });

  it('computes a value once while it is kept', () => {
    const cache = new RecentCache<string, string>(8);
    let computed = 0;
    const compute = (key: string) => {
      computed++;
      return key.toUpperCase();
    };
    expect(cache.remember('a', compute)).toBe('A');
    expect(cache.remember('a', compute)).toBe('A');
    expect(computed).toBe(1);
  });
});

describe('WordReadings', () => {
  const knowledge = loadKnowledge(fixtureKnowledgeDir);
  const splitter = new CompoundSplitter();
  for (const faq of knowledge.faqs) splitter.learn(`${faq.title} ${faq.body}`);
  const synonyms = new SynonymTable(knowledge.synonyms);
  const words = [...new Set(questions.flatMap((q) => contentWords(q)))];

  it('gives the reading computed anew, and the same object while kept', () => {
    const readings = new WordReadings(splitter, synonyms, searchDefaults.synonymCredit, () => false);
    for (const word of words) {
      const kept = readings.of(word);
      expect(kept).toEqual(readWord(word, splitter, synonyms, searchDefaults.synonymCredit));
      expect(readings.of(word)).toBe(kept);
    }
  });

  it('is bounded', () => {
    const readings = new WordReadings(splitter, synonyms, searchDefaults.synonymCredit, () => false, 4);
    for (const word of words) readings.of(word);
    expect(words.length).toBeGreaterThan(8);
    expect(readings.size).toBeLessThanOrEqual(8);
  });
});

describe('KnowledgeIndex.search with what earlier searches kept', () => {
  const knowledge = loadKnowledge(shippedKnowledgeDir);
  const warm = new KnowledgeIndex(knowledge);
  const cold = () => new KnowledgeIndex(knowledge);
  const options = [
    { type: 'faq' as const, lang: 'de' as const, limit: 5 },
    { type: 'provider' as const, lang: 'de' as const, limit: 9, region: 'suedwestfalen' as const },
  ];

  it('finds what a fresh index finds', () => {
    // The warm index searches every question in every way first; each fresh index then searches one question once.
    for (const question of questions) for (const o of options) warm.search(question, o);
    for (const question of [questions[9]!, questions[4]!, questions[3]!, questions[0]!]) {
      const fresh = cold();
      for (const o of options) expect(warm.search(question, o), question).toEqual(fresh.search(question, o));
    }
  }, 120_000);
});
