/**
 * Umlaut folding, the one spelling rule every reader of words shares (the analyser, the lexicon, the synonyms, the
 * classifier). A module of its own below all of them, so that the lexicon can fold its words without importing the
 * analyser, which reads the lexicon's places.
 */

/** What `foldUmlauts` replaces. */
const UMLAUT = /ä|ae|ö|oe|ü|ue|ß/g;
const folded: Record<string, string> = { ä: 'a', ae: 'a', ö: 'o', oe: 'o', ü: 'u', ue: 'u', ß: 'ss' };

/** Folds remembered while an index is built (see {@link rememberFoldsWhileBuilding}); undefined otherwise. */
let buildMemo: Map<string, string> | undefined;

/**
 * Folds ä/ae → a, ö/oe → o, ü/ue → u, ß → ss (the same folding for what users type and what files say). One pass
 * over the word: it runs for every word of every query, several times.
 */
export function foldUmlauts(word: string): string {
  const known = buildMemo?.get(word);
  if (known !== undefined) return known;
  const result = word.replace(UMLAUT, (match) => folded[match]!);
  buildMemo?.set(word, result);
  return result;
}

/**
 * Remembers folds until the returned function is called: a knowledge folder repeats the same words thousands of
 * times. Only for building an index (`rememberWhileBuilding` in analyzer.ts calls it).
 */
export function rememberFoldsWhileBuilding(): () => void {
  if (buildMemo) return () => {};
  buildMemo = new Map();
  return () => {
    buildMemo = undefined;
  };
}
