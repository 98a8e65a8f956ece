/**
 * What a hit tells a reader about its match (`SearchHit.why`, `gaps`, `onlyNames`), read off the same `WordMatches`
 * that gave the hit its coverage and rank (`matching.ts`): the explanation cannot disagree with the score.
 */
import type { WordMatches } from './matching.js';
import type { QueryWord } from './queryWords.js';

export interface ExplanationSettings {
  /** Weight from which a topic word left unexplained is a gap (see `SearchHit.gaps`). */
  gapWordWeight: number;
  /** A word explained less than this (0…1) is left open. */
  gapExplained: number;
  /** Shorter words are no gaps. */
  gapMinLength: number;
}

export interface Explanation {
  why: string[];
  gaps: string[];
  onlyNames: string[];
}

/**
 * `why`, `gaps` and `onlyNames` of a hit (see `SearchHit`).
 *
 * @param acronyms the words typed in capitals only ("BVB"): a name the folder lacks is a gap however short
 * @param names the folder's proper names (see `properNames` in language.ts)
 */
export function explain(
  words: readonly QueryWord[],
  matches: WordMatches,
  acronyms: ReadonlySet<string>,
  names: ReadonlySet<string>,
  settings: ExplanationSettings,
): Explanation {
  const why: { reason: string; weight: number }[] = [];
  const fillersFound: string[] = [];
  const gaps: string[] = [];
  const openWords: string[] = [];
  let matchedBeyondNames = false;
  words.forEach((word, w) => {
    const value = matches.value[w]!;
    // An unknown word typed in capitals ("BVB", "NRW") is a name the folder lacks, not a typo, however short.
    const telling =
      word.role === 'topic' &&
      (((word.weight >= settings.gapWordWeight || word.unknown === true) && word.word.length >= settings.gapMinLength) ||
        (word.unknown === true && acronyms.has(word.word)));
    if (telling && value < settings.gapExplained) gaps.push(word.word);
    if (word.role === 'topic' && value < settings.gapExplained) openWords.push(word.word);
    if (value === 0) return;
    if (word.role === 'topic' && !names.has(word.word)) matchedBeyondNames = true;
    if (word.role === 'filler') {
      fillersFound.push(word.word);
      return;
    }
    const alternative = word.alternatives[matches.alternative[w]!]!;
    const reason = alternative.kind === 'synonym' ? `${word.trigger} → ${alternative.synonym}` : word.word;
    why.push({ reason, weight: word.weight * value });
  });
  // A query of nothing but request words ("Hilfe") is explained by the request words it found.
  if (why.length === 0) why.push(...fillersFound.map((reason) => ({ reason, weight: 0 })));
  return {
    // The most telling words first: a card shows only the first few ("paletten", "kartons" before "leute", "tag").
    why: reasonsByWeight(why),
    gaps,
    onlyNames: !matchedBeyondNames && openWords.length > 0 ? openWords : [],
  };
}

/**
 * The reasons of `entries`, largest weight first (entries of equal weight in the order given), each once. A query has
 * a few words: sorting them by insertion costs less than a sort and a set.
 */
function reasonsByWeight(entries: readonly { reason: string; weight: number }[]): string[] {
  const order: { reason: string; weight: number }[] = [];
  for (const entry of entries) {
    let i = order.length;
    while (i > 0 && order[i - 1]!.weight < entry.weight) i--;
    order.splice(i, 0, entry);
  }
  const reasons: string[] = [];
  for (const { reason } of order) if (!reasons.includes(reason)) reasons.push(reason);
  return reasons;
}
