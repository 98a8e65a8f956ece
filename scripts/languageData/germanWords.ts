/**
 * Cuts a German word list (Debian package `wngerman`, igerman98 by Björn Jacke, GPL-2.0-or-later,
 * https://www.j3e.de/ispell/igerman98/) down to the nouns that make compounds: those of four or more letters that are
 * the head ("…beratung") or the first part ("beratungs…", a linking s/es/n/en dropped) of a longer word of the list.
 * Folded as the analyzer folds (`foldUmlauts`), lower case.
 */
import { readFileSync } from 'node:fs';
import { foldUmlauts } from '../../src/knowledge/umlauts.js';

/** Where Debian installs the list (one word per line, inflected forms included). */
export const germanWordListFile = '/usr/share/dict/ngerman';

export function compoundParts(file = germanWordListFile): string[] {
  const words = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((word) => /^\p{L}+$/u.test(word));
  const nouns = new Set(words.filter((word) => /^\p{Lu}/u.test(word) && word.length >= 4).map((word) => foldUmlauts(word.toLowerCase())));
  const parts = new Set<string>();
  for (const word of new Set(words.map((w) => foldUmlauts(w.toLowerCase())))) {
    if (word.length < 8) continue;
    for (let at = 3; at < word.length - 3; at++) {
      const head = word.slice(at);
      if (head.length >= 4 && nouns.has(head)) parts.add(head);
      const first = word.slice(0, at);
      const trimmed = first.replace(/(es|s|en|n)$/, '');
      if (first.length >= 4 && nouns.has(first)) parts.add(first);
      else if (trimmed.length >= 4 && nouns.has(trimmed)) parts.add(trimmed);
    }
  }
  return [...parts].sort();
}
