/**
 * npm run eval:loop — proof that the curator loop works. Takes the committed batch (scripts/eval/loopBatch.jsonl:
 * questions the bot hedged on, each with a different wording of the same need written beforehand), lets a simulated
 * curator adopt the first of each pair as a phrasing of its entry through the same service the console uses
 * (CuratorService.change), rebuilds, and measures the second wordings before and after. Nothing is tuned here.
 *
 * Runs on a temp copy of the shipped folder and a temp SQLite database; the repository is not touched.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKnowledge } from '../src/core/knowledgeBuilder.js';
import { LiveKnowledge } from '../src/core/liveKnowledge.js';
import { emptyMemory, type Reply } from '../src/core/types.js';
import { CuratorService } from '../src/curation/curatorService.js';
import { Pseudonyms } from '../src/privacy/pseudonym.js';
import { CuratorChangeStore } from '../src/store/curatorChangeStore.js';
import { QuestionLog } from '../src/store/questionLog.js';
import { SqliteDatabase } from '../src/store/sqlite.js';

interface Pair {
  entry: string;
  adopt: string;
  probe: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const batchFile = path.join(root, 'scripts', 'eval', 'loopBatch.jsonl');
const pairs = readFileSync(batchFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Pair);

type Outcome = 'direct right' | 'direct wrong' | 'did you mean, right first' | 'did you mean, other' | "don't know" | 'other';
const outcomes: Outcome[] = ['direct right', 'direct wrong', 'did you mean, right first', 'did you mean, other', "don't know", 'other'];

function outcomeOf(reply: Reply, expected: string): Outcome {
  if (reply.kind === 'answer') return reply.entry.id === expected ? 'direct right' : 'direct wrong';
  if (reply.kind === 'didYouMean') return reply.candidates[0]?.id === expected ? 'did you mean, right first' : 'did you mean, other';
  if (reply.kind === 'unknown' || (reply.kind === 'escalate' && reply.reason === 'unanswered')) return "don't know";
  return 'other';
}

function measure(knowledge: LiveKnowledge, field: 'adopt' | 'probe'): Record<Outcome, number> {
  const counts = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  const { core } = knowledge.get();
  for (const pair of pairs) counts[outcomeOf(core.respond({ text: pair[field] }, emptyMemory()).reply, pair.entry)]++;
  return counts;
}

const work = mkdtempSync(path.join(tmpdir(), 'eval-loop-'));
const dir = path.join(work, 'knowledge');
cpSync(path.join(root, 'knowledge'), dir, { recursive: true });
const db = new SqliteDatabase({ dataDir: work });
try {
  const changes = new CuratorChangeStore(db);
  const build = () => buildKnowledge({ dir, changes, classifier: 'before' });
  const knowledge = new LiveKnowledge(await build(), build);
  const curation = new CuratorService({ knowledge, changes, log: new QuestionLog(db, new Pseudonyms('eval'), 90), dir });

  const adoptedBefore = measure(knowledge, 'adopt');
  const before = measure(knowledge, 'probe');
  const curator = { id: 'eval:curator', name: 'Simulated curator', curator: true };
  let refused = 0;
  for (const pair of pairs) {
    try {
      await curation.change({ action: 'phrasing', entryId: pair.entry, question: pair.adopt }, curator, { reload: false });
    } catch {
      refused++;
    }
  }
  const reload = await curation.reload();
  if (!reload.ok) throw new Error(`rebuild failed:\n${reload.status.problems.join('\n')}`);
  const adoptedAfter = measure(knowledge, 'adopt');
  const after = measure(knowledge, 'probe');

  const pct = (n: number) => `${((100 * n) / pairs.length).toFixed(0)} %`;
  const table = (title: string, a: Record<Outcome, number>, b: Record<Outcome, number>) => {
    console.log(`\n${title}\n`);
    console.log('| outcome | before | after |');
    console.log('|---|---|---|');
    for (const o of outcomes) console.log(`| ${o} | ${a[o]} (${pct(a[o])}) | ${b[o]} (${pct(b[o])}) |`);
  };
  console.log(`# eval:loop — ${pairs.length} pairs from ${path.relative(root, batchFile)}; ${pairs.length - refused} adopted as phrasings, ${refused} refused`);
  table('Second wordings (not adopted; the measure):', before, after);
  table('Adopted questions (sanity check):', adoptedBefore, adoptedAfter);
} finally {
  await db.close();
  rmSync(work, { recursive: true, force: true });
}
