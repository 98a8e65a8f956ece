/**
 * Grid search over a few thresholds and weights on the DEV split only (the test split stays unseen).
 * Prints the best settings by dev hit@1 among those that keep dev false answers out of scope at or below 5 %.
 *
 * Usage: npx tsx scripts/eval/tune.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore, decisionDefaults } from '../../src/core/respond.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { searchDefaults } from '../../src/knowledge/searchDefaults.js';
import { aggregate } from './metrics.js';
import { loadQuestions } from './questions.js';
import { evaluate } from './run.js';
import { assistantSystem } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const knowledge = loadKnowledge(path.join(root, 'knowledge'));
const dev = loadQuestions(path.join(root, 'test/eval/questions.jsonl'), knowledge).filter((q) => q.split === 'dev');
const index = new KnowledgeIndex(knowledge);
const system = assistantSystem(new AssistantCore(index));

// The defaults objects are frozen only by their types; the grid search sets them in place.
const search = searchDefaults as unknown as Record<string, number>;
const decision = decisionDefaults as unknown as Record<string, number>;
const grid: [Record<string, number>, string, number[]][] = [
  [search, 'lineShare', [0.2, 0.3, 0.45]],
  [search, 'minWordWeight', [0.1, 0.15, 0.2]],
  [decision, 'answerCoverage', [0.4, 0.45, 0.5]],
  [decision, 'answerMargin', [0.02, 0.04, 0.08]],
  [decision, 'providerCoverage', [0.3, 0.35, 0.4]],
];

const results: { settings: string; hit1: number; falseRate: number }[] = [];
function walk(depth: number, settings: string[]): void {
  if (depth === grid.length) {
    const a = aggregate(evaluate(system, dev));
    results.push({ settings: settings.join(' '), hit1: a.hit1, falseRate: a.falseAnswerRate });
    return;
  }
  const [target, key, values] = grid[depth]!;
  const original = target[key]!;
  for (const value of values) {
    target[key] = value;
    walk(depth + 1, [...settings, `${key}=${value}`]);
  }
  target[key] = original;
}
walk(0, []);
results.sort((a, b) => b.hit1 - a.hit1 || a.falseRate - b.falseRate);
for (const r of results.filter((x) => x.falseRate <= 0.05).slice(0, 15)) {
  console.log(`${(r.hit1 * 100).toFixed(1)} %  false ${(r.falseRate * 100).toFixed(1)} %  ${r.settings}`);
}
