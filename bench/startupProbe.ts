/**
 * Start-up probe, run in a fresh Node process by bench/run.ts: imports the built knowledge modules, loads and
 * validates a knowledge folder and builds the search index, then trains its phrasing classifier (as the app does after
 * start-up) and prints one JSON line with the timings.
 * `performance.now()` counts from the start of the process, so `readyMs` includes Node's own start and module loading.
 *
 * Usage: node startupProbe.js <built src dir> <knowledge dir>
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [builtSrc, knowledgeDir] = process.argv.slice(2) as [string, string];
const moduleUrl = (file: string) => pathToFileURL(path.join(builtSrc, file)).href;

const beforeImport = performance.now();
const { loadKnowledge } = (await import(moduleUrl('knowledge/loader.js'))) as typeof import('../src/knowledge/loader.js');
const { KnowledgeIndex } = (await import(moduleUrl('knowledge/knowledgeIndex.js'))) as typeof import('../src/knowledge/knowledgeIndex.js');
const afterImport = performance.now();
const knowledge = loadKnowledge(knowledgeDir);
const afterLoad = performance.now();
// As the app builds it: the phrasing classifier trains afterwards, in slices, while the server already answers.
const index = new KnowledgeIndex(knowledge, { classifier: 'later' });
const ready = performance.now();
// The wall clock of the parent stops at this line; the timings follow once the classifier is trained.
process.stdout.write('ready\n');
await index.trainClassifier();
const trained = performance.now();

// The index counts as ready before the classifier (`readyMs`): the app answers from then on.
process.stdout.write(
  `${JSON.stringify({
    documents: index.documentCount,
    nodeStartMs: beforeImport,
    importMs: afterImport - beforeImport,
    loadMs: afterLoad - afterImport,
    indexMs: ready - afterLoad,
    readyMs: ready,
    classifierMs: trained - ready,
  })}\n`,
);
