/**
 * The n-gram database of the language detector (eld), cut down to German and English.
 *
 * eld ships one database for 60 languages (~1 MB of JavaScript to parse at every start); about 90 % of its n-grams
 * have neither a German nor an English score, so they can never change a German/English
 * decision (eld adds up each language's scores on its own; the subset drops the others). The cut database
 * (`germanEnglishNgrams.json`, ~85 kB) is written by `npm run language-data` from the installed eld, and a test
 * checks that it still matches. eld only exposes whole databases, so the cut one is loaded through eld's own module
 * files, reached by their file URLs; if a future eld moves them, `language.ts` falls back to its public entry.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** eld's database format (its `ngrams/*.js` files export one as `ngramsData`). */
export interface NgramDatabase {
  /** Where the data comes from (an addition of ours; eld ignores it). */
  source?: string;
  type: string;
  /** All of eld's languages by number: eld sizes its score table by this list, so it stays whole. */
  languages: Record<string, string>;
  /** Per n-gram: language number → score. */
  ngrams: Record<string, Record<string, number>>;
}

/** The committed cut database (written by `scripts/pruneLanguageData.ts`). */
export const languageDataFile = fileURLToPath(new URL('./germanEnglishNgrams.json', import.meta.url));

/** URL of a module file inside eld's `src/` folder. */
export function eldModuleUrl(file: string): string {
  return new URL(`../${file}`, import.meta.resolve('eld/extrasmall')).href;
}

/** eld's extra-small database with only the n-grams, and the scores, of German and English. */
export async function germanEnglishNgrams(): Promise<NgramDatabase> {
  const { ngramsData } = (await import(eldModuleUrl('ngrams/extrasmall.js'))) as { ngramsData: NgramDatabase };
  const kept = Object.keys(ngramsData.languages).filter((id) => ['de', 'en'].includes(ngramsData.languages[id]!));
  const ngrams: NgramDatabase['ngrams'] = {};
  for (const [ngram, scores] of Object.entries(ngramsData.ngrams)) {
    const germanEnglish = Object.fromEntries(kept.filter((id) => scores[id] !== undefined).map((id) => [id, scores[id]!]));
    if (Object.keys(germanEnglish).length > 0) ngrams[ngram] = germanEnglish;
  }
  return {
    source: `eld ${eldVersion()} (Apache-2.0, Nito T.M., https://github.com/nitotm/efficient-language-detector-js), extrasmall database cut to de and en`,
    type: ngramsData.type,
    languages: ngramsData.languages,
    ngrams,
  };
}

function eldVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', eldModuleUrl('')), 'utf8')) as { version: string }).version;
}
