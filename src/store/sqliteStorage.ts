/**
 * botbuilder `Storage` on SQLite, so that conversation state (language, last question, …) survives a restart.
 * Optimistic concurrency with eTags, as botbuilder expects: a write with a stale eTag fails.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database.js';

export class SqliteStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    const select = this.db.prepare('SELECT value, etag FROM bot_state WHERE key = ?');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = select.get(key) as { value: string; etag: number } | undefined;
      if (row) items[key] = { ...JSON.parse(row.value), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const select = this.db.prepare('SELECT etag FROM bot_state WHERE key = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO bot_state (key, value, etag, updated_at) VALUES (@key, @value, 1, @now)
       ON CONFLICT(key) DO UPDATE SET value = @value, etag = etag + 1, updated_at = @now`,
    );
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
        const current = select.get(key) as number | undefined;
        if (eTag && eTag !== '*' && current !== undefined && String(current) !== eTag) {
          throw new Error(`SqliteStorage: eTag conflict for key ${key}`);
        }
        upsert.run({ key, value: JSON.stringify(value), now: new Date().toISOString() });
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    const remove = this.db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.db.transaction(() => keys.forEach((key) => remove.run(key)))();
  }
}
