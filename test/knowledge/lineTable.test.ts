/** `LineTable.bestMatch`: the share of a document's best line that a query explains, with lines left out. */
import { describe, expect, it } from 'vitest';
import { LineTable, type Line } from '../../src/knowledge/matching.js';

/** A line of words, each a single term (by number) of weight 1. */
const line = (...terms: number[]): Line => terms.map((t) => ({ terms: [t], partTerms: [], weight: 1 }));

describe('LineTable.bestMatch', () => {
  // One document: an offer line (terms 0, 1), a German need line (2, 3), an English need line (4, 5).
  const table = new LineTable([[line(0, 1), line(2, 3), line(4, 5)]]);
  table.creditQuery([4, 5], [1, 1], 0.8);

  it('is the share of the best line the query explains', () => {
    expect(table.bestMatch(0)).toBe(1);
  });

  it('leaves out the lines skipped, such as the need lines of the other language', () => {
    expect(table.bestMatch(0, { from: 2, to: 3 })).toBe(0);
    expect(table.bestMatch(0, { from: 1, to: 2 })).toBe(1);
  });

  it('counts a word by its best credited term, a compound part at the part factor', () => {
    const parts = new LineTable([[[{ terms: [0], partTerms: [1], weight: 1 }, { terms: [2], partTerms: [], weight: 3 }]]]);
    parts.creditQuery([1], [1], 0.8);
    expect(parts.bestMatch(0)).toBeCloseTo(0.2);
    parts.creditQuery([0, 1], [0.5, 1], 0.8);
    expect(parts.bestMatch(0)).toBeCloseTo(0.2);
    parts.creditQuery([0, 1, 2], [1, 1, 1], 0.8);
    expect(parts.bestMatch(0)).toBe(1);
    parts.forgetQuery();
    expect(parts.bestMatch(0)).toBe(0);
  });
});
