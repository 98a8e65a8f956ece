/**
 * The places of Südwestfalen that users name when they say where their company is ("Metallbetrieb aus Attendorn",
 * "our plant near Bad Berleburg"): the five districts and their towns and municipalities, from knowledge/places.yml
 * (its header names the sources and the towns left out).
 */
import { projectPlaces, townSpellings } from './lexicon.js';
import { foldUmlauts } from './umlauts.js';
import { typoDistance, typoEdits } from './fuzzyVocabulary.js';
import { queryCacheSize, RecentCache } from './recentCache.js';

const { regions, omittedTitles } = projectPlaces();
const suedwestfalen = regions.suedwestfalen;
const districts = Object.entries(suedwestfalen.districts).flatMap(([name, district]) => [name, ...district.names]);
/** The towns and municipalities as users write them, also without a title (places.yml `omittedTitles`). */
const municipalities = Object.values(suedwestfalen.districts).flatMap((district) =>
  district.towns.flatMap((town) => townSpellings(town, omittedTitles)),
);

/** How users type an umlaut without one ("Luedenscheid", "Ludenscheid", "Ruthen"). */
const umlautSpellings: Record<string, string[]> = { ä: ['ä', 'ae', 'a'], ö: ['ö', 'oe', 'o'], ü: ['ü', 'ue', 'u'] };

/** A name as a regular expression source that accepts every spelling of its umlauts. */
function umlautTolerant(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-\s]+/g, '[-\\s]+')
    .replace(/[äöü]/g, (letter) => `(?:${umlautSpellings[letter]!.join('|')})`);
}

/**
 * A regular expression source that matches any district, town or municipality of Südwestfalen, towns also as the
 * adjective ("Olper", "Siegener"), for case-insensitive use between word boundaries ("aus Plettenberg", "im
 * Märkischen Kreis", "Luedenscheid").
 */
export const suedwestfalenPlaceSource = `(?:${[
  ...districts.map(umlautTolerant),
  ...municipalities.map((town) => `${umlautTolerant(town)}(?:e?r)?`),
]
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

const placePattern = new RegExp(`(?<![\\p{L}\\p{N}])${suedwestfalenPlaceSource}(?![\\p{L}\\p{N}])`, 'giu');

/** Every spelling of a word with umlauts: "lüdenscheid", "luedenscheid", "ludenscheid". */
function spellings(word: string): string[] {
  let out = [''];
  for (const letter of word) out = out.flatMap((start) => (umlautSpellings[letter] ?? [letter]).map((next) => start + next));
  return out;
}

/** The telling words of every name ("berleburg" of "Bad Berleburg", "märkischer" of "Märkischer Kreis"), each spelling. */
const placeWords = new Set(
  [...districts, ...municipalities].flatMap((name) =>
    name
      .toLowerCase()
      .split(/[-\s]+/)
      .filter((word) => word !== 'bad' && word !== 'kreis')
      .flatMap(spellings),
  ),
);

/**
 * Whether `text` may name a place of Südwestfalen: a quick look at its words, so that the patterns with all 60 names
 * (costly on every position of a message) run only on the few messages that name one.
 */
export function mayNameSuedwestfalenPlace(text: string): boolean {
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (placeWords.has(word)) return true;
    // The adjective: "Olper" (Olpe + r), "Siegener" (Siegen + er).
    if (word.endsWith('r') && (placeWords.has(word.slice(0, -1)) || placeWords.has(word.slice(0, -2)))) return true;
  }
  return false;
}

/**
 * The telling words of the names folded as the analyser folds them, for the look-up of typos: by length, those long
 * enough to allow a slip (`typoEdits`; no word has a typo of a shorter one).
 */
const foldedPlaceWordsByLength: string[][] = [];
for (const word of new Set([...placeWords].map(foldUmlauts))) {
  if (typoEdits(word.length) > 0) (foldedPlaceWordsByLength[word.length] ??= []).push(word);
}

/** Whether `folded` is one slip away from a telling word of a place, for recent words (users repeat their words). */
const nearPlaceWords = new RecentCache<string, boolean>(queryCacheSize);

/** Whether `folded` is one slip away from a telling word of a place (see `typoDistance`; never more than two edits). */
function nearPlaceWord(folded: string): boolean {
  return nearPlaceWords.remember(folded, slipFromPlaceWord);
}

function slipFromPlaceWord(folded: string): boolean {
  for (let length = folded.length - maxTypoEdits; length <= folded.length + maxTypoEdits; length++) {
    for (const place of foldedPlaceWordsByLength[length] ?? []) {
      if (place !== folded && typoDistance(folded, place) !== undefined) return true;
    }
  }
  return false;
}

/** The most slips `typoEdits` allows in any word. */
const maxTypoEdits = 2;

/**
 * The words of `text` that belong to a place name of Südwestfalen, lower-cased ("bad", "berleburg" for "Bad
 * Berleburg"; "bad" alone is no place), and words one slip away from a telling word of one ("plettenbreg", see
 * `typoDistance`).
 */
export function placeWordsIn(text: string): Set<string> {
  const words = new Set<string>();
  if (mayNameSuedwestfalenPlace(text)) {
    for (const match of text.normalize('NFC').matchAll(placePattern)) {
      for (const word of match[0].split(/[-\s]+/)) words.add(word.toLowerCase());
    }
  }
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (words.has(word) || placeWords.has(word) || typoEdits(word.length) === 0) continue;
    if (nearPlaceWord(foldUmlauts(word))) words.add(word);
  }
  return words;
}
