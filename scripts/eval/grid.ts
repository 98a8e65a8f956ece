/**
 * Tries settings of the search and the decision on the dev split and the probes together, never on the test split:
 * for every combination it prints right first answers in scope and confident replies out of scope, for all of them
 * and for the dev split alone. How the fourth round's thresholds were chosen (docs/quality.md).
 *
 * Usage: npx tsx scripts/eval/grid.ts '{"answerMargin":[0.04,0.06],"classifierShare":[0.2,0.3]}'
 *        npx tsx scripts/eval/grid.ts            (the current settings only)
 * Keys are fields of `searchDefaults` (src/knowledge/searchDefaults.ts) or `decisionDefaults` (src/core/rules.ts).
 * Settings read while the index is built (the classifier's) need a new index: change them in the code instead.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore, decisionDefaults } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { searchDefaults } from '../../src/knowledge/searchDefaults.js';
import { inScopeProbes, outOfScopeProbes } from './probeSet.js';
import { loadQuestions } from './questions.js';
import { shownOfReply } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const knowledge = loadKnowledge(path.join(root, 'knowledge'));
const core = new AssistantCore(new KnowledgeIndex(knowledge));
const dev = loadQuestions(path.join(root, 'test/eval/questions.jsonl'), knowledge).filter((q) => q.split === 'dev');

interface Case {
  question: string;
  /** Ids that count as right; empty for an out-of-scope question. */
  expected: string[];
  dev: boolean;
}
const cases: Case[] = [
  ...inScopeProbes().map(({ question, expected }) => ({ question, expected, dev: false })),
  ...outOfScopeProbes().map((question) => ({ question, expected: [], dev: false })),
  ...dev.map((q) => ({ question: q.q, expected: q.expected, dev: true })),
];

// The defaults objects are frozen only by their types; the grid sets them in place and restores them.
const targets = [searchDefaults, decisionDefaults] as unknown as Record<string, number>[];
const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, number[]>;
for (const key of Object.keys(grid)) {
  if (!targets.some((target) => key in target)) throw new Error(`unknown setting ${key}`);
}

/** Right first answers in scope and confident replies out of scope, over `subset` of the cases. */
function count(subset: Case[]) {
  let right = 0;
  let inScope = 0;
  let falseAnswers = 0;
  for (const c of subset) {
    const shown = shownOfReply(core.respond({ text: c.question }, emptyMemory()).reply);
    if (c.expected.length > 0) {
      inScope += 1;
      if (shown.confident && c.expected.includes(shown.ids[0] ?? '')) right += 1;
    } else if (shown.confident && shown.ids.length > 0) falseAnswers += 1;
  }
  return `in scope ${right}/${inScope}, out of scope ${falseAnswers}/${subset.length - inScope}`;
}

function walk(keys: string[], label: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined) {
    console.log(`${label.join(' ') || 'current settings'} | all: ${count(cases)} | dev: ${count(cases.filter((c) => c.dev))}`);
    return;
  }
  const target = targets.find((t) => key in t)!;
  const original = target[key]!;
  for (const value of grid[key]!) {
    target[key] = value;
    walk(rest, [...label, `${key}=${value}`]);
  }
  target[key] = original;
}
walk(Object.keys(grid), []);
