/**
 * The handoff domain: tickets that take a conversation from the bot to the agencies' staff and back, with what was
 * said. It takes commands (open, withdraw, claim/resolve/return, a staff or user message) and returns values; it never
 * talks to a channel. The bot layer (`src/bot/handoff/`) turns its results into activities and cards.
 *
 * Changes are announced on the {@link HANDOFF_CHANNEL} channel, so that the staff consoles connected to any instance
 * sharing the database hear about every ticket change and message ({@link HandoffService.subscribe}).
 */
import type { Language } from '../knowledge/schema.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import type { ConversationAddress } from './address.js';
import { describeOfficeHours, isWithinOfficeHours, parseOfficeHours, type OfficeHours } from './officeHours.js';
import { messageRefusal, openStates, type Actor, type MessageRefusal, type StaffMember, type TicketState } from './ticketStateMachine.js';
import type { Ticket, TicketStore } from './ticketStore.js';
import type { TranscriptEntry, TranscriptStore } from './transcriptStore.js';
import type { EscalationReason } from '../core/types.js';
import { AppError } from '../errors.js';
import { texts } from '../texts.js';

/** How many earlier messages of the conversation a new ticket shows. */
export const TICKET_EXCERPT_MESSAGES = 30;

/** Notice channel of ticket changes and ticket messages: `ticket <id>` or `message <ticketId> <seq>`. */
export const HANDOFF_CHANNEL = 'handoff';

/**
 * What the staff console hears about: a ticket changed, a message was added to a ticket's conversation, or changes
 * may have been missed (`resync`: the console reloads the open tickets).
 */
export type HandoffEvent =
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'message'; ticketId: number; entry: TranscriptEntry }
  | { type: 'resync' };

export type StaffTicketAction = 'claim' | 'resolve' | 'return';

/** A user asks for a person: what the ticket needs to know. */
export interface HandoffRequest {
  conversationKey: string;
  channelId: string;
  /** Where the user can be reached. */
  reference: ConversationAddress;
  userName: string;
  lang: Language;
  reason: EscalationReason;
  topic: string;
  providerIds: string[];
  actor: Actor;
}

/** Thrown when a message may not reach the user now; `refusal` says why (for the sender's own language). */
export class MessageRefusedError extends AppError {
  constructor(
    readonly refusal: MessageRefusal,
    readonly claimedByName: string | undefined,
  ) {
    super('INVALID_TRANSITION', refusalMessage(refusal, claimedByName));
  }
}

/** The refusal as the staff API says it (English; Teams shows the German texts, see HandoffDesk.refusalText). */
function refusalMessage(refusal: MessageRefusal, claimedBy: string | undefined): string {
  const t = texts('en').handoff;
  return refusal === 'claimedByOther' ? t.claimedByOther(claimedBy ?? '') : refusal === 'closed' ? t.ticketClosed : t.notClaimed;
}

export interface HandoffServiceOptions {
  officeHours: string;
  tickets: TicketStore;
  transcripts: TranscriptStore;
  /** Where changes are announced and heard (every instance sharing the database). */
  notices: Pick<Database, 'notify' | 'listen' | 'onResync'>;
  /** The display name of a provider id (the knowledge folder's). */
  providerName: (id: string) => string;
  logger: Logger;
  /** The clock (tests pin it for office hours). */
  now?: () => Date;
}

export class HandoffService {
  private readonly hours: OfficeHours;
  private readonly listeners = new Set<(event: HandoffEvent) => void>();
  readonly now: () => Date;

  constructor(private readonly options: HandoffServiceOptions) {
    this.hours = parseOfficeHours(options.officeHours);
    this.now = options.now ?? (() => new Date());
    options.notices.listen(HANDOFF_CHANNEL, (payload) => void this.onNotice(payload));
    options.notices.onResync(() => this.emit({ type: 'resync' }));
  }

