/**
 * Conversation state in SQLite: what a turn saves is there in the next turn and after the database is opened again,
 * a write with a stale eTag is refused (botbuilder's optimistic concurrency), and deleted state is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqliteStorage.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir = mkdtempSync(path.join(tmpdir(), 'sqlite-storage-'))): { storage: SqliteStorage; db: Db; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { storage: new SqliteStorage(db), db, dir };
}

describe('SqliteStorage', () => {
  it('returns what was written, with an eTag, and nothing for unknown keys', async () => {
    const { storage } = open();
    await storage.write({ 'conv-1': { lang: 'en', misses: 1 } });
    const items = await storage.read(['conv-1', 'unknown']);
    expect(items['conv-1']).toMatchObject({ lang: 'en', misses: 1 });
    expect(items['conv-1']!.eTag).toEqual(expect.any(String));
    expect(items.unknown).toBeUndefined();
  });

  it('keeps the state when the database is opened again', async () => {
    const first = open();
    await first.storage.write({ 'conv-1': { lang: 'de' } });
    first.db.close();
    const again = open(first.dir);
    expect((await again.storage.read(['conv-1']))['conv-1']).toMatchObject({ lang: 'de' });
  });

  it('refuses a write with a stale eTag and accepts one with the current eTag or "*"', async () => {
    const { storage } = open();
    await storage.write({ conv: { n: 1 } });
    const read = (await storage.read(['conv'])).conv!;
    await storage.write({ conv: { n: 2, eTag: read.eTag } });
    await expect(storage.write({ conv: { n: 3, eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ conv: { n: 4, eTag: '*' } });
    expect((await storage.read(['conv'])).conv).toMatchObject({ n: 4 });
  });

  it('forgets deleted keys', async () => {
    const { storage } = open();
    await storage.write({ a: { x: 1 }, b: { x: 2 } });
    await storage.delete(['a']);
    const items = await storage.read(['a', 'b']);
    expect(items.a).toBeUndefined();
    expect(items.b).toMatchObject({ x: 2 });
  });

  it('opens the database file in WAL mode without a sync on every commit', () => {
    const { db } = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 = NORMAL (2 would be FULL).
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });
});
