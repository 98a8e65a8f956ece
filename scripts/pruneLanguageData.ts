/**
 * Writes `src/knowledge/germanEnglishNgrams.json`: eld's extra-small n-gram database cut down to the n-grams with a
 * German or an English score, and to those two scores. The assistant only tells German from English, and parsing
 * eld's full database (60 languages, ~1 MB of JavaScript) was a tenth of the app's start-up; the cut one is ~85 kB.
 * The language list stays whole: eld numbers its languages and sizes its score table by that list.
 *
 * Run after updating eld: `npm run language-data`. A test checks that the file matches the installed eld.
 */
import { writeFileSync } from 'node:fs';
import { germanEnglishNgrams, languageDataFile } from '../src/knowledge/languageData.js';

const data = await germanEnglishNgrams();
writeFileSync(languageDataFile, `${JSON.stringify(data)}\n`);
console.log(`${languageDataFile}: ${Object.keys(data.ngrams).length} n-grams`);
