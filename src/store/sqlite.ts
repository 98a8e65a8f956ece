/**
 * {@link Database} on SQLite (better-sqlite3): the embedded default, one file `assistant.sqlite` under DATA_DIR.
 *
 * Two connections: a writer, and a reader that sees committed data only (WAL mode). Writes use group commit: the
 * writes made while Node handles one round of I/O go into one transaction, committed right after that round
 * (`setImmediate`); each write's promise resolves after that commit. Every turn writes state, transcript lines and
 * activities; one commit for all of them costs about half of a commit each (docs/benchmarks.md).
 *
 * A transaction becomes a savepoint inside the current group. While one runs, other statements wait, so nothing of
 * another request slips into it; better-sqlite3 runs each statement synchronously, so a transaction that only runs
 * statements finishes within the same round.
 *
 * Files: the database is created with mode 0600 (SQLite gives its -wal and -shm files the same mode), and
 * `secure_delete` overwrites deleted content, so that deleted personal data is gone from the file, not only from
 * queries (see docs/privacy.md).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Row, SqlRunner, WriteResult } from './database.js';
import { migrations } from './migrations.js';

type Connection = BetterSqlite3.Database;

/** The database file's name under DATA_DIR. */
export const SQLITE_FILE_NAME = 'assistant.sqlite';

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans and dates are stored as 1/0 and text. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((value) =>
    value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.toISOString() : value,
  );
}

/** Statements prepared once per connection and reused: stores run the same few statements on every turn. */
class StatementCache {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly connection: Connection) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

function runStatement<R>(statements: StatementCache, sql: string, params: readonly unknown[]): WriteResult<R> {
  const statement = statements.get(sql);
  if (statement.reader) {
    const rows = statement.all(...bindable(params)) as R[];
    return { changes: rows.length, rows };
  }
  return { changes: statement.run(...bindable(params)).changes, rows: [] };
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group that nobody waits for (every writer failed before) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Creates the file with mode 0600 before SQLite does, and tightens an existing one. */
function privateFile(file: string): void {
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  } else {
    closeSync(openSync(file, 'a', 0o600));
  }
}

