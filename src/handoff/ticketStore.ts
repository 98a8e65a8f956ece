/**
 * Tickets and their history. Every state change runs the pure state machine and writes the result in one transaction
 * whose UPDATE only matches the state it was computed from, so two staff members claiming the same ticket at once
 * (even on two instances sharing the database) end with exactly one winner, without any lock in the process.
 */
import type { EscalationReason } from '../core/types.js';
import { AppError } from '../errors.js';
import type { Language } from '../knowledge/schema.js';
import { isUniqueViolation, placeholders, type Database, type SqlRunner } from '../store/database.js';
import type { ConversationAddress } from './address.js';
import {
  openStates,
  transition,
  type Actor,
  type StaffMember,
  type TicketAction,
  type TicketEvent,
  type TicketState,
} from './ticketStateMachine.js';

export interface Ticket {
  id: number;
  state: TicketState;
  /** {@link conversationKey} of the user's conversation. */
  conversationKey: string;
  channelId: string;
  /** Where the user can be reached (Teams chat or website conversation). */
  reference: ConversationAddress;
  userName: string;
  lang: Language;
  reason: EscalationReason;
  topic: string;
  providerIds: string[];
  claimedBy?: StaffMember;
  /** The ticket's transcript: the conversation's messages from this seq on … */
  transcriptFromSeq: number;
  /** … up to this one once the ticket is closed. */
  transcriptToSeq?: number;
  /** The ticket card in the staff channel, once posted. */
  staffCard?: { conversationId: string; activityId: string };
  createdAt: string;
  updatedAt: string;
  history: TicketEvent[];
}

/** What opening a ticket needs: the ticket's own facts, who opened it and when. */
export type NewTicket = Pick<
  Ticket,
  'conversationKey' | 'channelId' | 'reference' | 'userName' | 'lang' | 'reason' | 'topic' | 'providerIds' | 'transcriptFromSeq'
> & { actor: Actor; at: Date };

interface TicketRow {
  id: number;
  state: TicketState;
  conversation_key: string;
  channel_id: string;
  reference: string;
  user_name: string;
  lang: Language;
  reason: EscalationReason;
  topic: string;
  provider_ids: string;
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  transcript_from_seq: number;
  transcript_to_seq: number | null;
  staff_conversation_id: string | null;
  staff_activity_id: string | null;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  at: string;
  action: TicketEvent['action'];
  actor_kind: Actor['kind'];
  actor_id: string;
  actor_name: string;
  from_state: TicketState | null;
  to_state: TicketState;
  note: string | null;
}

const openStateList = openStates.map((state) => `'${state}'`).join(', ');

export class TicketStore {
  constructor(private readonly db: Database) {}

