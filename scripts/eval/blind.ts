/**
 * Runs a held-out ("blind") batch once and prints what a user would have seen: a JSONL file written by someone who
 * read only the press release and the topic list, labelled afterwards. The file stays outside the repository so that
 * nobody tunes on it; the figures go into docs/quality.md.
 *
 * Each line: { id, lang, kind, text, after?, expected: string[], unanswerable?: true }
 * - `after`: the id of the previous question of the same conversation (a follow-up); its memory is carried over.
 * - `expected: ["#handoff"]`: a request for a person; right when the reply hands over (escalate).
 * - `unanswerable`: out of scope or not in the folder; wrong when answered confidently.
 *
 * Figures (over the answerable lines, handoff requests included):
 * - direct right first: a confident reply (answer, provider list, handoff) whose first id is expected;
 * - did-you-mean right first: a "did you mean" whose first option is expected (counted apart from the above);
 * - right among the first three: any of the first three ids is expected, confident or not;
 * - out of scope answered: unanswerable lines that got a confident answer or provider list.
 *
 * Usage: npx tsx scripts/eval/blind.ts FILE [--json OUT]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type ConversationMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shownOfReply } from './systems.js';

interface BlindLine {
  id: string;
  lang: string;
  kind: string;
  text: string;
  after?: string;
  expected: string[];
  unanswerable?: boolean;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/eval/blind.ts FILE [--json OUT]');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as BlindLine);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(path.join(root, 'knowledge'))));

const memories = new Map<string, ConversationMemory>();
const rows: Array<{ line: BlindLine; kind: string; ids: string[]; confident: boolean }> = [];
for (const line of lines) {
  const memory = line.after ? (memories.get(line.after) ?? emptyMemory()) : emptyMemory();
  const locale = line.lang === 'en' ? 'en-US' : 'de-DE';
  const turn = core.respond({ text: line.text, locale }, memory);
  memories.set(line.id, turn.memory);
  const shown = shownOfReply(turn.reply);
  const handoff = turn.reply.kind === 'escalate';
  rows.push({
    line,
    kind: turn.reply.kind,
    ids: handoff ? ['#handoff'] : shown.ids,
    confident: handoff || shown.confident,
  });
}

interface Tally {
  answerable: number;
  direct: number;
  didYouMean: number;
  top3: number;
  outOfScope: number;
  outOfScopeAnswered: number;
}
const empty = (): Tally => ({ answerable: 0, direct: 0, didYouMean: 0, top3: 0, outOfScope: 0, outOfScopeAnswered: 0 });
const byKind = new Map<string, Tally>();
const all = empty();
for (const row of rows) {
  const tallies = [all, byKind.get(row.line.kind) ?? byKind.set(row.line.kind, empty()).get(row.line.kind)!];
  const expected = new Set(row.line.expected);
  const answerable = !row.line.unanswerable && expected.size > 0;
  for (const t of tallies) {
    if (answerable) {
      t.answerable++;
      const first = row.ids[0] ?? '';
      if (row.confident && expected.has(first)) t.direct++;
      if (!row.confident && row.kind === 'didYouMean' && expected.has(first)) t.didYouMean++;
      if (row.ids.slice(0, 3).some((id) => expected.has(id))) t.top3++;
    } else {
      t.outOfScope++;
      if (row.confident && row.kind !== 'escalate' && row.ids.length > 0) t.outOfScopeAnswered++;
    }
  }
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)} % (${n} of ${of})`);
console.log('| kind | direct right first | did-you-mean right first | right among first three | out of scope answered |');
console.log('|---|---:|---:|---:|---:|');
for (const [kind, t] of [...byKind.entries(), ['**all**', all] as const]) {
  console.log(
    `| ${kind} | ${pct(t.direct, t.answerable)} | ${pct(t.didYouMean, t.answerable)} | ${pct(t.top3, t.answerable)} | ${pct(t.outOfScopeAnswered, t.outOfScope)} |`,
  );
}
const jsonAt = process.argv.indexOf('--json');
if (jsonAt >= 0) {
  const out = rows.map((r) => ({ id: r.line.id, text: r.line.text, expected: r.line.expected, kind: r.kind, confident: r.confident, ids: r.ids.slice(0, 3) }));
  writeFileSync(process.argv[jsonAt + 1]!, `${JSON.stringify(out, null, 1)}\n`);
}
