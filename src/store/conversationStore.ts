/**
 * Website conversations (Direct Line) and their activity logs.
 *
 * The log is append-only and numbered per conversation: the number of an entry is the Direct Line watermark, so a
 * client that reconnects with watermark `n` gets exactly the entries after `n`, also after a server restart. An
 * updated activity is appended again under its old id (Web Chat replaces activities by id); a deleted one gets a
 * `messageDelete` tombstone. {@link ConversationStore.transcript} folds this back into what the conversation shows.
 *
 * Every append is committed before it resolves and announced on the {@link CONVERSATION_CHANNEL} channel (to every
 * instance), so that open streams catch up from the log: a watermark is only ever handed out once its entry is durable,
 * and never again after a crash.
 */
import type { Activity } from 'botbuilder';
import type { Database } from './database.js';

/** An activity as kept in the log; `id` is always set. */
export type LoggedActivity = Partial<Activity> & { id: string; type: string };

/** One entry of a conversation's log. */
export interface LogEntry {
  /** Position in the conversation's log, starting at 1; the Direct Line watermark after this entry. */
  watermark: number;
  activity: LoggedActivity;
}

/** A website conversation. */
export interface ConversationRecord {
  id: string;
  /** The user's id in this conversation (also in the user's Direct Line token). */
  userId: string;
  /** Locale the client asked for when it started the conversation, e.g. `de-DE`. */
  locale?: string;
  createdAt: string;
  /** When the conversation was started (the welcome turn ran); unset for a conversation that only has a token. */
  startedAt?: string;
  /** When the user ended it by deleting their data; it keeps only the closing message until it is deleted. */
  endedAt?: string;
}

/** Notice channel of new log entries; the payload is `<conversationId> <watermark>`. */
export const CONVERSATION_CHANNEL = 'directline';

/** Activity type of the tombstone that marks a deleted activity in the log. */
export const DELETED_ACTIVITY_TYPE = 'messageDelete';

const DEFAULT_PAGE = 100;

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: string;
  started_at: string | null;
  ended_at?: string | null;
}

function toRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    ...(row.locale ? { locale: row.locale } : {}),
    createdAt: row.created_at,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
  };
}

/**
 * Persistence of website conversations, on the product's database (tables from migration
 * `002-directline-conversations`); the handoff feature reads transcripts from it too.
 *
 * @example
 * const store = new ConversationStore(db);
 * await store.create({ id: 'c1', userId: 'dl_u1' });
 * const entry = await store.append('c1', { type: 'message', text: 'Hallo' });
 * await store.activitiesAfter('c1', 0); // → [entry]
 */
export class ConversationStore {
  constructor(private readonly db: Database) {}

  /** Creates a conversation; does nothing when it exists. Returns the stored record. */
  async create(conversation: { id: string; userId: string; locale?: string }): Promise<ConversationRecord> {
    const now = new Date().toISOString();
    await this.db.run(
      `INSERT INTO directline_conversations (id, user_id, locale, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
      [conversation.id, conversation.userId, conversation.locale ?? null, now, now],
    );
    return (await this.get(conversation.id))!;
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = await this.db.get<ConversationRow>('SELECT * FROM directline_conversations WHERE id = ?', [conversationId]);
    return row ? toRecord(row) : undefined;
  }

  /** Marks the conversation as started; true only for the call that started it. */
  async markStarted(conversationId: string, locale?: string): Promise<boolean> {
    const result = await this.db.run(
      `UPDATE directline_conversations SET started_at = ?, locale = COALESCE(?, locale)
       WHERE id = ? AND started_at IS NULL`,
      [new Date().toISOString(), locale ?? null, conversationId],
    );
    return result.changes === 1;
  }

  /**
   * Appends an activity to the log. Without `id` the activity gets `<conversationId>|<watermark>`; with an `id` it is
   * a new version of that activity. Throws when the conversation does not exist.
   */
  append(conversationId: string, activity: Partial<Activity> & { type: string }): Promise<LogEntry> {
    return this.db.transaction(async (tx): Promise<LogEntry> => {
      // The row lock of this UPDATE orders concurrent appends to one conversation, also across instances.
      const at = new Date().toISOString();
      const bumped = await tx.run<{ last_seq: number }>(
        'UPDATE directline_conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq',
        [at, conversationId],
      );
      const seq = bumped.rows[0]?.last_seq;
      if (seq === undefined) throw new Error(`ConversationStore: unknown conversation ${conversationId}`);
      const logged = { ...activity, id: activity.id ?? `${conversationId}|${String(seq).padStart(7, '0')}` } as LoggedActivity;
      await tx.run('INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at) VALUES (?, ?, ?, ?, ?)', [
        conversationId,
        seq,
        logged.id,
        JSON.stringify(logged),
        at,
      ]);
      await tx.notify(CONVERSATION_CHANNEL, `${conversationId} ${seq}`);
      return { watermark: seq, activity: logged };
    });
  }

  /** Log entries after `watermark` (0: from the start), oldest first, at most `limit`. */
  async activitiesAfter(conversationId: string, watermark: number, limit = DEFAULT_PAGE): Promise<LogEntry[]> {
    const rows = await this.db.all<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [conversationId, watermark, limit],
    );
    return rows.map((row) => ({ watermark: row.seq, activity: JSON.parse(row.activity) as LoggedActivity }));
  }

  /** The watermark of the newest entry (0 for an empty log). */
  async lastWatermark(conversationId: string): Promise<number> {
    const row = await this.db.get<{ last_seq: number }>('SELECT last_seq FROM directline_conversations WHERE id = ?', [conversationId]);
    return row?.last_seq ?? 0;
  }

  /** The newest version of an activity, or undefined when it does not exist or was deleted. */
  async findActivity(conversationId: string, activityId: string): Promise<LoggedActivity | undefined> {
    const row = await this.db.get<{ activity: string }>(
      `SELECT activity FROM directline_activities WHERE conversation_id = ? AND activity_id = ?
       ORDER BY seq DESC LIMIT 1`,
      [conversationId, activityId],
    );
    if (!row) return undefined;
    const activity = JSON.parse(row.activity) as LoggedActivity;
    return activity.type === DELETED_ACTIVITY_TYPE ? undefined : activity;
  }

  /** What the conversation shows now: every activity once, in first-seen order, newest version, deletions left out. */
  async transcript(conversationId: string): Promise<LoggedActivity[]> {
    const rows = await this.db.all<{ activity: string }>('SELECT activity FROM directline_activities WHERE conversation_id = ? ORDER BY seq', [
      conversationId,
    ]);
    // A Map keeps the first insertion position when a key is set again: first-seen order, newest version.
    const byId = new Map<string, LoggedActivity>();
    for (const row of rows) {
      const activity = JSON.parse(row.activity) as LoggedActivity;
      byId.set(activity.id, activity);
    }
    return [...byId.values()].filter((activity) => activity.type !== DELETED_ACTIVITY_TYPE);
  }

  /** Deletes a conversation and its log (e.g. on a user's request); true when it existed. */
  async delete(conversationId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM directline_conversations WHERE id = ?', [conversationId])).changes === 1;
  }
}
