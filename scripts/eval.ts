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
import { evaluate, runEvaluation } from './eval/run.js';
import { AssistantCore } from '../src/core/respond.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { KnowledgeIndex } from '../src/knowledge/knowledgeIndex.js';
import { assistantSystem } from './eval/systems.js';
import type { QuestionResult } from './eval/metrics.js';

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

// The calibrated answer decision (ANSWER_MIN_PRECISION): how many answerable questions get a direct reply, and how
// many of those are right, at several settings; "hand" is the default (the hand-set thresholds).
{
  const index = new KnowledgeIndex(loadKnowledge(path.join(root, 'knowledge')));
  const settings: (number | undefined)[] = [undefined, 30, 50, 60, 70, 80, 90, 95];
  const pct = (n: number, d: number) => (d === 0 ? '–' : `${((n / d) * 100).toFixed(1)} %`);
  const row = (results: QuestionResult[]) => {
    const answerable = results.filter((r) => r.question.expected.length > 0);
    const direct = answerable.filter((r) => r.shown.confident);
    const outOfScope = results.filter((r) => r.question.expected.length === 0);
    return `${pct(direct.length, answerable.length)} | ${pct(direct.filter((r) => r.hit1).length, direct.length)} | ${pct(outOfScope.filter((r) => r.falseAnswer).length, outOfScope.length)}`;
  };
  console.log('## Calibrated answer decision (ANSWER_MIN_PRECISION)\n');
  console.log('| setting | dev direct | dev precision | dev out of scope answered | test direct | test precision | test out of scope answered |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const setting of settings) {
    const system = assistantSystem(new AssistantCore(index, { answerMinPrecision: setting === undefined ? undefined : setting / 100 }));
    const of = (split: 'dev' | 'test') => row(evaluate(system, run.questions.filter((q) => q.split === split)));
    console.log(`| ${setting === undefined ? 'unset (hand thresholds)' : `${setting} %`} | ${of('dev')} | ${of('test')} |`);
  }
  console.log();
}

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
