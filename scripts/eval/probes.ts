/**
 * Runs the hand-written probe questions through the assistant and prints how each is handled: the reply kind, the
 * ids shown, and whether that is what the probe expects. A tuning aid next to the dev split, written to catch
 * over-fitting: the probes are not part of test/eval/questions.jsonl.
 *
 * - scripts/eval/probes/outOfScope.txt: one question per line; right is no confident reply.
 * - scripts/eval/probes/inScope.txt: `id, id | question`; right is a confident reply whose first id is listed.
 *
 * Usage: npx tsx scripts/eval/probes.ts [--misses] [--min-precision N]
 *   --misses         print only the probes handled wrongly
 *   --min-precision  answer with the calibrated decision at N % (as ANSWER_MIN_PRECISION=N)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { inScopeProbes, outOfScopeProbes } from './probeSet.js';
import { shownOfReply } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const precisionAt = process.argv.indexOf('--min-precision');
const answerMinPrecision = precisionAt >= 0 ? Number(process.argv[precisionAt + 1]) / 100 : undefined;
const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(path.join(root, 'knowledge'))), { answerMinPrecision });
const onlyMisses = process.argv.includes('--misses');

function handle(question: string) {
  return shownOfReply(core.respond({ text: question }, emptyMemory()).reply);
}

function describe(shown: ReturnType<typeof handle>): string {
  return `${shown.kind}${shown.confident ? '' : ' (not confident)'} ${shown.ids.join(', ')}`.trim();
}

let falseAnswers = 0;
const outOfScope = outOfScopeProbes();
console.log(`## Out of scope (${outOfScope.length})`);
for (const question of outOfScope) {
  const shown = handle(question);
  if (shown.confident) falseAnswers += 1;
  if (!onlyMisses || shown.confident) console.log(`${shown.confident ? '✘' : '✔'} ${question}  → ${describe(shown)}`);
}

let hits = 0;
const inScope = inScopeProbes();
console.log(`\n## In scope (${inScope.length})`);
for (const { question, expected } of inScope) {
  const shown = handle(question);
  const hit = shown.confident && expected.includes(shown.ids[0] ?? '');
  if (hit) hits += 1;
  if (!onlyMisses || !hit) console.log(`${hit ? '✔' : '✘'} ${question}  → ${describe(shown)}  (expected ${expected.join(', ')})`);
}

const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
console.log(`\nout of scope: ${falseAnswers} of ${outOfScope.length} confident (${percent(falseAnswers, outOfScope.length)})`);
console.log(`in scope: hit@1 ${hits} of ${inScope.length} (${percent(hits, inScope.length)})`);
