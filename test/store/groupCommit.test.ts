/**
 * Group commit (`batchWrites`): a turn's writes are committed together right after the current round of I/O.
 * What others see: another connection (a backup, a second tool) finds the writes once the round is over; closing
 * the database (a restart) keeps them; a batch that cannot be committed is reported, and later writes still work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchWrites, onBatchError, openDatabase, type Db } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqliteStorage.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir = mkdtempSync(path.join(tmpdir(), 'group-commit-'))): { db: Db; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}

const nextRound = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('commits the writes of one round together; another connection sees them once the round is over', async () => {
    const { db, dir } = open();
    const storage = new SqliteStorage(db);
    await storage.write({ 'conv-1': { lang: 'de' } });
    await storage.write({ 'conv-2': { lang: 'en' } });
    expect(db.inTransaction).toBe(true);
    // The writing connection reads its own writes at once.
    expect(Object.keys(await storage.read(['conv-1', 'conv-2']))).toEqual(['conv-1', 'conv-2']);

    await nextRound();
    expect(db.inTransaction).toBe(false);
    const other = new SqliteStorage(open(dir).db);
    expect(await other.read(['conv-1', 'conv-2'])).toMatchObject({ 'conv-1': { lang: 'de' }, 'conv-2': { lang: 'en' } });
  });

  it('keeps a pending batch when the database is closed (a restart in the middle of a round)', async () => {
    const first = open();
    await new SqliteStorage(first.db).write({ 'conv-1': { lang: 'en', misses: 1 } });
    first.db.close();
    const again = new SqliteStorage(open(first.dir).db);
    expect((await again.read(['conv-1']))['conv-1']).toMatchObject({ lang: 'en', misses: 1 });
  });

  it('reports a batch that cannot be committed, and later writes still work', async () => {
    const { db, dir } = open();
    const failed = vi.fn();
    onBatchError(db, failed);
    batchWrites(db);
    // A foreign key checked only at commit: this activity's conversation does not exist, so the commit fails.
    db.pragma('defer_foreign_keys = ON');
    db.prepare(
      "INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at) VALUES ('missing', 1, 'a', '{}', '')",
    ).run();
    await nextRound();
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/FOREIGN KEY/) }));
    expect(db.inTransaction).toBe(false);

    await new SqliteStorage(db).write({ 'conv-1': { lang: 'de' } });
    await nextRound();
    expect((await new SqliteStorage(open(dir).db).read(['conv-1']))['conv-1']).toMatchObject({ lang: 'de' });
  });
});
