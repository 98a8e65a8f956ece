/**
 * npm run gaps — the knowledge-gap report on the command line, from the configured database and KNOWLEDGE_DIR.
 *
 * Usage: npm run gaps [-- --days N] [--lang de|en] [--sort largest|newest] [--export FILE.md|FILE.csv] [--write]
 *   (none)      prints the report as Markdown
 *   --export    writes the report to FILE (CSV when it ends in .csv, else Markdown)
 *   --write     writes the pending curator changes into the folder's files (plain edits to review and commit
 *               with git); changes the folder has then are retired
 */
import { writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config.js';
import { buildKnowledge } from '../src/core/knowledgeBuilder.js';
import { LiveKnowledge } from '../src/core/liveKnowledge.js';
import { gapsCsv, gapsMarkdown } from '../src/curation/gapExport.js';
import { CuratorService, type ReportFilter } from '../src/curation/curatorService.js';
import { KnowledgeError } from '../src/knowledge/loader.js';
import { Pseudonyms } from '../src/privacy/pseudonym.js';
import { CuratorChangeStore } from '../src/store/curatorChangeStore.js';
import { openDatabase } from '../src/store/index.js';
import { QuestionLog } from '../src/store/questionLog.js';
import { loadOrCreateSecret } from '../src/store/secrets.js';

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const filter: ReportFilter = {};
const days = value('--days');
if (days !== undefined) {
  if (!/^\d+$/.test(days)) fail('--days: expected a number of days');
  filter.days = Number(days);
}
const lang = value('--lang');
if (lang !== undefined) {
  if (lang !== 'de' && lang !== 'en') fail('--lang: expected de or en');
  filter.lang = lang;
}
const sort = value('--sort');
if (sort !== undefined) {
  if (sort !== 'largest' && sort !== 'newest') fail('--sort: expected largest or newest');
  filter.sort = sort;
}

const db = await openDatabase(config);
try {
  const changes = new CuratorChangeStore(db);
  const build = () => buildKnowledge({ dir: config.KNOWLEDGE_DIR, changes, classifier: 'later' });
  let initial;
  try {
    initial = await build();
  } catch (error) {
    if (error instanceof KnowledgeError) fail(error.message);
    throw error;
  }
  const knowledge = new LiveKnowledge(initial, build);
  const log = new QuestionLog(db, new Pseudonyms(await loadOrCreateSecret(db, 'pseudonym')), config.QUESTION_LOG_RETENTION_DAYS);
  const curation = new CuratorService({ knowledge, changes, log, dir: config.KNOWLEDGE_DIR });

  if (args.includes('--write')) {
    const { files, reload } = await curation.write({ id: 'cli', name: 'npm run gaps', curator: true });
    console.log(files.length ? `Written into ${config.KNOWLEDGE_DIR}:\n${files.map((f) => `  ${f}`).join('\n')}` : 'No pending changes to write.');
    if (!reload.ok) fail(`The folder has problems now:\n${reload.status.problems.join('\n')}`);
  }
  const groups = await curation.gaps(filter);
  const weeks = await curation.quality(filter);
  const target = value('--export');
  if (target) {
    writeFileSync(target, target.toLowerCase().endsWith('.csv') ? gapsCsv(groups) : gapsMarkdown(groups, weeks));
    console.log(`${groups.length} gap group(s) written to ${target}`);
  } else if (!args.includes('--write')) {
    console.log(gapsMarkdown(groups, weeks));
  }
} finally {
  await db.close();
}
