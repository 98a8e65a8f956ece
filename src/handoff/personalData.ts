/**
 * The {@link PersonalDataKind}s of the handoff's tables: transcripts (what user, bot and staff wrote in a conversation
 * that reached staff), the conversation addresses kept while a ticket is open, and the tickets themselves. A user's
 * deletion anonymises their tickets: staff keep that a ticket existed, its reason and outcome, without names,
 * addresses, notes or text (a ticket's topic is the user's last question, so it goes too). Closed tickets and their transcripts expire `ticketRetentionDays` after closing.
 */
import { daysBefore } from '../store/auditLog.js';
import { placeholders, type Database } from '../store/database.js';
import type { DataSubject, PersonalDataKind } from '../store/personalData.js';
import { conversationKey } from './address.js';
import { openStates } from './ticketStateMachine.js';
import type { TranscriptStore } from './transcriptStore.js';

const openStateList = openStates.map((state) => `'${state}'`).join(', ');

/** The store keys of the subject's conversations. */
export function subjectKeys(subject: DataSubject): string[] {
  return subject.conversationIds.map((id) => conversationKey({ channelId: subject.channelId, conversation: { id } }));
}

/** What an anonymised ticket shows instead of the user's name. */
export const ANONYMISED = '(gelöscht / deleted)';

export interface HandoffRetention {
  /** Days after closing that a ticket and its transcript are kept. */
  ticketRetentionDays: number;
  /** Days a conversation's address is kept after its last write. */
  conversationRetentionDays: number;
}

/**
 * @param onAnonymised told the ids of tickets a deletion anonymised, after the commit (the bot layer then updates
 *   their cards in the staff channel, which showed the user's name and messages).
 */
