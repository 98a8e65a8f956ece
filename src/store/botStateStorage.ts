/**
 * botbuilder `Storage` on the product's database, so that conversation state (language, last question, …) survives a
 * restart and is shared by every instance. Optimistic concurrency with eTags, as botbuilder expects: a write with a
 * stale eTag fails, also when another instance wrote in between.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { placeholders, type Database } from './database.js';

/** Thrown when an item changed since it was read (botbuilder's eTag contract). */
export class StateConflictError extends Error {
  constructor(key: string) {
    super(`BotStateStorage: eTag conflict for key ${key}`);
    this.name = 'StateConflictError';
  }
}

/** Writes an item whatever its eTag: inserts it, or replaces the stored value and counts its eTag up. */
const UPSERT = `INSERT INTO bot_state (key, value, etag, updated_at) VALUES (?, ?, 1, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = bot_state.etag + 1, updated_at = excluded.updated_at`;

/** An item written only if its stored eTag is still the one read (none or `*` writes in any case). */
function isConditional(item: unknown): boolean {
  const eTag = (item as { eTag?: string } | undefined)?.eTag;
  return Boolean(eTag) && eTag !== '*';
}

export class BotStateStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.db.all<{ key: string; value: string; etag: number }>(
      `SELECT key, value, etag FROM bot_state WHERE key IN (${placeholders(keys.length)})`,
      keys,
    );
    for (const row of rows) items[row.key] = { ...JSON.parse(row.value), eTag: String(row.etag) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const [first] = entries;
    if (entries.length === 1 && !isConditional(first![1])) {
      // One unconditional write (the bot saves its memory so, once per turn) is one statement: atomic without a transaction.
      const [key, item] = first!;
      const { eTag: _eTag, ...value } = (item ?? {}) as Record<string, unknown>;
      await this.db.run(UPSERT, [key, JSON.stringify(value), new Date().toISOString()]);
      return;
    }
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
        const json = JSON.stringify(value);
        const now = new Date().toISOString();
        if (isConditional(item)) {
          const updated = await tx.run('UPDATE bot_state SET value = ?, etag = etag + 1, updated_at = ? WHERE key = ? AND CAST(etag AS TEXT) = ?', [
            json,
            now,
            key,
            eTag,
          ]);
          if (updated.changes === 1) continue;
          if (await tx.get('SELECT 1 AS found FROM bot_state WHERE key = ?', [key])) throw new StateConflictError(key);
        }
        await tx.run(UPSERT, [key, json, now]);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.run(`DELETE FROM bot_state WHERE key IN (${placeholders(keys.length)})`, keys);
  }
}
