/**
 * The product's database, behind one small async interface with two implementations:
 *
 * - SQLite (better-sqlite3), the embedded default: one file under DATA_DIR, for `npm start`, tests and a single
 *   instance;
 * - PostgreSQL (`DATABASE_URL=postgres://…`), for several instances sharing one database.
 *
 * Stores write portable SQL with `?` placeholders against {@link Database}; migrations are written per dialect. Every
 * write resolves only once it is committed, so a caller that acknowledges a request after `await`ing its writes never
 * acknowledges something a crash can take back. Reads outside a transaction see committed data only.
 *
 * `notify`/`listen` carry small change notices (ids, never content) between the instances sharing a database;
 * listeners read the rows themselves. On SQLite they stay in the process.
 */
export type Row = Record<string, unknown>;

/** What a write returns: the rows of its `RETURNING` clause and how many rows it changed. */
export interface WriteResult<R = Row> {
  changes: number;
  rows: R[];
}

/** Runs statements; the database itself and a transaction both are one. */
export interface SqlRunner {
  /** Every row of a query. */
  all<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** The first row of a query, or undefined. */
  get<R = Row>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** An INSERT, UPDATE or DELETE (with an optional RETURNING clause). Resolves once committed. */
  run<R = Row>(sql: string, params?: readonly unknown[]): Promise<WriteResult<R>>;
  /**
   * Tells every listener of `channel`, in this and every other instance, after the commit. `payload` names what
   * changed (ids); listeners read the rows.
   */
  notify(channel: string, payload: string): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Database extends SqlRunner {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: all of its statements commit together or none. `work` must only run statements
   * (no other waiting), and must use the runner it is given.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Calls `listener` with the payload of every notice on `channel`, from any instance. Returns the unsubscribe. */
  listen(channel: string, listener: (payload: string) => void): () => void;
  /**
   * Calls `listener` when notices may have been missed (the listening connection was lost and is back): listeners
   * catch up from the tables. Returns the unsubscribe.
   */
  onResync(listener: () => void): () => void;
  /** Runs after every failed background commit (the app logs it). */
  onError(listener: (error: unknown) => void): void;
  /** Commits what is pending and closes every connection. */
  close(): Promise<void>;
}

/** The error of a write that hit a UNIQUE or PRIMARY KEY constraint, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

const listOf = (count: number) => Array.from({ length: count }, () => '?').join(', ');
/** The lists of the short IN lists that turns ask for (one key, a few states), made once. */
const shortLists = Array.from({ length: 9 }, (_, count) => listOf(count));

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return shortLists[count] ?? listOf(count);
}
