/**
 * The SQLite database holds conversations and the generated secrets (Direct Line token key, pseudonym key): only the
 * server's user may read it, also when an older version left it world-readable.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../src/store/secrets.js';
import { SQLITE_FILE_NAME, SqliteDatabase } from '../../src/store/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe('file modes of the SQLite store', () => {
  it('creates the database, its WAL files and DATA_DIR readable by the owner only', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'files-test-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const db = new SqliteDatabase({ dataDir });
    await loadOrCreateSecret(db, 'directline');
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    expect(mode(file)).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) expect(mode(file + suffix), suffix).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
    await db.close();
  });

  it('tightens a world-readable database left by an older version', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'files-test-'));
    dirs.push(dataDir);
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const db = new SqliteDatabase({ dataDir });
    expect(mode(file)).toBe(0o600);
    await db.close();
  });
});
