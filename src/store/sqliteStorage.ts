/**
 * botbuilder `Storage` on SQLite, so that conversation state (language, last question, …) survives a restart.
 * Optimistic concurrency with eTags, as botbuilder expects: a write with a stale eTag fails.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { Statement } from 'better-sqlite3';
import { batchWrites, type Db } from './database.js';

export class SqliteStorage implements Storage {
  /** Prepared once on first use: every turn reads and writes its state, and parsing SQL each time showed in profiles. */
  private statements?: {
    select: Statement<[string], { value: string; etag: number }>;
    selectEtag: Statement<[string], number>;
    upsert: Statement<[{ key: string; value: string; now: string }]>;
    remove: Statement<[string]>;
  };

  constructor(private readonly db: Db) {}

  private get sql() {
    this.statements ??= {
      select: this.db.prepare('SELECT value, etag FROM bot_state WHERE key = ?'),
      selectEtag: this.db.prepare<[string], number>('SELECT etag FROM bot_state WHERE key = ?').pluck(),
      upsert: this.db.prepare(
        `INSERT INTO bot_state (key, value, etag, updated_at) VALUES (@key, @value, 1, @now)
         ON CONFLICT(key) DO UPDATE SET value = @value, etag = etag + 1, updated_at = @now`,
      ),
      remove: this.db.prepare('DELETE FROM bot_state WHERE key = ?'),
    };
    return this.statements;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const { select } = this.sql;
    const items: StoreItems = {};
    for (const key of keys) {
      const row = select.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const { selectEtag, upsert } = this.sql;
    batchWrites(this.db);
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
        const current = selectEtag.get(key);
        if (eTag && eTag !== '*' && current !== undefined && String(current) !== eTag) {
          throw new Error(`SqliteStorage: eTag conflict for key ${key}`);
        }
        upsert.run({ key, value: JSON.stringify(value), now: new Date().toISOString() });
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    const { remove } = this.sql;
    batchWrites(this.db);
    this.db.transaction(() => keys.forEach((key) => remove.run(key)))();
  }
}
