/**
 * Opens the configured database: PostgreSQL when `DATABASE_URL` is set, else SQLite under DATA_DIR.
 */
import type { Config } from '../config.js';
import type { Database } from './database.js';
import { SqliteDatabase } from './sqlite.js';

export type { Database, SqlRunner, Row, WriteResult } from './database.js';

/**
 * @example
 * const db = await openDatabase(config); // SQLite in ./data unless DATABASE_URL is set
 */
export async function openDatabase(config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): Promise<Database> {
  if (config.DATABASE_URL) {
    // Loaded only when configured: `pg` is not needed by a SQLite instance and costs start-up time.
    const { PostgresDatabase } = await import('./postgres.js');
    return PostgresDatabase.open({ connectionString: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  }
  return new SqliteDatabase({ dataDir: config.DATA_DIR });
}
