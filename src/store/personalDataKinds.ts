/**
 * The {@link PersonalDataKind}s of the store's own tables: the bot's conversation state and the website's Direct Line
 * conversations with their activity logs. The handoff's tables register theirs in `src/handoff/personalData.ts`.
 */
import { daysBefore } from './auditLog.js';
import { placeholders, type Database } from './database.js';
import type { DataSubject, PersonalDataKind } from './personalData.js';

/** botbuilder's ConversationState key of a conversation (channel id + conversation id, no namespace). */
export const conversationStateKey = (channelId: string, conversationId: string) => `${channelId}/conversations/${conversationId}/`;

/** The bot's memory of each conversation (language, last topic, …), kept for `retentionDays` after the last write. */
export function botStateKind(db: Database, retentionDays: number): PersonalDataKind {
  const keys = (subject: DataSubject) => [
    ...subject.conversationIds.map((id) => conversationStateKey(subject.channelId, id)),
    `${subject.channelId}/users/${subject.userId}/`,
  ];
  return {
    name: 'bot conversation state',
    deleteSubject: async (subject) => {
      const list = keys(subject);
      return (await db.run(`DELETE FROM bot_state WHERE key IN (${placeholders(list.length)})`, list)).changes;
    },
    exportSubject: async (subject) => {
      const list = keys(subject);
      const rows = await db.all<{ key: string; value: string; updated_at: string }>(
        `SELECT key, value, updated_at FROM bot_state WHERE key IN (${placeholders(list.length)}) ORDER BY key`,
        list,
      );
      return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at }));
    },
    sweep: async (now, batchSize) =>
      (
        await db.run('DELETE FROM bot_state WHERE key IN (SELECT key FROM bot_state WHERE updated_at < ? ORDER BY updated_at LIMIT ?)', [
          daysBefore(now, retentionDays),
          batchSize,
        ])
      ).changes,
  };
}

/** How long a conversation the user ended by deleting their data keeps its closing message (for delivery). */
export const ENDED_CONVERSATION_GRACE_MS = 5 * 60 * 1000;

/**
 * Website conversations and their activity logs (what the user and the bot wrote, in Direct Line form), kept for
 * `retentionDays` after the last activity. Only the website channel (`channelId`) keeps them.
 */
export function directLineKind(db: Database, channelId: string, retentionDays: number): PersonalDataKind {
  /** The subject's conversations: the ones named and every other one of the same Direct Line user id. */
  const conversationsOf = async (subject: DataSubject): Promise<string[]> => {
    if (subject.channelId !== channelId) return [];
    // An ended conversation has an empty user id: an unknown user must not match those.
    const rows = subject.userId ? await db.all<{ id: string }>('SELECT id FROM directline_conversations WHERE user_id = ?', [subject.userId]) : [];
    return [...new Set([...subject.conversationIds, ...rows.map((row) => row.id)])];
  };
  return {
    name: 'website conversations',
    deleteSubject: async (subject) => {
      const ids = await conversationsOf(subject);
      const live = subject.liveConversationId;
      const gone = ids.filter((id) => id !== live);
      let changed = 0;
      if (gone.length > 0) {
        changed += (await db.run(`DELETE FROM directline_activities WHERE conversation_id IN (${placeholders(gone.length)})`, gone)).changes;
        changed += (await db.run(`DELETE FROM directline_conversations WHERE id IN (${placeholders(gone.length)})`, gone)).changes;
      }
      if (live && ids.includes(live)) {
        // The closing message still goes through this conversation's log; nothing of before stays.
        changed += (await db.run('DELETE FROM directline_activities WHERE conversation_id = ?', [live])).changes;
        changed += (
          await db.run("UPDATE directline_conversations SET ended_at = ?, user_id = '', locale = NULL WHERE id = ?", [new Date().toISOString(), live])
        ).changes;
      }
      return changed;
    },
    exportSubject: async (subject) => {
      const out: unknown[] = [];
      for (const id of await conversationsOf(subject)) {
        const conversation = await db.get<{ id: string; user_id: string; locale: string | null; created_at: string; last_activity_at: string | null }>(
          'SELECT id, user_id, locale, created_at, last_activity_at FROM directline_conversations WHERE id = ?',
          [id],
        );
        if (!conversation) continue;
        const activities = await db.all<{ seq: number; activity: string; created_at: string }>(
          'SELECT seq, activity, created_at FROM directline_activities WHERE conversation_id = ? ORDER BY seq',
          [id],
        );
        out.push({
          conversationId: conversation.id,
          userId: conversation.user_id,
          locale: conversation.locale,
          createdAt: conversation.created_at,
          lastActivityAt: conversation.last_activity_at,
          activities: activities.map((row) => ({ seq: row.seq, at: row.created_at, activity: JSON.parse(row.activity) as unknown })),
        });
      }
      return out;
    },
    sweep: async (now, batchSize) => {
      const expiredWhere = 'last_activity_at < ? OR (ended_at IS NOT NULL AND ended_at < ?)';
      const cutoffs = [daysBefore(now, retentionDays), new Date(now.getTime() - ENDED_CONVERSATION_GRACE_MS).toISOString()];
      const expired = await db.all<{ id: string }>(`SELECT id FROM directline_conversations WHERE ${expiredWhere} ORDER BY last_activity_at LIMIT ?`, [
        ...cutoffs,
        batchSize,
      ]);
      if (expired.length === 0) return 0;
      const ids = expired.map((row) => row.id);
      // Each statement checks the expiry again: a conversation written to in between stays. The log goes first, in
      // its own statement, so that no statement cascades over an unbounded number of rows.
      const stillExpired = `SELECT id FROM directline_conversations WHERE id IN (${placeholders(ids.length)}) AND (${expiredWhere})`;
      await db.run(`DELETE FROM directline_activities WHERE conversation_id IN (${stillExpired})`, [...ids, ...cutoffs]);
      return (await db.run(`DELETE FROM directline_conversations WHERE id IN (${stillExpired})`, [...ids, ...cutoffs])).changes;
    },
  };
}
