/** Spans of a message's words ([start, end) positions into `wordsOf(text)`): cut out of the text, or as positions. */
import type { Word } from './lexicon.js';

/** `text` without the words of `spans` (in any order, overlapping or not), the rest kept as it is. */
export function textWithout(text: string, words: readonly Word[], spans: readonly [number, number][]): string {
  const normalised = text.normalize('NFC');
  let out = '';
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const from = words[start]!.from;
    if (from > at) out += normalised.slice(at, from);
    at = Math.max(at, words[end - 1]!.to);
  }
  return out + normalised.slice(at);
}

/** The positions of `spans` as one set. */
export function positionsOf(spans: readonly [number, number][]): Set<number> {
  return new Set(spans.flatMap(([start, end]) => Array.from({ length: end - start }, (_, k) => start + k)));
}
