/**
 * The embedded SQLite database (better-sqlite3) under DATA_DIR. One file, WAL mode, schema migrations applied in
 * order at open. Each feature owns its tables through a migration in `migrations.ts`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** Opens (and migrates) the database in `dataDir`; `':memory:'` gives a throw-away database for tests. */
export function openDatabase(dataDir: string | ':memory:'): Db {
  let db: Db;
  if (dataDir === ':memory:') {
    db = new Database(':memory:');
  } else {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(path.join(dataDir, 'assistant.sqlite'));
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL syncs at checkpoints instead of on every commit: a turn writes several rows (state,
    // transcript, reference) and each fsync blocked the event loop (~0.2 ms per commit, see docs/benchmarks.md).
    // The database stays consistent on a crash; only the last commits can be lost on power failure.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  // Closing commits a pending batch of writes first (see `batchWrites`): SQLite would roll it back.
  const close = db.close.bind(db);
  db.close = () => {
    commitBatch(db);
    return close();
  };
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(migration.id, new Date().toISOString());
    })();
  }
}

/** What to do when a batch cannot be committed (see {@link batchWrites}); set by the app to log it. */
const batchErrorHandlers = new WeakMap<Db, (error: unknown) => void>();

/** Reports failed batch commits of `db` to `handler` (the app logs them). */
export function onBatchError(db: Db, handler: (error: unknown) => void): void {
  batchErrorHandlers.set(db, handler);
}

/**
 * Group commit: the writes made while Node handles one round of I/O go into one transaction, committed right after
 * that round (`setImmediate`). Every turn writes its state, transcript lines and conversation reference; as separate
 * commits they cost about twice as much (measured with `npm run bench`). Call it before a write on the hot path.
 *
 * Reads see the batch's writes (one connection), `db.transaction()` inside a batch becomes a savepoint, and
 * `db.close()` commits what is pending (see `openDatabase`), so a graceful stop loses nothing. A crash can lose the writes of the
 * current round (well under a millisecond), as a power failure can with `synchronous = NORMAL`.
 */
export function batchWrites(db: Db): void {
  if (db.inTransaction) return;
  db.exec('BEGIN');
  setImmediate(() => commitBatch(db));
}

function commitBatch(db: Db): void {
  if (!db.open || !db.inTransaction) return;
  try {
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    const handler = batchErrorHandlers.get(db);
    if (handler) handler(error);
    else throw error;
  }
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * `db.prepare(sql)`, prepared once per database and reused: stores run the same few statements on every turn, and
 * preparing them each time showed in CPU profiles under load.
 */
export function statement<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared as unknown as Database.Statement<P, R>;
}
