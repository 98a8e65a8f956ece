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
  // The reasons with their share of the coverage, largest first (equal shares in query order).
  const why: string[] = [];
  const shares: number[] = [];
  const gaps: string[] = [];
  let fillerFound = false;
  let matchedBeyondNames = false;
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const value = matches.value[w]!;
    // An unknown word typed in capitals ("BVB", "NRW") is a name the folder lacks, not a typo, however short.
    const telling =
      word.role === 'topic' &&
      (((word.weight >= settings.gapWordWeight || word.unknown === true) && word.word.length >= settings.gapMinLength) ||
        (word.unknown === true && acronyms.has(word.word)));
    if (telling && value < settings.gapExplained) gaps.push(word.word);
    if (value === 0) continue;
    if (word.role === 'topic' && !names.has(word.word)) matchedBeyondNames = true;
    if (word.role === 'filler') {
      fillerFound = true;
      continue;
    }
    const alternative = word.alternatives[matches.alternative[w]!]!;
    const share = word.weight * value;
    let i = why.length;
    while (i > 0 && shares[i - 1]! < share) i--;
    why.splice(i, 0, alternative.kind === 'synonym' ? `${word.trigger} → ${alternative.synonym}` : word.word);
    shares.splice(i, 0, share);
  }
  // A query of nothing but request words ("Hilfe") is explained by the request words it found.
  if (why.length === 0 && fillerFound) {
    for (let w = 0; w < words.length; w++) if (words[w]!.role === 'filler' && matches.value[w]! !== 0) why.push(words[w]!.word);
  }
  // The topic words left open, when the document matched nothing but names.
  const open = (w: number) => words[w]!.role === 'topic' && matches.value[w]! < settings.gapExplained;
  const onlyNames: string[] = [];
  if (!matchedBeyondNames) for (let w = 0; w < words.length; w++) if (open(w)) onlyNames.push(words[w]!.word);
  return {
    // The most telling words first: a card shows only the first few ("paletten", "kartons" before "leute", "tag").
    why: why.some((reason, i) => why.indexOf(reason) !== i) ? why.filter((reason, i) => why.indexOf(reason) === i) : why,
    gaps,
    onlyNames,
  };
}
