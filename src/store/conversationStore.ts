/**
 * Website conversations (Direct Line) and their activity logs.
 *
 * The log is append-only and numbered per conversation: the number of an entry is the Direct Line watermark, so a
 * client that reconnects with watermark `n` gets exactly the entries after `n`, also after a server restart. An
 * updated activity is appended again under its old id (Web Chat replaces activities by id); a deleted one gets a
 * `messageDelete` tombstone. {@link ConversationStore.transcript} folds this back into what the conversation shows.
 *
 * The interface is synchronous on purpose: the Direct Line stream reads the backlog and subscribes to new entries in
 * the same tick, so that nothing falls between the two.
 */
import type { Activity } from 'botbuilder';
import { batchWrites, statement, type Db } from './database.js';

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
}

/**
 * Persistence of website conversations, reused by the handoff feature to read transcripts.
 *
 * @example
 * const store = new SqliteConversationStore(db);
 * store.create({ id: 'c1', userId: 'dl_u1' });
 * const entry = store.append('c1', { type: 'message', text: 'Hallo' });
 * store.activitiesAfter('c1', 0); // → [entry]
 */
export interface ConversationStore {
  /** Creates a conversation; does nothing when it exists. Returns the stored record. */
  create(conversation: { id: string; userId: string; locale?: string }): ConversationRecord;
  get(conversationId: string): ConversationRecord | undefined;
  /** Marks the conversation as started; true only for the call that started it. */
  markStarted(conversationId: string, locale?: string): boolean;
  /**
   * Appends an activity to the log. Without `id` the activity gets `<conversationId>|<watermark>`; with an `id` it is
   * a new version of that activity. Throws when the conversation does not exist.
   */
  append(conversationId: string, activity: Partial<Activity> & { type: string }): LogEntry;
  /** Log entries after `watermark` (0: from the start), oldest first, at most `limit`. */
  activitiesAfter(conversationId: string, watermark: number, limit?: number): LogEntry[];
  /** The watermark of the newest entry (0 for an empty log). */
  lastWatermark(conversationId: string): number;
  /** The newest version of an activity, or undefined when it does not exist or was deleted. */
  findActivity(conversationId: string, activityId: string): LoggedActivity | undefined;
  /** What the conversation shows now: every activity once, in first-seen order, newest version, deletions left out. */
  transcript(conversationId: string): LoggedActivity[];
  /** Deletes a conversation and its log (e.g. on a user's request); true when it existed. */
  delete(conversationId: string): boolean;
}

/** Activity type of the tombstone that marks a deleted activity in the log. */
export const DELETED_ACTIVITY_TYPE = 'messageDelete';

const DEFAULT_PAGE = 100;

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: string;
  started_at: string | null;
}

function toRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    ...(row.locale ? { locale: row.locale } : {}),
    createdAt: row.created_at,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
  };
}

/** {@link ConversationStore} on the embedded SQLite database (tables from migration `002-directline-conversations`). */
export class SqliteConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}

  create(conversation: { id: string; userId: string; locale?: string }): ConversationRecord {
    statement(
        this.db,
        `INSERT INTO directline_conversations (id, user_id, locale, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO NOTHING`,
      )
      .run(conversation.id, conversation.userId, conversation.locale ?? null, new Date().toISOString());
    return this.get(conversation.id)!;
  }

  get(conversationId: string): ConversationRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM directline_conversations WHERE id = ?').get(conversationId) as
      | ConversationRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  markStarted(conversationId: string, locale?: string): boolean {
    const result = statement(
        this.db,
        `UPDATE directline_conversations SET started_at = ?, locale = COALESCE(?, locale)
         WHERE id = ? AND started_at IS NULL`,
      )
      .run(new Date().toISOString(), locale ?? null, conversationId);
    return result.changes === 1;
  }

  append(conversationId: string, activity: Partial<Activity> & { type: string }): LogEntry {
    batchWrites(this.db);
    return this.db.transaction((): LogEntry => {
      const bump = statement(this.db, 'UPDATE directline_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq')
        .pluck()
        .get(conversationId) as number | undefined;
      if (bump === undefined) throw new Error(`ConversationStore: unknown conversation ${conversationId}`);
      const logged = { ...activity, id: activity.id ?? `${conversationId}|${String(bump).padStart(7, '0')}` } as LoggedActivity;
      statement(
          this.db,
          'INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(conversationId, bump, logged.id, JSON.stringify(logged), new Date().toISOString());
      return { watermark: bump, activity: logged };
    })();
  }

  activitiesAfter(conversationId: string, watermark: number, limit = DEFAULT_PAGE): LogEntry[] {
    const rows = statement(
        this.db,
        'SELECT seq, activity FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(conversationId, watermark, limit) as { seq: number; activity: string }[];
    return rows.map((row) => ({ watermark: row.seq, activity: JSON.parse(row.activity) as LoggedActivity }));
  }

  lastWatermark(conversationId: string): number {
    const seq = statement(this.db, 'SELECT last_seq FROM directline_conversations WHERE id = ?').pluck().get(conversationId);
    return (seq as number | undefined) ?? 0;
  }

  findActivity(conversationId: string, activityId: string): LoggedActivity | undefined {
    const json = statement(
        this.db,
        `SELECT activity FROM directline_activities WHERE conversation_id = ? AND activity_id = ?
         ORDER BY seq DESC LIMIT 1`,
      )
      .pluck()
      .get(conversationId, activityId) as string | undefined;
    if (json === undefined) return undefined;
    const activity = JSON.parse(json) as LoggedActivity;
    return activity.type === DELETED_ACTIVITY_TYPE ? undefined : activity;
  }

  transcript(conversationId: string): LoggedActivity[] {
    const rows = statement(this.db, 'SELECT activity FROM directline_activities WHERE conversation_id = ? ORDER BY seq')
      .pluck()
      .all(conversationId) as string[];
    // A Map keeps the first insertion position when a key is set again: first-seen order, newest version.
    const byId = new Map<string, LoggedActivity>();
    for (const json of rows) {
      const activity = JSON.parse(json) as LoggedActivity;
      byId.set(activity.id, activity);
    }
    return [...byId.values()].filter((activity) => activity.type !== DELETED_ACTIVITY_TYPE);
  }

  delete(conversationId: string): boolean {
    return statement(this.db, 'DELETE FROM directline_conversations WHERE id = ?').run(conversationId).changes === 1;
  }
}