export interface SqliteOptions {
  /** DATA_DIR, or `':memory:'` for a throw-away database (one connection; reads see uncommitted writes). */
  dataDir: string;
}

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Connection;
  private readonly reader: Connection;
  private readonly writes: StatementCache;
  private readonly reads: StatementCache;
  /** The open group of writes and the promise its writers wait on. */
  private group?: Deferred;
  private commitScheduled = false;
  /** Held while a transaction runs; others wait for it. */
  private lock?: Promise<void>;
  /** Notices of the open group, sent after its commit. */
  private pendingNotices: [string, string][] = [];
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private readonly errorListeners: ((error: unknown) => void)[] = [];
  private closed = false;

  constructor(options: SqliteOptions) {
    const memory = options.dataDir === ':memory:';
    const file = memory ? ':memory:' : path.join(options.dataDir, SQLITE_FILE_NAME);
    if (!memory) {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      privateFile(file);
    }
    this.writer = new BetterSqlite3(file);
    if (!memory) {
      this.writer.pragma('journal_mode = WAL');
      // With WAL, NORMAL syncs at checkpoints instead of on every commit. A crash of the process loses nothing
      // committed; a power failure may lose the last commits.
      this.writer.pragma('synchronous = NORMAL');
    }
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('busy_timeout = 5000');
    this.writer.pragma('secure_delete = ON');
    migrate(this.writer);
    // Opened after the migrations, so that it sees the tables.
    this.reader = memory ? this.writer : new BetterSqlite3(file, { readonly: true });
    if (!memory) this.reader.pragma('busy_timeout = 5000');
    this.writes = new StatementCache(this.writer);
    this.reads = memory ? this.writes : new StatementCache(this.reader);
  }

  async all<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.reads.get(sql).all(...bindable(params)) as R[];
  }

  async get<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return this.reads.get(sql).get(...bindable(params)) as R | undefined;
  }

  async run<R = Row>(sql: string, params: readonly unknown[] = []): Promise<WriteResult<R>> {
    while (this.lock) await this.lock;
    const group = this.joinGroup();
    const result = runStatement<R>(this.writes, sql, params);
    await group;
    return result;
  }

  async notify(channel: string, payload: string): Promise<void> {
    while (this.lock) await this.lock;
    this.pendingNotices.push([channel, payload]);
    await this.joinGroup();
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    while (this.lock) await this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => (release = resolve));
    const group = this.joinGroup();
    const notices: [string, string][] = [];
    const tx: SqlRunner = {
      all: async <R>(sql: string, params: readonly unknown[] = []) => this.writes.get(sql).all(...bindable(params)) as R[],
      get: async <R>(sql: string, params: readonly unknown[] = []) => this.writes.get(sql).get(...bindable(params)) as R | undefined,
      run: async <R>(sql: string, params: readonly unknown[] = []) => runStatement<R>(this.writes, sql, params),
      notify: async (channel: string, payload: string) => {
        notices.push([channel, payload]);
      },
    };
    let result: T;
    this.writer.exec('SAVEPOINT tx');
    try {
      result = await work(tx);
      this.writer.exec('RELEASE tx');
      this.pendingNotices.push(...notices);
    } catch (error) {
      this.writer.exec('ROLLBACK TO tx');
      this.writer.exec('RELEASE tx');
      throw error;
    } finally {
      this.lock = undefined;
      release();
      // A commit that came due while the transaction ran waited for it.
      if (this.commitScheduled === false && this.group) this.scheduleCommit();
    }
    await group;
    return result;
  }

  listen(channel: string, listener: (payload: string) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** One process, no connection to lose: nothing is ever missed. */
  onResync(): () => void {
    return () => undefined;
  }

  onError(listener: (error: unknown) => void): void {
    this.errorListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.lock) await this.lock;
    this.commit();
    this.closed = true;
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  /**
   * Moves the whole WAL into the database file and truncates it (after a deletion, so that old page images with the
   * deleted rows are not left in the WAL). Commits the open write group first and runs between groups, so that no
   * write of this process holds the WAL; returns false when a reader elsewhere still did.
   */
  checkpoint(): Promise<boolean> {
    return this.betweenGroups(() => undefined);
  }

  /**
   * Rewrites the database file from its live rows (VACUUM), then checkpoints. `secure_delete` zeroes what a deletion
   * frees, but a copy of a row that the b-tree moved before (when a page was split or rebalanced) can stay in a page's
   * unused space; after a user's deletion not a byte of their data may be left in the file. Blocks this process for as
   * long as the rewrite takes (milliseconds for a small file, about a second per 100 MB); run it for deletions only.
   */
  compact(): Promise<boolean> {
    return this.betweenGroups(() => this.writer.exec('VACUUM'));
  }

  /** Runs `work` between write groups (the open one committed first), then checkpoints; false if a reader was busy. */
  private async betweenGroups(work: () => void): Promise<boolean> {
    while (this.lock) await this.lock;
    if (this.closed) return false;
    if (this.group) this.commit();
    work();
    const [result] = this.writer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return !result || result.busy === 0;
  }

  /** The raw writer connection, for maintenance that SQL through {@link Database} cannot express. */
  get connection(): Connection {
    return this.writer;
  }

  /** Opens the group of this round if none is open; returns the promise of its commit. */
  private joinGroup(): Promise<void> {
    if (this.closed) throw new Error('SqliteDatabase: the database is closed');
    if (!this.group) {
      this.writer.exec('BEGIN');
      this.group = deferred();
      this.scheduleCommit();
    }
    return this.group.promise;
  }

  private scheduleCommit(): void {
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      // Never commit in the middle of a transaction: it commits when it ends (see `transaction`).
      if (!this.lock) this.commit();
    });
  }

  private commit(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    const notices = this.pendingNotices;
    this.pendingNotices = [];
    try {
      this.writer.exec('COMMIT');
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      for (const listener of this.errorListeners) listener(error);
      group.reject(error);
      return;
    }
    group.resolve();
    for (const [channel, payload] of notices) {
      for (const listener of this.listeners.get(channel) ?? []) listener(payload);
    }
  }
}

/** Applies the migrations not yet applied, each in a transaction of its own. */
function migrate(connection: Connection): void {
  connection.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(connection.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    connection.transaction(() => {
      connection.exec(migration.sqlite);
      connection.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(migration.id, new Date().toISOString());
    })();
  }
}
