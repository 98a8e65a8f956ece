/**
 * The handoff between the bot, the user and the agency staff: offering a handoff, queueing tickets, telling the
 * staff channel, relaying messages both ways while a ticket is open, and handing the conversation back.
 *
 * Staff reach the user through the proactive messenger (whichever channel owns the user's conversation: Teams or
 * the website), and the staff channel through the Bot Framework. Everything that must survive a restart is in
 * SQLite (tickets, transcripts, references); the service itself holds no conversation state.
 */
import { EventEmitter } from 'node:events';
import {
  ActivityTypes,
  EventFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { asAttachment } from '../cards/adaptive.js';
import { handoffOfferCard, handoffQueuedCard, ticketCard, type TicketCardView } from '../cards/handoffCards.js';
import type { Config } from '../config.js';
import type { ConversationMemory, HandoffAction, Reply } from '../core/types.js';
import { AppError } from '../errors.js';
import type { KnowledgeIndex } from '../knowledge/searchIndex.js';
import { languageOrGerman } from '../knowledge/locale.js';
import type { Language } from '../knowledge/schema.js';
import type { Logger } from '../logger.js';
import { texts } from '../texts.js';
import { describeOfficeHours, isWithinOfficeHours, parseOfficeHours, type OfficeHours } from './officeHours.js';
import { threadConversationId, type StaffChannelRegistry } from './staffChannel.js';
import { messageRefusal, type Actor, type StaffMember } from './ticketStateMachine.js';
import type { Ticket, TicketStore } from './ticketStore.js';
import { TRANSCRIPT_SKIP, USER_ENTRY, describeMessage } from './transcriptMiddleware.js';
import { conversationKey, type TranscriptEntry, type TranscriptStore } from './transcriptStore.js';

/** How many earlier messages of the conversation a new ticket shows. */
export const TICKET_EXCERPT_MESSAGES = 30;

/** What can run a turn in another conversation (the app's `ProactiveMessenger`). */
export interface ProactiveSender {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** What the staff console hears about: a ticket changed, or a message was added to a ticket's conversation. */
export type HandoffEvent =
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'message'; ticketId: number; entry: TranscriptEntry };

export type StaffTicketAction = 'claim' | 'resolve' | 'return';

export interface HandoffServiceOptions {
  config: Pick<Config, 'OFFICE_HOURS' | 'HANDOFF_EVENTS'>;
  tickets: TicketStore;
  transcripts: TranscriptStore;
  staffChannel: StaffChannelRegistry;
  /** Resolved on use, so that the service can be built before the channel adapters. */
  proactive: () => ProactiveSender;
  index: KnowledgeIndex;
  logger: Logger;
  /** The clock (tests pin it for office hours). */
  now?: () => Date;
}

/** Markdown-safe display name (a name like `*Anna*` must not restyle the message). */
const escapeMarkdown = (text: string): string => text.replace(/([\\`*_[\]()#>~|])/g, '\\$1');

/**
 * Makes a proactive turn send new messages. botbuilder gives the synthetic "continue conversation" activity a random
 * id and would send everything as a reply to it; a new ticket post must start its own thread in the channel.
 */
function sendAsNewMessages(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

const languageOf = (memory: ConversationMemory | undefined, activity: Partial<Activity>): Language =>
  memory?.lang ?? languageOrGerman(activity.locale);

/** Handoff status values of the Bot Framework handoff protocol. */
const handoffStatus: Record<StaffTicketAction | 'cancel', 'accepted' | 'completed'> = {
  claim: 'accepted',
  resolve: 'completed',
  return: 'completed',
  cancel: 'completed',
};

export class HandoffService {
  private readonly hours: OfficeHours;
  private readonly emitter = new EventEmitter();
  /** Staff-channel work per ticket runs in order, so that a card never ends up showing an older state. */
  private readonly cardQueues = new Map<number, Promise<void>>();
  private readonly now: () => Date;

  constructor(private readonly options: HandoffServiceOptions) {
    this.hours = parseOfficeHours(options.config.OFFICE_HOURS);
    this.now = options.now ?? (() => new Date());
    this.emitter.setMaxListeners(0);
  }

  /** Listens to ticket changes and new messages; returns the function that stops listening. */
  subscribe(listener: (event: HandoffEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Whether the team is in now, and the office hours as the user's language says them. */
  officeHours(lang: Language): { open: boolean; text: string } {
    return { open: isWithinOfficeHours(this.hours, this.now()), text: describeOfficeHours(this.hours, lang) };
  }

  get tickets(): TicketStore {
    return this.options.tickets;
  }

  /** The ticket's conversation: the excerpt before it was queued and everything written while it was open. */
  transcript(ticket: Ticket): TranscriptEntry[] {
    return this.options.transcripts.range(ticket.conversationKey, ticket.transcriptFromSeq, ticket.transcriptToSeq);
  }

  providerNames(ids: string[]): string[] {
    return ids.map((id) => {
      const doc = this.options.index.get(id);
      return doc?.type === 'provider' ? doc.name : id;
    });
  }

  /** The open ticket of the conversation an activity belongs to. */
  openTicketFor(activity: Partial<Activity>): Ticket | undefined {
    return this.options.tickets.openForConversation(conversationKey(activity));
  }

  // ——— user side ———

  /** Offers the handoff: what happens, that staff see the conversation, office hours, confirm or cancel. */
  async offer(context: TurnContext, reply: Extract<Reply, { kind: 'escalate' }>): Promise<void> {
    const { open, text } = this.officeHours(reply.lang);
    const card = handoffOfferCard(
      { reason: reply.reason, topic: reply.topic, providerIds: reply.providerIds, providerNames: this.providerNames(reply.providerIds) },
      reply.lang,
      open,
      text,
    );
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [asAttachment(card)] });
  }

  async cancelOffer(context: TurnContext, memory: ConversationMemory | undefined): Promise<void> {
    await context.sendActivity(texts(languageOf(memory, context.activity)).handoff.offerCancelled);
  }

  /**
   * The user confirmed: queue a ticket with the conversation so far, tell the user what to expect, post the ticket
   * card into the staff channel and (optionally) emit `handoff.initiate`.
   */
  async confirm(
    context: TurnContext,
    data: Extract<HandoffAction, { action: 'handoffConfirm' }>,
    memory: ConversationMemory | undefined,
  ): Promise<Ticket> {
    const { activity } = context;
    const lang = languageOf(memory, activity);
    const t = texts(lang).handoff;
    const key = conversationKey(activity);
    const existing = this.options.tickets.openForConversation(key);
    if (existing) {
      await context.sendActivity(t.alreadyOpen(existing.id));
      return existing;
    }
    const { activityId: _confirmId, ...reference } = TurnContext.getConversationReference(activity);
    const userName = activity.from?.name || t.anonymousUser;
    let ticket: Ticket;
    try {
      ticket = this.options.tickets.create({
        conversationKey: key,
        channelId: activity.channelId ?? 'unknown',
        reference,
        userName,
        lang,
        reason: data.reason,
        topic: data.topic,
        providerIds: data.providerIds,
        transcriptFromSeq: this.options.transcripts.excerptStart(key, TICKET_EXCERPT_MESSAGES),
        actor: { kind: 'user', id: activity.from?.id ?? 'user', name: userName },
        at: this.now(),
      });
    } catch (error) {
      // A second click raced the first one: the first ticket stands.
      if (error instanceof AppError && error.code === 'CONFLICT') {
        const open = this.options.tickets.openForConversation(key);
        await context.sendActivity(t.alreadyOpen(open?.id ?? 0));
        if (open) return open;
      }
      throw error;
    }
    this.options.logger.info({ ticketId: ticket.id, channel: ticket.channelId, reason: ticket.reason }, 'handoff ticket queued');
    const { open, text } = this.officeHours(lang);
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [asAttachment(handoffQueuedCard(ticket.id, lang, open, text))] });
    if (this.options.config.HANDOFF_EVENTS) await this.sendInitiateEvent(context, ticket);
    this.emit({ type: 'ticket', ticket });
    await this.inOrder(ticket.id, () => this.postStaffCard(ticket.id));
    return this.options.tickets.require(ticket.id);
  }

  /** The user withdraws a queued request; the bot takes over again. */
  async withdraw(context: TurnContext, ticket: Ticket, memory: ConversationMemory | undefined): Promise<void> {
    const lang = languageOf(memory, context.activity);
    const actor: Actor = { kind: 'user', id: context.activity.from?.id ?? 'user', name: ticket.userName };
    let updated: Ticket;
    try {
      updated = this.applyAction(ticket.id, 'cancel', actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TRANSITION') {
        // Already claimed: the conversation stays with the staff member.
        await context.sendActivity(texts(lang).handoff.alreadyOpen(ticket.id));
        return;
      }
      throw error;
    }
    await context.sendActivity(texts(lang).handoff.withdrawn);
    if (this.options.config.HANDOFF_EVENTS) await this.sendStatusEvent(updated, 'cancel');
    await this.inOrder(ticket.id, () => this.updateStaffCard(ticket.id));
  }

  /**
   * A user message while the ticket is open: it is in the transcript already (the transcript middleware wrote it);
   * show it in the ticket's thread and tell the console. The bot stays silent.
   */
  async relayFromUser(context: TurnContext, ticket: Ticket): Promise<void> {
    const said = describeMessage(context.activity);
    if (!said) return;
    const entry =
      (context.turnState.get(USER_ENTRY) as TranscriptEntry | undefined) ??
      this.options.transcripts.append(ticket.conversationKey, { role: 'user', author: ticket.userName, text: said });
    this.emit({ type: 'message', ticketId: ticket.id, entry });
    await this.inOrder(ticket.id, () => this.postToThread(ticket.id, texts('de').handoff.userSays(entry.author, entry.text)));
  }

  // ——— staff side ———

  /**
   * A staff member claims, resolves or returns a ticket. The state machine decides (409 INVALID_TRANSITION when it
   * says no); the user is told, the card is updated in place and the console hears about it.
   */
  async act(ticketId: number, action: StaffTicketAction, staff: StaffMember, note?: string): Promise<Ticket> {
    const ticket = this.applyAction(ticketId, action, { kind: 'staff', ...staff }, note);
    this.options.logger.info({ ticketId, action, state: ticket.state }, 'handoff ticket changed');
    const t = texts(ticket.lang).handoff;
    const notice = action === 'claim' ? t.claimed(staff.name) : action === 'return' ? t.returned : t.resolved;
    await this.toUser(ticket, { type: ActivityTypes.Message, text: notice }).catch((error: unknown) =>
      this.options.logger.error({ err: error, ticketId }, 'could not tell the user about the ticket change'),
    );
    if (this.options.config.HANDOFF_EVENTS) await this.sendStatusEvent(ticket, action);
    await this.inOrder(ticketId, () => this.updateStaffCard(ticketId));
    return ticket;
  }

  /**
   * A staff member writes to the user (from the console or the ticket's Teams thread). Only the staff member who
   * claimed the ticket may, while it is active. The message reaches the user under the staff member's name.
   */
  async sendStaffMessage(ticketId: number, staff: StaffMember, text: string, origin: 'console' | 'teams'): Promise<TranscriptEntry> {
    const ticket = this.options.tickets.require(ticketId);
    const refusal = messageRefusal(ticket, { kind: 'staff', ...staff });
    if (refusal) {
      const t = texts('en').handoff;
      const reason = refusal === 'claimedByOther' ? t.claimedByOther(ticket.claimedBy?.name ?? '') : refusal === 'closed' ? t.ticketClosed : t.notClaimed;
      throw new AppError('INVALID_TRANSITION', reason);
    }
    await this.toUser(ticket, { type: ActivityTypes.Message, text: `**${escapeMarkdown(staff.name)}:** ${text}`, textFormat: 'markdown' }, staff.name);
    const entry = this.options.transcripts.append(ticket.conversationKey, { role: 'staff', author: staff.name, text, at: this.now() });
    this.emit({ type: 'message', ticketId, entry });
    if (origin === 'console') {
      await this.inOrder(ticketId, () => this.postToThread(ticketId, texts('de').handoff.consoleCopy(staff.name, text)));
    }
    return entry;
  }

  /** What the ticket card shows. */
  cardView(ticket: Ticket): TicketCardView {
    return {
      id: ticket.id,
      state: ticket.state,
      topic: ticket.topic,
      reason: ticket.reason,
      userName: ticket.userName,
      channelId: ticket.channelId,
      providerNames: this.providerNames(ticket.providerIds),
      claimedByName: ticket.claimedBy?.name,
      createdAt: ticket.createdAt,
      transcript: this.transcript(ticket),
    };
  }

  /** Brings a ticket card up to date (e.g. after a refused action on a stale card). */
  refreshCard(ticketId: number): Promise<void> {
    return this.inOrder(ticketId, () => this.updateStaffCard(ticketId));
  }

  // ——— internals ———

  private applyAction(ticketId: number, action: StaffTicketAction | 'cancel', actor: Actor, note?: string): Ticket {
    const ticket = this.options.tickets.apply(ticketId, action, actor, {
      at: this.now(),
      note: note?.trim() || undefined,
      closingSeq: this.options.transcripts.lastSeq(),
    });
    this.emit({ type: 'ticket', ticket });
    return ticket;
  }

  private emit(event: HandoffEvent): void {
    this.emitter.emit('event', event);
  }

  /** Runs staff-channel work of one ticket after the previous work of that ticket; failures are logged, not thrown. */
  private inOrder(ticketId: number, work: () => Promise<void>): Promise<void> {
    const previous = this.cardQueues.get(ticketId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.options.logger.error({ err: error, ticketId }, 'staff channel update failed'));
    this.cardQueues.set(ticketId, next);
    void next.then(() => {
      if (this.cardQueues.get(ticketId) === next) this.cardQueues.delete(ticketId);
    });
    return next;
  }

  /** Sends to the user's own conversation; with `staffName`, under that name and recorded by the caller. */
  private async toUser(ticket: Ticket, activity: Partial<Activity>, staffName?: string): Promise<void> {
    await this.options.proactive().continueConversation(ticket.reference, async (context) => {
      sendAsNewMessages(context);
      if (staffName) {
        context.turnState.set(TRANSCRIPT_SKIP, true);
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) outgoing.from = { ...(outgoing.from ?? { id: '' }), name: staffName };
          return next();
        });
      }
      await context.sendActivity(activity);
    });
  }

  private async postStaffCard(ticketId: number): Promise<void> {
    const channel = this.options.staffChannel.get();
    if (!channel) {
      this.options.logger.warn({ ticketId }, 'no staff channel known yet: the ticket is only in the staff console');
      return;
    }
    const ticket = this.options.tickets.require(ticketId);
    let response: ResourceResponse | undefined;
    await this.options.proactive().continueConversation(channel.reference, async (context) => {
      sendAsNewMessages(context);
      response = await context.sendActivity({
        type: ActivityTypes.Message,
        summary: texts('de').handoff.cardTitle(ticket.id),
        attachments: [asAttachment(ticketCard(this.cardView(ticket), this.now()))],
      });
    });
    if (response?.id) {
      this.options.tickets.setStaffCard(ticketId, { conversationId: channel.reference.conversation!.id, activityId: response.id });
    }
  }

  private async updateStaffCard(ticketId: number): Promise<void> {
    const ticket = this.options.tickets.require(ticketId);
    const channel = this.options.staffChannel.get();
    if (!ticket.staffCard || !channel) return;
    const reference = { ...channel.reference, conversation: { ...channel.reference.conversation!, id: ticket.staffCard.conversationId } };
    await this.options.proactive().continueConversation(reference, async (context) => {
      await context.updateActivity({
        type: ActivityTypes.Message,
        id: ticket.staffCard!.activityId,
        attachments: [asAttachment(ticketCard(this.cardView(ticket), this.now()))],
      });
    });
  }

  private async postToThread(ticketId: number, text: string): Promise<void> {
    const ticket = this.options.tickets.require(ticketId);
    const channel = this.options.staffChannel.get();
    if (!ticket.staffCard || !channel) return;
    const conversation = {
      ...channel.reference.conversation!,
      id: threadConversationId(ticket.staffCard.conversationId, ticket.staffCard.activityId),
    };
    await this.options.proactive().continueConversation({ ...channel.reference, conversation }, async (context) => {
      sendAsNewMessages(context);
      // Plain text: what users typed is shown literally in Teams.
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    });
  }

  private async sendInitiateEvent(context: TurnContext, ticket: Ticket): Promise<void> {
    const activities = this.transcript(ticket).map(
      (entry) =>
        ({
          type: ActivityTypes.Message,
          text: entry.text,
          timestamp: new Date(entry.at),
          from: { id: entry.role, name: entry.author, role: entry.role === 'user' ? 'user' : 'bot' },
        }) as Activity,
    );
    const event = EventFactory.createHandoffInitiation(
      context,
      { ticketId: ticket.id, topic: ticket.topic, reason: ticket.reason, providerIds: ticket.providerIds, userName: ticket.userName },
      { activities },
    );
    await context.sendActivity(event).catch((error: unknown) =>
      this.options.logger.warn({ err: error, ticketId: ticket.id }, 'could not emit handoff.initiate'),
    );
  }

  private async sendStatusEvent(ticket: Ticket, action: StaffTicketAction | 'cancel'): Promise<void> {
    const message = action === 'cancel' ? 'cancelled by the user' : action === 'return' ? 'returned to the bot' : undefined;
    const event = EventFactory.createHandoffStatus(ticket.reference.conversation!, handoffStatus[action], message);
    await this.toUser(ticket, event).catch((error: unknown) =>
      this.options.logger.warn({ err: error, ticketId: ticket.id }, 'could not emit handoff.status'),
    );
  }
}
