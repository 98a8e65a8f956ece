/**
 * Which database the storage tests run on: SQLite (the default) or PostgreSQL, when vitest's `postgres` project sets
 * TEST_STORE=postgres (see vitest.config.ts and test/setup/postgres.ts, which starts a throwaway server).
 *
 * A test names its data by a data folder, as the app does; on PostgreSQL the same folder maps to one database of the
 * throwaway server, so a restart on the same folder finds the same data.
 *
 * @example
 * const env = await storeEnv(dataDir);   // {} on SQLite, { DATABASE_URL } on PostgreSQL
 * const db = await openTestDatabase(dataDir);
 * await dropStore(dataDir);
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/store/database.js';
import { PostgresDatabase } from '../../src/store/postgres.js';
import { SqliteDatabase } from '../../src/store/sqlite.js';

export type TestStore = 'sqlite' | 'postgres';

export const testStore: TestStore = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The throwaway server's admin URL (set by the global setup). */
function adminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_STORE=postgres needs TEST_POSTGRES_URL (set by test/setup/postgres.ts)');
  return url;
}

/** The database name that stands for a data folder. */
function databaseName(dataDir: string): string {
  return `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
}

function urlOf(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL URL of a data folder's database, created when missing. */
export async function postgresUrl(dataDir: string): Promise<string> {
  const name = databaseName(dataDir);
  await admin(async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created by a parallel call
    });
  });
  return urlOf(name);
}

/** Environment keys that put an app's data into the test store (DATA_DIR is set by the caller in both cases). */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  return testStore === 'postgres' ? { DATABASE_URL: await postgresUrl(dataDir), DATABASE_POOL_SIZE: '4' } : {};
}

/** Opens the test store of a data folder directly (store tests). */
export async function openTestDatabase(dataDir: string): Promise<Database> {
  if (testStore === 'postgres') return PostgresDatabase.open({ connectionString: await postgresUrl(dataDir), poolSize: 4, reconnectMs: 100 });
  return new SqliteDatabase({ dataDir });
}

/** Removes a data folder's PostgreSQL database (the folder itself is the caller's). */
export async function dropStore(dataDir: string): Promise<void> {
  if (testStore !== 'postgres') return;
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${databaseName(dataDir)} WITH (FORCE)`));
}
