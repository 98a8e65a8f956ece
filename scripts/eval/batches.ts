/**
 * The probes (scripts/eval/probes/) batch by batch: right first answers in scope and confident replies out of scope
 * per batch, the batches named by the comment line that opens them. The batches written by helpers and run once
 * (check, final and held-out batches) are the closest thing to unseen questions the project has; a change to the
 * search is judged on them next to the dev split (docs/quality.md).
 *
 * Usage: npx tsx scripts/eval/batches.ts [--json FILE]   (--json: also write the figures and every reply to FILE)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { inScopeBatches, outOfScopeBatches } from './probeSet.js';
import { shownOfReply } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(path.join(root, 'knowledge'))));
const jsonAt = process.argv.indexOf('--json');

const replies: Record<string, string> = {};
function ask(question: string) {
  const shown = shownOfReply(core.respond({ text: question }, emptyMemory()).reply);
  replies[question] = `${shown.kind}${shown.confident ? '' : '?'} ${shown.ids.slice(0, 3).join(',')}`;
  return shown;
}
const cell = (n: number, of: number) => `${n} of ${of}`;

let right = 0;
let asked = 0;
console.log('| in-scope batch | right first |\n|---|---:|');
for (const batch of inScopeBatches()) {
  let batchRight = 0;
  for (const { question, expected } of batch.probes) {
    const shown = ask(question);
    if (shown.confident && expected.includes(shown.ids[0] ?? '')) batchRight++;
  }
  console.log(`| ${batch.name} | ${cell(batchRight, batch.probes.length)} |`);
  right += batchRight;
  asked += batch.probes.length;
}
console.log(`| **all** | ${cell(right, asked)} |\n`);

let answered = 0;
let outOfScope = 0;
console.log('| out-of-scope batch | answered |\n|---|---:|');
for (const batch of outOfScopeBatches()) {
  const batchAnswered = batch.lines.filter((question) => ask(question).confident).length;
  console.log(`| ${batch.name} | ${cell(batchAnswered, batch.lines.length)} |`);
  answered += batchAnswered;
  outOfScope += batch.lines.length;
}
console.log(`| **all** | ${cell(answered, outOfScope)} |`);
if (jsonAt >= 0) writeFileSync(process.argv[jsonAt + 1]!, `${JSON.stringify(replies, null, 1)}\n`);