export function handoffPersonalDataKinds(
  db: Database,
  transcripts: TranscriptStore,
  retention: HandoffRetention,
  onAnonymised: (ticketIds: number[]) => void = () => undefined,
): PersonalDataKind[] {
  const transcriptKind: PersonalDataKind = {
    name: 'handoff transcripts',
    deleteSubject: async (subject) => {
      const keys = subjectKeys(subject);
      for (const key of keys) transcripts.forget(key);
      return (await db.run(`DELETE FROM handoff_messages WHERE conversation_key IN (${placeholders(keys.length)})`, keys)).changes;
    },
    exportSubject: async (subject) => {
      const keys = subjectKeys(subject);
      const rows = await db.all<{ conversation_key: string; seq: number; role: string; author: string; text: string; created_at: string }>(
        `SELECT conversation_key, seq, role, author, text, created_at FROM handoff_messages
         WHERE conversation_key IN (${placeholders(keys.length)}) ORDER BY seq`,
        keys,
      );
      const stored = rows.map((row) => ({ conversation: row.conversation_key, role: row.role, author: row.author, text: row.text, at: row.created_at }));
      // What this instance still holds in memory only (recent messages of a conversation without a ticket).
      const inMemory = keys.flatMap((key) =>
        transcripts.remembered(key).map((m) => ({ conversation: key, role: m.role, author: m.author, text: m.text, at: m.at.toISOString(), inMemoryOnly: true })),
      );
      return [...stored, ...inMemory];
    },
    sweep: async (now, batchSize) => {
      // A conversation's messages go when no ticket of it is open or closed within the retention, and they are older
      // than a conversation's retention (rows of before data minimisation, from conversations without a ticket).
      const ticketCutoff = daysBefore(now, retention.ticketRetentionDays);
      const conversationCutoff = daysBefore(now, retention.conversationRetentionDays);
      return (
        await db.run(
          `DELETE FROM handoff_messages WHERE seq IN (
             SELECT m.seq FROM handoff_messages m
             WHERE m.created_at < ? AND NOT EXISTS (
               SELECT 1 FROM handoff_tickets t WHERE t.conversation_key = m.conversation_key
                 AND (t.state IN (${openStateList}) OR t.updated_at >= ?))
             ORDER BY m.seq LIMIT ?)`,
          [conversationCutoff, ticketCutoff, batchSize],
        )
      ).changes;
    },
  };

  const addressKind: PersonalDataKind = {
    name: 'conversation addresses',
    deleteSubject: async (subject) => {
      const keys = subjectKeys(subject);
      return (await db.run(`DELETE FROM handoff_references WHERE conversation_key IN (${placeholders(keys.length)})`, keys)).changes;
    },
    exportSubject: async (subject) => {
      const keys = subjectKeys(subject);
      const rows = await db.all<{ conversation_key: string; reference: string; user_name: string | null; updated_at: string }>(
        `SELECT conversation_key, reference, user_name, updated_at FROM handoff_references WHERE conversation_key IN (${placeholders(keys.length)})`,
        keys,
      );
      return rows.map((row) => ({ conversation: row.conversation_key, address: JSON.parse(row.reference) as unknown, userName: row.user_name, updatedAt: row.updated_at }));
    },
    sweep: async (now, batchSize) =>
      (
        await db.run(
          `DELETE FROM handoff_references WHERE conversation_key IN (
             SELECT r.conversation_key FROM handoff_references r WHERE r.updated_at < ? AND NOT EXISTS (
               SELECT 1 FROM handoff_tickets t WHERE t.conversation_key = r.conversation_key AND t.state IN (${openStateList}))
             LIMIT ?)`,
          [daysBefore(now, retention.conversationRetentionDays), batchSize],
        )
      ).changes,
  };

  const ticketKind: PersonalDataKind = {
    name: 'handoff tickets',
    deleteSubject: async (subject) => {
      const keys = subjectKeys(subject);
      const at = new Date().toISOString();
      const ids = await db.transaction(async (tx) => {
        const tickets = await tx.all<{ id: number; state: string }>(
          `SELECT id, state FROM handoff_tickets WHERE conversation_key IN (${placeholders(keys.length)})`,
          keys,
        );
        for (const ticket of tickets) {
          const open = openStates.includes(ticket.state as (typeof openStates)[number]);
          // The ticket stays with its reason, providers, state and history; who it was and what they asked (the
          // topic is their last question) goes.
          await tx.run(
            `UPDATE handoff_tickets SET conversation_key = ?, reference = '{}', user_name = ?, topic = '', state = ?, updated_at = CASE WHEN ? = 1 THEN ? ELSE updated_at END,
               transcript_from_seq = 0, transcript_to_seq = 0 WHERE id = ?`,
            [`deleted|${ticket.id}`, ANONYMISED, open ? 'cancelled' : ticket.state, open ? 1 : 0, at, ticket.id],
          );
          await tx.run('UPDATE handoff_ticket_events SET note = NULL WHERE ticket_id = ?', [ticket.id]);
          await tx.run("UPDATE handoff_ticket_events SET actor_id = 'deleted', actor_name = ? WHERE ticket_id = ? AND actor_kind = 'user'", [
            ANONYMISED,
            ticket.id,
          ]);
          if (open) {
            await tx.run(
              `INSERT INTO handoff_ticket_events (ticket_id, at, action, actor_kind, actor_id, actor_name, from_state, to_state, note)
               VALUES (?, ?, 'cancel', 'system', 'privacy', 'Datenlöschung / data deletion', ?, 'cancelled', NULL)`,
              [ticket.id, at, ticket.state],
            );
          }
        }
        return tickets.map((ticket) => ticket.id);
      });
      if (ids.length > 0) onAnonymised(ids);
      return ids.length;
    },
    exportSubject: async (subject) => {
      const keys = subjectKeys(subject);
      const tickets = await db.all<Record<string, unknown> & { id: number }>(
        `SELECT id, state, channel_id, user_name, lang, reason, topic, provider_ids, claimed_by_name, created_at, updated_at
         FROM handoff_tickets WHERE conversation_key IN (${placeholders(keys.length)}) ORDER BY id`,
        keys,
      );
      const out: unknown[] = [];
      for (const ticket of tickets) {
        const history = await db.all('SELECT at, action, actor_kind, actor_name, from_state, to_state, note FROM handoff_ticket_events WHERE ticket_id = ? ORDER BY id', [
          ticket.id,
        ]);
        out.push({ ...ticket, history });
      }
      return out;
    },
    sweep: async (now, batchSize) => {
      const cutoff = daysBefore(now, retention.ticketRetentionDays);
      const expired = `SELECT id FROM handoff_tickets WHERE state NOT IN (${openStateList}) AND updated_at < ? ORDER BY id LIMIT ?`;
      await db.run(`DELETE FROM handoff_ticket_events WHERE ticket_id IN (${expired})`, [cutoff, batchSize]);
      return (await db.run(`DELETE FROM handoff_tickets WHERE id IN (${expired})`, [cutoff, batchSize])).changes;
    },
  };

  // Transcripts before tickets: a ticket's deletion makes its messages unreachable by conversation.
  return [transcriptKind, addressKind, ticketKind];
}
