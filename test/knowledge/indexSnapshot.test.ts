/**
 * The index snapshot (src/knowledge/indexSnapshot.ts): an index restored from it answers exactly as a built one; a
 * changed file or curator change makes it stale; a damaged file is never used (the index is built, with the same
 * answers, and the file is written anew); INDEX_SNAPSHOT=false never writes or reads it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKnowledge } from '../../bench/generateKnowledge.js';
import { buildApplication } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildKnowledge } from '../../src/core/knowledgeBuilder.js';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { openIndex, readIndexSnapshot, snapshotKey, SNAPSHOT_FILE } from '../../src/knowledge/indexSnapshot.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { SearchOptions } from '../../src/knowledge/searchResult.js';
import { CuratorChangeStore } from '../../src/store/curatorChangeStore.js';
import { SqliteDatabase } from '../../src/store/sqlite.js';
import { pino } from 'pino';
import { fixtureKnowledgeDir, repoRoot, shippedKnowledgeDir } from '../helpers/app.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'index-snapshot-test-'));
  dirs.push(dir);
  return dir;
}

const questions = readFileSync(path.join(repoRoot, 'test', 'eval', 'questions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { q: string }).q);

/** The searches a turn makes (respond.ts) and one over everything: every hit's id, score and coverage. */
const searches: SearchOptions[] = [{}, { type: 'faq', limit: 5 }, { type: 'provider', limit: 9 }, { type: 'provider', region: 'dortmund', limit: 9 }];
function answers(index: KnowledgeIndex): unknown[] {
  const core = new AssistantCore(index, { searchCacheSize: 0 });
  return questions.map((q) => ({
    hits: searches.map((options) => index.search(q, options).hits.map((hit) => [hit.id, hit.score, hit.coverage, hit.why, hit.gaps])),
    reply: core.respond({ text: q }, emptyMemory()).reply,
  }));
}

const knowledge = loadKnowledge(shippedKnowledgeDir);
const built = new KnowledgeIndex(knowledge, { classifier: 'later' });

