/**
 * npm run tune — fits the calibration of the answer decision on the DEV split only (the test split stays unseen) and
 * writes it to src/core/calibration.json: a logistic model of "the best FAQ entry is right" over the answer evidence
 * (`src/core/features.ts`), and the recommended ANSWER_MIN_PRECISION: the setting with the best dev hit@1 among those
 * that keep out-of-scope questions refused at least 95 % of the time (ties: the stricter one). The core uses the
 * model only when ANSWER_MIN_PRECISION is set (docs/quality.md says why it is not the default).
 * Deterministic: the same folder and questions give the same file.
 *
 * Usage: npm run tune [-- --dry-run]   (--dry-run: print, do not write)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitCalibration } from '../../src/core/calibration.js';
import { AssistantCore } from '../../src/core/respond.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { aggregate } from './metrics.js';
import { loadQuestions } from './questions.js';
import { evaluate } from './run.js';
import { assistantSystem } from './systems.js';

/** The settings tried (percent). */
export const precisionSettings = [50, 60, 70, 75, 80, 85, 90, 95, 98];
/** Out-of-scope questions that must stay refused on dev. */
const minRefused = 0.95;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const knowledge = loadKnowledge(path.join(root, 'knowledge'));
const dev = loadQuestions(path.join(root, 'test/eval/questions.jsonl'), knowledge).filter((q) => q.split === 'dev');
const index = new KnowledgeIndex(knowledge);
const reader = new AssistantCore(index);

const rows = dev.flatMap((q) => {
  const evidence = reader.featuresOf(q.q).search.answer;
  return evidence ? [{ evidence, right: q.expected.includes(evidence.entry) }] : [];
});
const model = fitCalibration(rows);
console.log(`fitted on ${rows.length} dev questions (${rows.filter((r) => r.right).length} with the right entry first)`);
model.inputs.forEach((name, i) => console.log(`  ${name.padEnd(14)} ${model.weights[i]!.toFixed(3)}`));
console.log(`  ${'bias'.padEnd(14)} ${model.bias.toFixed(3)}\n`);

const results = precisionSettings.map((percent) => {
  const core = new AssistantCore(index, { calibration: model, answerMinPrecision: percent / 100 });
  const a = aggregate(evaluate(assistantSystem(core), dev));
  console.log(`ANSWER_MIN_PRECISION=${percent}: dev hit@1 ${(a.hit1 * 100).toFixed(1)} %, out of scope answered ${(a.falseAnswerRate * 100).toFixed(1)} %`);
  return { percent, ...a };
});
const hand = aggregate(evaluate(assistantSystem(new AssistantCore(index)), dev));
console.log(`hand thresholds:        dev hit@1 ${(hand.hit1 * 100).toFixed(1)} %, out of scope answered ${(hand.falseAnswerRate * 100).toFixed(1)} %`);
const allowed = results.filter((r) => 1 - r.falseAnswerRate >= minRefused);
const best = allowed.sort((a, b) => b.hit1 - a.hit1 || b.percent - a.percent)[0];
const recommended = best?.percent;
console.log(`\nrecommended ANSWER_MIN_PRECISION: ${recommended ?? 'none meets the out-of-scope goal'}`);
if (!process.argv.includes('--dry-run')) {
  const file = path.join(root, 'src/core/calibration.json');
  writeFileSync(file, `${JSON.stringify({ ...model, recommendedMinPrecision: recommended }, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}
