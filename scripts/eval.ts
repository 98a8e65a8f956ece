/**
 * npm run eval — measures answer quality on the labelled questions (test/eval/questions.jsonl) for the assistant and
 * for a plain MiniSearch baseline, with latency, and prints Markdown tables (see docs/quality.md).
 *
 * Usage: npm run eval [-- --failures dev|test|all] [-- --rounds N]
 *   --failures  also list the questions answered wrongly (default: none; tune on dev only)
 *   --rounds    timing rounds over all questions (default 20)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate, byCategory, bySplit } from './eval/metrics.js';
import { comparisonTable, failures, splitTable } from './eval/report.js';
import { runEvaluation } from './eval/run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};

const run = runEvaluation({
  knowledgeDir: path.join(root, 'knowledge'),
  questionsFile: path.join(root, 'test/eval/questions.jsonl'),
  latencyRounds: Number(option('rounds') ?? 20),
});

const count = (split: 'dev' | 'test') => run.questions.filter((q) => q.split === split).length;
console.log(`# Answer quality (${run.questions.length} questions: ${count('dev')} dev, ${count('test')} test)\n`);
console.log(splitTable(run, 'test'), '\n');
console.log(splitTable(run, 'dev'), '\n');
console.log(comparisonTable(run), '\n');

const which = option('failures');
if (which) {
  const split = which === 'all' ? undefined : (which as 'dev' | 'test');
  console.log(`## Misses (${which})\n`);
  for (const line of failures(bySplit(run.assistant, split))) console.log(`- ${line}`);
  console.log();
}

const testResults = bySplit(run.assistant, 'test');
const test = aggregate(testResults);
const typo = aggregate(byCategory(testResults, 'typo'));
const noUmlaut = aggregate(byCategory(testResults, 'no-umlaut'));
const goals = [
  [`hit@1 on the test split ≥ 95 %`, test.hit1 >= 0.95],
  [`hit@1 on typo and no-umlaut questions (test) ≥ 90 %`, typo.hit1 >= 0.9 && noUmlaut.hit1 >= 0.9],
  [`false answers out of scope (test) ≤ 5 %`, test.falseAnswerRate <= 0.05],
] as const;
for (const [goal, met] of goals) console.log(`${met ? '✔' : '✘'} ${goal}`);
