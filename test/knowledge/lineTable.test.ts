/** `LineTable.bestMatch`: the share of a document's best line that a query explains, with lines left out. */
import { describe, expect, it } from 'vitest';
import { LineTable, type Line } from '../../src/knowledge/matching.js';

/** A line of words, each a single term (by number) of weight 1. */
const line = (...terms: number[]): Line => terms.map((t) => ({ terms: [t], partTerms: [], weight: 1 }));

describe('LineTable.bestMatch', () => {
  // One document: an offer line (terms 0, 1), a German need line (2, 3), an English need line (4, 5).
  const table = new LineTable([[line(0, 1), line(2, 3), line(4, 5)]]);
  const values = new Float64Array(6);
  values[4] = 1;
  values[5] = 1;

  it('is the share of the best line the query explains', () => {
    expect(table.bestMatch(0, values, 0.8)).toBe(1);
  });

  it('leaves out the lines skipped, such as the need lines of the other language', () => {
    expect(table.bestMatch(0, values, 0.8, { from: 2, to: 3 })).toBe(0);
    expect(table.bestMatch(0, values, 0.8, { from: 1, to: 2 })).toBe(1);
  });
});
