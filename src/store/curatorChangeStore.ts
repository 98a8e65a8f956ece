/**
 * Curators' changes to the knowledge (who, when, what), shared by every instance of the database. Each build of the
 * index applies the changes not yet retired over the folder (src/knowledge/curatorChanges.ts); a change the folder
 * has already is retired. Every new change is announced on {@link KNOWLEDGE_CHANNEL}, so that all instances rebuild.
 */
import { randomUUID } from 'node:crypto';
import { placeholders, type Database } from './database.js';

/** The notice channel on which a curator change (or a reload request) is announced. */
export const KNOWLEDGE_CHANNEL = 'knowledge_changed';

interface ChangeRow {
  id: number | string;
  payload: string;
  author: string;
  created_at: string;
  written_at: string | null;
  retired_at: string | null;
}

/** A change as stored; `data` is checked by its reader (src/knowledge/curatorChanges.ts has the schema). */
export interface StoredChange {
  id: number;
  data: { action: string } & Record<string, unknown>;
  author: string;
  createdAt: string;
  writtenAt: string | null;
  retiredAt: string | null;
}

function changeOf(row: ChangeRow): StoredChange {
  return {
    id: Number(row.id),
    data: JSON.parse(row.payload) as StoredChange['data'],
    author: row.author,
    createdAt: row.created_at,
    writtenAt: row.written_at,
    retiredAt: row.retired_at,
  };
}

export class CuratorChangeStore {
  /** Names this instance in its notices, so that it does not rebuild twice for its own change. */
  private readonly instance = randomUUID();

  constructor(private readonly db: Database) {}

  /** Whether a notice on {@link KNOWLEDGE_CHANNEL} came from this instance (which rebuilds by itself). */
  isOwnNotice(payload: string): boolean {
    return payload.startsWith(`${this.instance}:`);
  }

  /** Stores a change and announces it to every instance; returns it. */
  async add(data: StoredChange['data'], author: string): Promise<StoredChange> {
    const { rows } = await this.db.run<{ id: number | string }>(
      'INSERT INTO curator_changes (action, payload, author, created_at) VALUES (?, ?, ?, ?) RETURNING id',
      [data.action, JSON.stringify(data), author, new Date().toISOString()],
    );
    const id = Number(rows[0]!.id);
    await this.db.notify(KNOWLEDGE_CHANNEL, `${this.instance}:${id}`);
    return (await this.get(id))!;
  }

  async get(id: number): Promise<StoredChange | undefined> {
    const row = await this.db.get<ChangeRow>('SELECT * FROM curator_changes WHERE id = ?', [id]);
    return row ? changeOf(row) : undefined;
  }

  /** Changes not yet in the folder, oldest first: what every build applies. */
  async active(): Promise<StoredChange[]> {
    return (await this.db.all<ChangeRow>('SELECT * FROM curator_changes WHERE retired_at IS NULL ORDER BY id')).map(changeOf);
  }

  /** Every change, newest first (the console's history). */
  async list(limit = 200): Promise<StoredChange[]> {
    return (await this.db.all<ChangeRow>('SELECT * FROM curator_changes ORDER BY id DESC LIMIT ?', [limit])).map(changeOf);
  }

  /** The folder has these changes now. */
  async retire(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.run(`UPDATE curator_changes SET retired_at = ? WHERE id IN (${placeholders(ids.length)}) AND retired_at IS NULL`, [
      new Date().toISOString(),
      ...ids,
    ]);
  }

  /** These changes were written into the folder's files (they retire once the folder is read with them). */
  async markWritten(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.run(`UPDATE curator_changes SET written_at = ? WHERE id IN (${placeholders(ids.length)})`, [new Date().toISOString(), ...ids]);
  }
}
