/**
 * Where users say what their own business is ("Wir sind ein Dortmunder KI-Start-up und suchen …"): those words tell
 * what the user is, not what the user looks for.
 */
import type { Lexicon, Word } from '../knowledge/lexicon.js';
import { isNeedVerb } from './placeRoles.js';

/**
 * The spans [start, end) of words where the user introduces themselves (lexicon.yml `selfIntroductions`: from "wir
 * sind" / "we are" to the next need verb, a word of `introductionEnds` ("und", "and") or the end of its clause).
 */
export function introductionSpans(words: readonly Word[], lexicon: Lexicon): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    if (lexicon.selfIntroductions.matchAt(words, i) === 0) continue;
    let end = i + 1;
    while (
      end < words.length &&
      words[end]!.clause === words[i]!.clause &&
      !isNeedVerb(words, end, lexicon) &&
      lexicon.introductionEnds.matchAt(words, end) === 0
    )
      end++;
    spans.push([i, end]);
    i = end - 1;
  }
  return spans;
}

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
