/**
 * Store tests open the test store (SQLite, or PostgreSQL in the `postgres` project) on a fresh data folder and close
 * and remove everything after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { dropStore, openTestDatabase } from '../helpers/testStore.js';

const opened: Database[] = [];
const folders = new Set<string>();

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of folders) {
    await dropStore(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  folders.clear();
});

/** Opens the test store in `dir` (a new temp folder by default); opening the same folder again is a restart. */
export async function openStore(dir = mkdtempSync(path.join(tmpdir(), 'store-test-'))): Promise<{ db: Database; dir: string }> {
  folders.add(dir);
  const db = await openTestDatabase(dir);
  opened.push(db);
  return { db, dir };
}