describe('an index restored from its snapshot', () => {
  const file = path.join(tempDir(), SNAPSHOT_FILE);
  const first = openIndex(knowledge, { classifier: 'later' }, { file, knowledgeHash: 'shipped' });
  first.save!();
  const restored = openIndex(knowledge, { classifier: 'later' }, { file, knowledgeHash: 'shipped' });

  it('is restored, not built, when the key matches', () => {
    expect(first).toMatchObject({ restored: false, problem: { kind: 'missing' } });
    expect(restored.restored).toBe(true);
    expect(restored.save).toBeUndefined();
  });

  it('answers every evaluation question as a built index does: same hits, scores, coverage and replies', async () => {
    // Before the phrasing classifier is trained (the first answers of a start) and after.
    expect(answers(restored.index)).toEqual(answers(built));
    await Promise.all([built.trainClassifier(), restored.index.trainClassifier()]);
    expect(answers(restored.index)).toEqual(answers(built));
  });

  it('is restored for a generated folder of 500 documents too, with the same hits', () => {
    const generated = path.join(tempDir(), 'knowledge-500');
    generateKnowledge(shippedKnowledgeDir, generated, 500);
    const large = loadKnowledge(generated);
    const largeFile = path.join(tempDir(), SNAPSHOT_FILE);
    const fresh = openIndex(large, { classifier: 'later' }, { file: largeFile, knowledgeHash: 'generated' });
    fresh.save!();
    const again = openIndex(large, { classifier: 'later' }, { file: largeFile, knowledgeHash: 'generated' });
    expect(again.restored).toBe(true);
    const hits = (index: KnowledgeIndex) =>
      questions.map((q) => searches.map((options) => index.search(q, options).hits.map((hit) => [hit.id, hit.score, hit.coverage])));
    expect(hits(again.index)).toEqual(hits(fresh.index));
  });

  it('is not used for other options, and a file written elsewhere is no snapshot', () => {
    expect(readIndexSnapshot(file, snapshotKey('shipped', { compoundWords: ['kartoffel'] }))).toMatchObject({ problem: { kind: 'stale' } });
    expect(readIndexSnapshot(path.join(repoRoot, 'package.json'), snapshotKey('shipped'))).toMatchObject({ problem: { kind: 'damaged' } });
  });

  it('is written for the owner only', () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('a damaged snapshot', () => {
  const dir = tempDir();
  const file = path.join(dir, SNAPSHOT_FILE);
  openIndex(knowledge, { classifier: 'later' }, { file, knowledgeHash: 'shipped' }).save!();
  const intact = readFileSync(file);
  const expected = answers(built);

  /** Opens the index over `bytes` as the snapshot file: built, with the answers of a built index; then saved anew. */
  function expectBuiltAndRepaired(bytes: Buffer, reason: RegExp) {
    writeFileSync(file, bytes);
    const opened = openIndex(knowledge, { classifier: 'later' }, { file, knowledgeHash: 'shipped' });
    expect(opened).toMatchObject({ restored: false, problem: { kind: 'damaged', reason: expect.stringMatching(reason) } });
    expect(answers(opened.index)).toEqual(expected);
    opened.save!();
    expect(openIndex(knowledge, { classifier: 'later' }, { file, knowledgeHash: 'shipped' }).restored).toBe(true);
  }

  it('truncated: built instead, same answers, written anew', () => {
    expectBuiltAndRepaired(intact.subarray(0, Math.floor(intact.length * 0.7)), /checksum/);
    expectBuiltAndRepaired(intact.subarray(0, 40), /not a snapshot/);
  });

  it('corrupt (one byte changed): built instead', () => {
    const corrupt = Buffer.from(intact);
    corrupt[corrupt.length - 1000] ^= 0xff;
    expectBuiltAndRepaired(corrupt, /checksum/);
  });

  it('foreign (another program, or a well-formed file whose parts do not make this index): built instead', () => {
    expectBuiltAndRepaired(Buffer.from('{"some":"json"}'), /not a snapshot/);
    // Right header and checksum, but not the parts of an index.
    const header = intact.subarray(0, intact.indexOf('\n', intact.indexOf('\n', intact.indexOf('\n') + 1) + 1) + 1);
    const key = header.toString('latin1').split('\n')[1]!;
    const withPayload = (payload: Buffer) => {
      const checksum = createHash('sha256').update(payload).digest('hex');
      return Buffer.concat([Buffer.from(`brueckenschlag index snapshot\n${key}\n${checksum}\n`, 'latin1'), payload]);
    };
    expectBuiltAndRepaired(withPayload(serialize({ format: 1, key, parts: { postings: 'nothing' } })), /foreign/);
    // The parts of another folder's index, under this folder's key.
    const other = new KnowledgeIndex(loadKnowledge(fixtureKnowledgeDir), { classifier: 'later' });
    expectBuiltAndRepaired(withPayload(serialize({ format: 1, key, parts: other.parts() })), /does not fit/);
  });
});

describe('the snapshot of a built knowledge version', () => {
  it('goes stale when a file of the folder or a curator change changes the knowledge', async () => {
    const root = tempDir();
    const dir = path.join(root, 'knowledge');
    cpSync(fixtureKnowledgeDir, dir, { recursive: true });
    const db = new SqliteDatabase({ dataDir: path.join(root, 'data') });
    const changes = new CuratorChangeStore(db);
    const snapshotFile = path.join(root, 'data', SNAPSHOT_FILE);
    const build = () => buildKnowledge({ dir, changes, snapshotFile, classifier: 'later' });
    const topHit = async (question: string) => (await build()).index.search(question, { type: 'faq', limit: 1 }).hits[0]?.id;
    try {
      const first = await build();
      expect(first.snapshot).toMatchObject({ restored: false, problem: { kind: 'missing' } });
      first.snapshot!.save!();
      expect((await build()).snapshot).toMatchObject({ restored: true });

      // A file changes: a new phrasing for the costs entry.
      const costs = path.join(dir, 'faq', 'de', 'kosten-de.md');
      writeFileSync(costs, readFileSync(costs, 'utf8').replace('  - Muss man etwas bezahlen?\n', '  - Muss man etwas bezahlen?\n  - Verlangt ihr Eintrittsgeld?\n'));
      const afterFile = await build();
      expect(afterFile.snapshot).toMatchObject({ restored: false, problem: { kind: 'stale' } });
      expect(afterFile.index.search('Verlangt ihr Eintrittsgeld?', { type: 'faq', limit: 1 }).hits[0]?.id).toBe('kosten-de');
      afterFile.snapshot!.save!();
      expect((await build()).snapshot).toMatchObject({ restored: true });

      // A curator adopts a question as a phrasing of the signing entry.
      const question = 'Welcher Füllfederhalter wurde benutzt?';
      expect(await topHit(question)).not.toBe('unterzeichnung-de');
      await changes.add({ action: 'phrasing', entryId: 'unterzeichnung-de', question }, 'Anna Berger');
      const afterChange = await build();
      expect(afterChange.snapshot).toMatchObject({ restored: false, problem: { kind: 'stale' } });
      expect(afterChange.index.search(question, { type: 'faq', limit: 1 }).hits[0]?.id).toBe('unterzeichnung-de');
      afterChange.snapshot!.save!();
      const restored = await build();
      expect(restored.snapshot).toMatchObject({ restored: true });
      expect(restored.index.search(question, { type: 'faq', limit: 1 }).hits[0]?.id).toBe('unterzeichnung-de');
    } finally {
      await db.close();
    }
  });
});

describe('INDEX_SNAPSHOT', () => {
  /**
   * Starts the app on `dataDir` with the fixture folder and stops it as SIGTERM does (`drain`). Returns the log messages
   * and whether the snapshot file existed while the app was serving.
   */
  async function startAndStop(dataDir: string, env: Record<string, string> = {}): Promise<{ messages: string[]; whileServing: boolean }> {
    const config = loadConfig({ KNOWLEDGE_DIR: fixtureKnowledgeDir, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, undefined);
    const messages: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void messages.push((JSON.parse(line) as { msg: string }).msg) });
    const app = await buildApplication(config, logger);
    const existed = existsSync(path.join(dataDir, SNAPSHOT_FILE));
    await app.listen();
    const whileServing = existsSync(path.join(dataDir, SNAPSHOT_FILE)) && !existed;
    await app.drain(1000);
    return { messages, whileServing };
  }

  it('is on by default: a stopping server writes the snapshot (not while serving), the next start restores its index from it', async () => {
    const dataDir = tempDir();
    expect(loadConfig({}, undefined).INDEX_SNAPSHOT).toBe(true);
    const first = await startAndStop(dataDir);
    expect(first.whileServing).toBe(false);
    expect(first.messages).toContain('index snapshot written');
    expect(existsSync(path.join(dataDir, SNAPSHOT_FILE))).toBe(true);
    const second = await startAndStop(dataDir);
    expect(second.messages).toContain('search index restored from its snapshot');
    expect(second.messages).not.toContain('index snapshot written');
  });

  it('false: no snapshot is written, and one already there is not read', async () => {
    const dataDir = tempDir();
    const off = await startAndStop(dataDir, { INDEX_SNAPSHOT: 'false' });
    expect(off.messages.filter((m) => /snapshot/.test(m))).toEqual([]);
    expect(existsSync(path.join(dataDir, SNAPSHOT_FILE))).toBe(false);
    await startAndStop(dataDir);
    expect(existsSync(path.join(dataDir, SNAPSHOT_FILE))).toBe(true);
    expect((await startAndStop(dataDir, { INDEX_SNAPSHOT: 'false' })).messages.filter((m) => /snapshot/.test(m))).toEqual([]);
  });
});
