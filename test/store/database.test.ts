/**
 * The database behind every store, in both dialects: a write resolves only once it is committed (what a client is
 * told has happened survives a crash), a transaction commits all or nothing, notices reach listeners after the
 * commit, and on SQLite the file is private and writes are grouped.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME, SqliteDatabase } from '../../src/store/sqlite.js';
import { testStore } from '../helpers/testStore.js';
import { openStore } from './support.js';

describe(`database (${testStore})`, () => {
  it('shows a write to a second connection as soon as the write has resolved', async () => {
    const first = await openStore();
    const second = await openStore(first.dir);
    await first.db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['k', 'v', 'now']);
    expect(await second.db.get('SELECT value FROM handoff_settings WHERE key = ?', ['k'])).toEqual({ value: 'v' });
  });

  it('commits a transaction all or nothing', async () => {
    const { db } = await openStore();
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['a', '1', 'now']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.get('SELECT value FROM handoff_settings WHERE key = ?', ['a'])).toBeUndefined();
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['a', '1', 'now']);
      await tx.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['b', '2', 'now']);
    });
    expect(await db.all('SELECT key FROM handoff_settings ORDER BY key')).toEqual([{ key: 'a' }, { key: 'b' }]);
  });

  it('keeps statements of other requests out of a running transaction', async () => {
    const { db } = await openStore();
    const outside = db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['outside', '1', 'now']);
    const failed = db.transaction(async (tx) => {
      await tx.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['inside', '1', 'now']);
      await Promise.resolve();
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    await outside;
    expect(await db.all('SELECT key FROM handoff_settings ORDER BY key')).toEqual([{ key: 'outside' }]);
  });

  it('tells listeners after the commit, and never about a rolled-back transaction', async () => {
    const { db } = await openStore();
    const heard: string[] = [];
    db.listen('test', (payload) => heard.push(payload));
    await db.transaction(async (tx) => {
      await tx.notify('test', 'committed');
      expect(heard).toEqual([]);
    });
    await db.transaction(async (tx) => {
      await tx.notify('test', 'rolled back');
      throw new Error('no');
    }).catch(() => undefined);
    await db.notify('test', 'direct');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual(['committed', 'direct']);
  });

  // One process owns a SQLite file; instances share a PostgreSQL database.
  if (testStore === 'postgres') it('hears the notices of another instance', async () => {
    const first = await openStore();
    const second = await openStore(first.dir);
    const heard: string[] = [];
    second.db.listen('test', (payload) => heard.push(payload));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.db.notify('test', 'from the first');
    for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual(['from the first']);
  });
});

// Properties of the SQLite file and of how it saves commits.
if (testStore === 'sqlite') describe('SQLite file', () => {
  it('is readable by its owner only, with its journal files', async () => {
    const { db, dir } = await openStore();
    await db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['k', 'v', 'now']);
    for (const name of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]) {
      expect(statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
    }
    expect(statSync(dir).mode & 0o077).toBe(0);
  });

  it('groups the writes of one round into one commit', async () => {
    const { db } = await openStore();
    const connection = (db as SqliteDatabase).connection;
    const writes = [1, 2, 3].map((n) => db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', [`k${n}`, 'v', 'now']));
    // All three ran inside one open transaction; none has resolved yet.
    expect(connection.inTransaction).toBe(true);
    await Promise.all(writes);
    expect(connection.inTransaction).toBe(false);
  });

  it('rejects the writes of a group that cannot be committed, and later writes still work', async () => {
    const { db } = await openStore();
    const errors: unknown[] = [];
    db.onError((error) => errors.push(error));
    const connection = (db as SqliteDatabase).connection;
    const write = db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['lost', 'v', 'now']);
    // A foreign key checked only at commit: this activity's conversation does not exist, so the commit fails.
    connection.pragma('defer_foreign_keys = ON');
    connection
      .prepare("INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at) VALUES ('missing', 1, 'a', '{}', '')")
      .run();
    await expect(write).rejects.toThrow(/FOREIGN KEY/);
    expect(errors).toHaveLength(1);
    await db.run('INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)', ['kept', 'v', 'now']);
    expect(await db.all('SELECT key FROM handoff_settings')).toEqual([{ key: 'kept' }]);
  });
});
