import { describe, expect, it } from 'vitest';
import { editDistanceUpTo, FuzzyVocabulary } from '../../src/knowledge/fuzzyVocabulary.js';

/** Plain Levenshtein distance, the reference. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A deterministic pseudo-random word over a small alphabet (so that near misses are common). */
function words(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const letter = () => 'aeinrstuäß'[Math.floor(next() * 10)];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, letter).join(''));
}

const vocabulary = [
  ...new Set([
    ...words(600, 7),
    'agentur', 'agenturen', 'kooperation', 'kooperationsvereinbarung', 'sudwestfalen', 'sudwestfal', 'dortmund',
    'geschaftsfuhrer', 'geschaftsfuhr', 'hochschule', 'hochschul', 'logistik', 'lagerlogistik', 'sicherheit', 'sich',
  ]),
];
const fuzzy = new FuzzyVocabulary(vocabulary);

describe('FuzzyVocabulary.within', () => {
  it('finds exactly the terms within the edit distance, with their distances', () => {
    const lookups = [...words(120, 11), 'agnetur', 'kooperaton', 'sudwestfalne', 'geschaeftsfuehrer', 'lagerlogistk', 'dortmnud'];
    for (const word of lookups) {
      for (const max of [1, 2, 3]) {
        const expected = vocabulary
          .map((term, number) => ({ term: number, distance: levenshtein(word, term) }))
          .filter(({ distance }) => distance <= max);
        const actual = fuzzy.within(word, max).sort((a, b) => a.term - b.term);
        expect(actual, `${word} ±${max}`).toEqual(expected);
      }
    }
  });

  it('finds typos of real words', () => {
    const found = (word: string, max: number) => fuzzy.within(word, max).map(({ term }) => vocabulary[term]);
    expect(found('agnetur', 2)).toContain('agentur');
    expect(found('lagerlogistk', 1)).toContain('lagerlogistik');
    expect(found('dortmund', 1)).toContain('dortmund');
    expect(found('xyzxyz', 2)).toEqual([]);
  });
});

describe('editDistanceUpTo', () => {
  it('is the Levenshtein distance when that is at most max, else max + 1', () => {
    const sample = words(160, 3);
    for (const a of sample.slice(0, 80)) {
      for (const b of sample.slice(80)) {
        for (const max of [0, 1, 2, 3]) {
          expect(editDistanceUpTo(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(levenshtein(a, b), max + 1));
        }
      }
    }
  });
});