  /** Listens to ticket changes and new ticket messages (from every instance); returns the function that stops. */
  subscribe(listener: (event: HandoffEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the team is in now, and the office hours as the user's language says them. */
  officeHours(lang: Language): { open: boolean; text: string } {
    return { open: isWithinOfficeHours(this.hours, this.now()), text: describeOfficeHours(this.hours, lang) };
  }

  providerNames(ids: string[]): string[] {
    return ids.map((id) => this.options.providerName(id));
  }

  // ——— queries ———

  ticket(id: number): Promise<Ticket> {
    return this.options.tickets.require(id);
  }

  openTicketFor(conversationKey: string): Promise<Ticket | undefined> {
    return this.options.tickets.openForConversation(conversationKey);
  }

  /** The ticket whose card in the staff channel is this activity (a reply in its thread comes from there). */
  ticketByStaffCard(activityId: string): Promise<Ticket | undefined> {
    return this.options.tickets.byStaffActivity(activityId);
  }

  list(states: readonly TicketState[] = openStates): Promise<Ticket[]> {
    return this.options.tickets.list(states);
  }

  /** The ticket's conversation: the excerpt before it was queued and everything written while it was open. */
  transcript(ticket: Ticket): Promise<TranscriptEntry[]> {
    return this.options.transcripts.range(ticket.conversationKey, ticket.transcriptFromSeq, ticket.transcriptToSeq);
  }

  // ——— commands ———

  /**
   * Queues a ticket with the conversation so far. When the conversation already has an open ticket (also one that a
   * second click created a moment ago), that one is returned with `created: false`.
   */
  async open(request: HandoffRequest): Promise<{ ticket: Ticket; created: boolean }> {
    const existing = await this.options.tickets.openForConversation(request.conversationKey);
    if (existing) return { ticket: existing, created: false };
    // The conversation so far was kept in memory only; from now on it is the ticket's transcript.
    await this.options.transcripts.flushRecent(request.conversationKey);
    let ticket: Ticket;
    try {
      ticket = await this.options.tickets.create({
        ...request,
        transcriptFromSeq: await this.options.transcripts.excerptStart(request.conversationKey, TICKET_EXCERPT_MESSAGES),
        at: this.now(),
      });
    } catch (error) {
      const open = error instanceof AppError && error.code === 'CONFLICT' && (await this.options.tickets.openForConversation(request.conversationKey));
      if (open) return { ticket: open, created: false };
      throw error;
    }
    this.options.logger.info({ ticketId: ticket.id, channel: ticket.channelId, reason: ticket.reason }, 'handoff ticket queued');
    await this.announce(`ticket ${ticket.id}`);
    return { ticket, created: true };
  }

  /** The user withdraws a queued request; `INVALID_TRANSITION` once someone claimed it. */
  withdraw(ticketId: number, actor: Actor): Promise<Ticket> {
    return this.apply(ticketId, 'cancel', actor);
  }

  /** A staff member claims, resolves or returns a ticket; `INVALID_TRANSITION` when the state machine says no. */
  async act(ticketId: number, action: StaffTicketAction, staff: StaffMember, note?: string): Promise<Ticket> {
    const ticket = await this.apply(ticketId, action, { kind: 'staff', ...staff }, note);
    this.options.logger.info({ ticketId, action, state: ticket.state }, 'handoff ticket changed');
    return ticket;
  }

  /**
   * Checks that a staff member may write to the user now: only who claimed the ticket, while it is active. Throws
   * {@link MessageRefusedError} otherwise.
   */
  async checkStaffMessage(ticketId: number, staff: StaffMember): Promise<Ticket> {
    const ticket = await this.options.tickets.require(ticketId);
    const refusal = messageRefusal(ticket, { kind: 'staff', ...staff });
    if (refusal) throw new MessageRefusedError(refusal, ticket.claimedBy?.name);
    return ticket;
  }

  /** Records what a staff member wrote to the user (once it was delivered) and tells the consoles. */
  async recordStaffMessage(ticket: Ticket, staff: StaffMember, text: string): Promise<TranscriptEntry> {
    const entry = await this.options.transcripts.append(ticket.conversationKey, { role: 'staff', author: staff.name, text, at: this.now() });
    await this.announce(`message ${ticket.id} ${entry.seq}`);
    return entry;
  }

  /**
   * A user message while the ticket is open: recorded unless `recorded` says the transcript has it already, and told
   * to the consoles.
   */
  async userMessage(ticket: Ticket, text: string, recorded?: TranscriptEntry): Promise<TranscriptEntry> {
    const entry = recorded ?? (await this.options.transcripts.append(ticket.conversationKey, { role: 'user', author: ticket.userName, text }));
    await this.announce(`message ${ticket.id} ${entry.seq}`);
    return entry;
  }

  /** Remembers the ticket card posted into the staff channel, so that it can be updated and its thread found. */
  setStaffCard(ticketId: number, card: { conversationId: string; activityId: string }): Promise<void> {
    return this.options.tickets.setStaffCard(ticketId, card);
  }

  // ——— internals ———

  private async apply(ticketId: number, action: StaffTicketAction | 'cancel', actor: Actor, note?: string): Promise<Ticket> {
    const ticket = await this.options.tickets.apply(ticketId, action, actor, {
      at: this.now(),
      note: note?.trim() || undefined,
      closingSeq: await this.options.transcripts.lastSeq(),
    });
    await this.announce(`ticket ${ticket.id}`);
    return ticket;
  }

  private async announce(payload: string): Promise<void> {
    await this.options.notices.notify(HANDOFF_CHANNEL, payload).catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'could not announce a handoff change to the consoles'),
    );
  }

  /** A change from this or another instance: read it and tell the subscribers. */
  private async onNotice(payload: string): Promise<void> {
    if (this.listeners.size === 0) return;
    const [kind, first, second] = payload.split(' ');
    try {
      if (kind === 'ticket') {
        const ticket = await this.options.tickets.get(Number(first));
        if (ticket) this.emit({ type: 'ticket', ticket });
      } else if (kind === 'message') {
        const entry = await this.options.transcripts.entry(Number(second));
        if (entry) this.emit({ type: 'message', ticketId: Number(first), entry });
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not read an announced handoff change');
    }
  }

  private emit(event: HandoffEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
