/**
 * Secrets the product generates for itself (the Direct Line token key, the pseudonym key), kept in the database, so
 * that every instance sharing it signs and checks with the same key and a restart keeps them.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/**
 * The secret called `name`: the stored one, else `initial()` (e.g. a key an older version kept in a file), else a new
 * random one. When two instances create it at once, both end up with the one stored first.
 */
export async function loadOrCreateSecret(db: Database, name: string, initial?: () => string | undefined): Promise<string> {
  const read = () => db.get<{ value: string }>('SELECT value FROM app_secrets WHERE name = ?', [name]);
  const stored = await read();
  if (stored) return stored.value;
  const value = initial?.() ?? randomBytes(32).toString('base64url');
  await db.run('INSERT INTO app_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [name, value, new Date().toISOString()]);
  return (await read())!.value;
}
