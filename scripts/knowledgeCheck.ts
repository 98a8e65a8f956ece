/**
 * npm run knowledge:check — lints the knowledge folder; prints every problem as `file: field: reason` (exit 1).
 * On a valid folder it prints a summary and the providers per topic and region with the gaps (see
 * scripts/knowledge/coverage.ts), and warns (exit 0) about provider sources older than KNOWLEDGE_SOURCE_MAX_AGE_YEARS.
 *
 * Usage: npm run knowledge:check [-- <folder>] [-- --write-docs[=<file>]]
 *   <folder>      the knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)
 *   --write-docs  also put the coverage table between the coverage markers of docs/knowledge-format.md (or <file>)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/loader.js';
import { readLexicon } from '../src/knowledge/lexicon.js';
import { projectPath } from '../src/projectRoot.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { coverageMarkdown, sourceAges, withCoverage } from './knowledge/coverage.js';

const args = process.argv.slice(2);
const writeDocsArg = args.find((arg) => arg === '--write-docs' || arg.startsWith('--write-docs='));
const docsFile = writeDocsArg?.includes('=')
  ? path.resolve(writeDocsArg.slice(writeDocsArg.indexOf('=') + 1))
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'knowledge-format.md');
const folderArg = args.find((arg) => !arg.startsWith('--'));

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function load(dir: string): Knowledge {
  try {
    return loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) {
      for (const problem of error.problems) console.error(problem);
      process.exit(1);
    }
    throw error;
  }
}

const settings = config();
const knowledge = load(folderArg ?? settings.KNOWLEDGE_DIR);
// The language knowledge (lexicon.yml, places.yml): validated apart, it is no content of the folder's documents. A
// folder without them (a test fixture) is served with the project's own (src/knowledge/lexicon.ts).
const folder = folderArg ?? settings.KNOWLEDGE_DIR;
const ownLexicon = existsSync(path.join(folder, 'lexicon.yml'));
const lexicon = readLexicon(ownLexicon ? folder : projectPath('knowledge'));
if (!lexicon.lexicon) {
  for (const problem of lexicon.problems) console.error(problem);
  process.exit(1);
}
for (const [region, id] of ownLexicon ? Object.entries(lexicon.lexicon.partners) : []) {
  if (!knowledge.providers.some((p) => p.id === id && p.region === region)) {
    console.error(`places.yml: regions.${region}.partner: "${id}" is no provider of that region`);
    process.exit(1);
  }
}
const byRegion = (region: string) => knowledge.providers.filter((p) => p.region === region).length;
console.log(
  `knowledge ok: ${knowledge.faqs.length} FAQ entries (${knowledge.faqs.filter((f) => f.lang === 'de').length} de, ${knowledge.faqs.filter((f) => f.lang === 'en').length} en), ` +
    `${knowledge.providers.length} providers (${byRegion('dortmund')} Dortmund, ${byRegion('suedwestfalen')} Südwestfalen), ` +
    `${knowledge.topics.length} topics, ${knowledge.synonyms.length} synonym groups`,
);

const coverage = coverageMarkdown(knowledge);
console.log(`\nProviders per topic and region:\n\n${coverage}`);
if (writeDocsArg) {
  writeFileSync(docsFile, withCoverage(readFileSync(docsFile, 'utf8'), coverage));
  console.log(`\nwrote the table to ${path.relative(process.cwd(), docsFile)}`);
}

const maxAge = settings.KNOWLEDGE_SOURCE_MAX_AGE_YEARS;
const ages = sourceAges(knowledge, new Date(), maxAge);
if (ages.old.length > 0) {
  console.error(
    `\nwarning: ${ages.old.length} provider source${ages.old.length === 1 ? ' is' : 's are'} older than ${maxAge} year${maxAge === 1 ? '' : 's'} ` +
      `(KNOWLEDGE_SOURCE_MAX_AGE_YEARS); re-read them or find newer ones:`,
  );
  for (const provider of ages.old) console.error(`  ${provider.file}: sourceDate ${provider.sourceDate}`);
}
if (ages.undated.length > 0) {
  console.error(`\nnote: ${ages.undated.length} provider source${ages.undated.length === 1 ? ' states' : 's state'} no date (sourceDate: undated): ${ages.undated.map((p) => p.id).join(', ')}`);
}
