/**
 * {@link Database} on PostgreSQL (`DATABASE_URL=postgres://…`), for several instances sharing one database.
 *
 * - A pool of connections (`pg`) runs the statements; a write outside a transaction commits on its own.
 * - Migrations run at start in one transaction under an advisory lock, so two instances starting together apply
 *   each migration once.
 * - Notices: `pg_notify` inside the writer's transaction (delivered on commit), received over one dedicated
 *   connection that LISTENs. The instance that sent a notice delivers it to its own listeners at once and ignores the
 *   echo. When the listening connection is lost it reconnects with back-off and tells the resync listeners, who catch
 *   up from the tables (notices sent meanwhile are lost).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database, Row, SqlRunner, WriteResult } from './database.js';
import { migrations } from './migrations.js';

/** Key of the advisory lock that serialises migrations across instances (any constant of our own). */
const MIGRATION_LOCK = 727_001;

/** `?` placeholders → `$1, $2, …` (the stores write SQLite's style; no `?` appears in their string literals). */
const converted = new Map<string, string>();
export function toPostgresPlaceholders(sql: string): string {
  let out = converted.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    converted.set(sql, out);
  }
  return out;
}

/** Stored like SQLite stores them: booleans as 1/0, dates as ISO text, so that rows read the same in both dialects. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((value) =>
    value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.toISOString() : value,
  );
}

/** BIGINT and COUNT come back as numbers, like SQLite's integers (our ids and counters stay far below 2^53). */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  connectionString: string;
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Back-off of the listening connection's reconnects, in milliseconds (tests shorten it). */
  reconnectMs?: number;
}

async function runOn<R>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<WriteResult<R>> {
  const result = await client.query(toPostgresPlaceholders(sql), bindable(params));
  return { changes: result.rowCount ?? 0, rows: result.rows as R[] };
}

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  /** Tells this instance's notices apart from other instances'. */
  readonly instanceId = randomUUID();
  private readonly pool: pg.Pool;
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly errorListeners: ((error: unknown) => void)[] = [];
  private listener?: pg.Client;
  private listening?: Promise<void>;
  /** LISTEN commands on the listening connection, one after the other (a pg client runs one query at a time). */
  private listenCommands: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: PostgresOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize, types });
    // An idle connection that breaks (server restart) must not end the process; the next query gets a fresh one.
    this.pool.on('error', (error) => this.errorListeners.forEach((listener) => listener(error)));
  }

  /** Connects, migrates and starts listening. */
  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const db = new PostgresDatabase(options);
    try {
      await db.migrate();
      await db.startListening();
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }

  async all<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await runOn<R>(this.pool, sql, params)).rows;
  }

  async get<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await runOn<R>(this.pool, sql, params)).rows[0];
  }

  run<R = Row>(sql: string, params: readonly unknown[] = []): Promise<WriteResult<R>> {
    return runOn<R>(this.pool, sql, params);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, `${this.instanceId}|${payload}`]);
    this.deliver(channel, payload);
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const notices: [string, string][] = [];
    const tx: SqlRunner = {
      all: async <R>(sql: string, params: readonly unknown[] = []) => (await runOn<R>(client, sql, params)).rows,
      get: async <R>(sql: string, params: readonly unknown[] = []) => (await runOn<R>(client, sql, params)).rows[0],
      run: <R>(sql: string, params: readonly unknown[] = []) => runOn<R>(client, sql, params),
      notify: async (channel: string, payload: string) => {
        await client.query('SELECT pg_notify($1, $2)', [channel, `${this.instanceId}|${payload}`]);
        notices.push([channel, payload]);
      },
    };
    let result: T;
    try {
      await client.query('BEGIN');
      result = await work(tx);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    client.release();
    for (const [channel, payload] of notices) this.deliver(channel, payload);
    return result;
  }

  listen(channel: string, listener: (payload: string) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      this.listeners.set(channel, (set = new Set()));
      const client = this.listener;
      if (client) this.listenCommands = this.listenCommands.then(() => client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)).catch(() => undefined);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onError(listener: (error: unknown) => void): void {
    this.errorListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private deliver(channel: string, payload: string): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await tx.all<{ id: string }>('SELECT id FROM schema_migrations')).map((row) => row.id));
      for (const migration of migrations) {
        if (applied.has(migration.id)) continue;
        await tx.run(migration.postgres);
        await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [migration.id, new Date().toISOString()]);
      }
    });
  }

  /** Opens the listening connection and LISTENs to every channel that has listeners. */
  private async startListening(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      const bar = payload.indexOf('|');
      // Our own notices were delivered when they were committed.
      if (bar < 0 || payload.slice(0, bar) === this.instanceId) return;
      this.deliver(message.channel, payload.slice(bar + 1));
    });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.listener === client) this.listener = undefined;
      if (!this.closed) this.reconnect();
    });
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.listener = client;
  }

  private reconnect(): void {
    if (this.listening) return;
    const delay = this.options.reconnectMs ?? 1000;
    this.listening = (async () => {
      while (!this.closed) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        if (this.closed) break;
        try {
          await this.startListening();
          for (const listener of this.resyncListeners) listener();
          break;
        } catch (error) {
          this.errorListeners.forEach((listener) => listener(error));
        }
      }
    })().finally(() => (this.listening = undefined));
  }
}