  /**
   * Queues a new ticket. Throws `AppError('CONFLICT')` when the conversation already has an open ticket
   * (the unique index decides, so a double click cannot queue two).
   */
  async create(input: NewTicket): Promise<Ticket> {
    const at = input.at.toISOString();
    let id: number;
    try {
      id = await this.db.transaction(async (tx) => {
        const { rows } = await tx.run<{ id: number }>(
          `INSERT INTO handoff_tickets (state, conversation_key, channel_id, reference, user_name, lang, reason, topic,
             provider_ids, transcript_from_seq, created_at, updated_at)
           VALUES ('queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            input.conversationKey,
            input.channelId,
            JSON.stringify(input.reference),
            input.userName,
            input.lang,
            input.reason,
            input.topic,
            JSON.stringify(input.providerIds),
            input.transcriptFromSeq,
            at,
            at,
          ],
        );
        const ticketId = rows[0]!.id;
        await this.insertEvent(tx, ticketId, { at, action: 'create', actor: input.actor, to: 'queued' });
        return ticketId;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'This conversation already has an open ticket.');
      throw error;
    }
    return this.require(id);
  }

  async get(id: number): Promise<Ticket | undefined> {
    const row = await this.db.get<TicketRow>('SELECT * FROM handoff_tickets WHERE id = ?', [id]);
    return row ? this.toTicket(row) : undefined;
  }

  /** The ticket or `AppError('TICKET_NOT_FOUND')`. */
  async require(id: number): Promise<Ticket> {
    const ticket = await this.get(id);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND');
    return ticket;
  }

  /** The queued or active ticket of a conversation, if any. */
  async openForConversation(key: string): Promise<Ticket | undefined> {
    const row = await this.db.get<TicketRow>(`SELECT * FROM handoff_tickets WHERE conversation_key = ? AND state IN (${openStateList})`, [key]);
    return row ? this.toTicket(row) : undefined;
  }

  /** The ticket whose card in the staff channel has this activity id (a reply in its thread). */
  async byStaffActivity(activityId: string): Promise<Ticket | undefined> {
    const row = await this.db.get<TicketRow>('SELECT * FROM handoff_tickets WHERE staff_activity_id = ?', [activityId]);
    return row ? this.toTicket(row) : undefined;
  }

  /** Tickets in the given states, oldest first. */
  async list(states: readonly TicketState[] = openStates, limit = 200): Promise<Ticket[]> {
    if (states.length === 0) return [];
    const rows = await this.db.all<TicketRow>(`SELECT * FROM handoff_tickets WHERE state IN (${placeholders(states.length)}) ORDER BY id LIMIT ?`, [
      ...states,
      limit,
    ]);
    return Promise.all(rows.map((row) => this.toTicket(row)));
  }

  /**
   * Applies an action through the state machine and records it. `closingSeq` ends the ticket's transcript when the
   * ticket leaves the open states. Throws `AppError('INVALID_TRANSITION')` when the action is not allowed now,
   * including when another request (on any instance) changed the ticket first.
   */
  async apply(id: number, action: TicketAction, actor: Actor, options: { at: Date; note?: string; closingSeq: number }): Promise<Ticket> {
    const current = await this.require(id);
    const { status, event } = transition(current, action, actor, options.at, options.note);
    const closes = !openStates.includes(status.state);
    await this.db.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE handoff_tickets SET state = ?, claimed_by_id = ?, claimed_by_name = ?, updated_at = ?,
           transcript_to_seq = CASE WHEN ? = 1 THEN ? ELSE transcript_to_seq END
         WHERE id = ? AND state = ?`,
        [status.state, status.claimedBy?.id ?? null, status.claimedBy?.name ?? null, event.at, closes ? 1 : 0, options.closingSeq, id, current.state],
      );
      if (changed.changes !== 1) throw new AppError('INVALID_TRANSITION', `Ticket ${id} changed in the meantime.`);
      await this.insertEvent(tx, id, event);
    });
    return this.require(id);
  }

  /** Remembers the ticket card posted into the staff channel, so that it can be updated and its thread found. */
  async setStaffCard(id: number, card: { conversationId: string; activityId: string }): Promise<void> {
    await this.db.run('UPDATE handoff_tickets SET staff_conversation_id = ?, staff_activity_id = ? WHERE id = ?', [card.conversationId, card.activityId, id]);
  }

  private async insertEvent(tx: SqlRunner, ticketId: number, event: TicketEvent): Promise<void> {
    await tx.run(
      `INSERT INTO handoff_ticket_events (ticket_id, at, action, actor_kind, actor_id, actor_name, from_state, to_state, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [ticketId, event.at, event.action, event.actor.kind, event.actor.id, event.actor.name, event.from ?? null, event.to, event.note ?? null],
    );
  }

  private async toTicket(row: TicketRow): Promise<Ticket> {
    const events = await this.db.all<EventRow>(
      'SELECT at, action, actor_kind, actor_id, actor_name, from_state, to_state, note FROM handoff_ticket_events WHERE ticket_id = ? ORDER BY id',
      [row.id],
    );
    return {
      id: row.id,
      state: row.state,
      conversationKey: row.conversation_key,
      channelId: row.channel_id,
      reference: JSON.parse(row.reference) as ConversationAddress,
      userName: row.user_name,
      lang: row.lang,
      reason: row.reason,
      topic: row.topic,
      providerIds: JSON.parse(row.provider_ids) as string[],
      claimedBy: row.claimed_by_id ? { id: row.claimed_by_id, name: row.claimed_by_name ?? row.claimed_by_id } : undefined,
      transcriptFromSeq: row.transcript_from_seq,
      transcriptToSeq: row.transcript_to_seq ?? undefined,
      staffCard:
        row.staff_conversation_id && row.staff_activity_id
          ? { conversationId: row.staff_conversation_id, activityId: row.staff_activity_id }
          : undefined,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      history: events.map((event) => ({
        at: event.at,
        action: event.action,
        actor: { kind: event.actor_kind, id: event.actor_id, name: event.actor_name },
        ...(event.from_state ? { from: event.from_state } : {}),
        to: event.to_state,
        ...(event.note ? { note: event.note } : {}),
      })),
    };
  }
}
