/**
 * The channel side of the handoff: runs the domain's commands for the bot and the staff console and turns their
 * results into activities — what the user is told, the ticket card in the staff channel (posted, then updated in
 * place), the ticket's thread, and optionally the Bot Framework handoff events for an external agent hub.
 *
 * Staff reach the user through the proactive sender (whichever channel owns the user's conversation: Teams or the
 * website), and the staff channel through the Bot Framework. The desk keeps no conversation state of its own.
 */
import {
  ActivityTypes,
  EventFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { asAttachment } from '../../cards/adaptive.js';
import { ticketCard, type TicketCardView, handoffQueuedCard } from '../../cards/handoffCards.js';
import type { ConversationMemory, HandoffAction } from '../../core/types.js';
import { AppError } from '../../errors.js';
import { conversationKey } from '../../handoff/address.js';
import { MessageRefusedError, type HandoffService, type StaffTicketAction } from '../../handoff/handoffService.js';
import { allowedActions, isOpen, type Actor, type StaffMember } from '../../handoff/ticketStateMachine.js';
import type { Ticket } from '../../handoff/ticketStore.js';
import type { TranscriptEntry } from '../../handoff/transcriptStore.js';
import { languageOrGerman } from '../../knowledge/locale.js';
import type { Language } from '../../knowledge/schema.js';
import type { Logger } from '../../logger.js';
import { texts } from '../../texts.js';
import type { StaffChannelResolver } from './staffChannel.js';
import { threadConversationId } from './staffChannel.js';
import { TRANSCRIPT_SKIP, USER_ENTRY, describeMessage } from './transcriptRecorder.js';

/** What can run a turn in another conversation (the app's proactive messenger, over every channel). */
export interface ProactiveSender {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface HandoffDeskOptions {
  service: HandoffService;
  staffChannel: StaffChannelResolver;
  proactive: ProactiveSender;
  /** Emit Bot Framework handoff events (handoff.initiate / handoff.status). */
  handoffEvents: boolean;
  logger: Logger;
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

const asReference = (address: Ticket['reference']): Partial<ConversationReference> => address as Partial<ConversationReference>;

export class HandoffDesk {
  /** Staff-channel work per ticket runs in order, so that a card never ends up showing an older state. */
  private readonly cardQueues = new Map<number, Promise<void>>();

  constructor(private readonly options: HandoffDeskOptions) {}

  get service(): HandoffService {
    return this.options.service;
  }

  // ——— user side ———

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
    const { activityId: _confirmId, ...reference } = TurnContext.getConversationReference(activity);
    const userName = activity.from?.name || t.anonymousUser;
    const { ticket, created } = await this.service.open({
      conversationKey: conversationKey(activity),
      channelId: activity.channelId ?? 'unknown',
      reference,
      userName,
      lang,
      reason: data.reason,
      topic: data.topic,
      providerIds: data.providerIds,
      actor: { kind: 'user', id: activity.from?.id ?? 'user', name: userName },
    });
    if (!created) {
      await context.sendActivity(t.alreadyOpen(ticket.id));
      return ticket;
    }
    const { open, text } = this.service.officeHours(lang);
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [asAttachment(handoffQueuedCard(ticket.id, lang, open, text))] });
    if (this.options.handoffEvents) await this.sendInitiateEvent(context, ticket);
    await this.inOrder(ticket.id, () => this.postStaffCard(ticket.id));
    return ticket;
  }

  /** The user withdraws a queued request; the bot takes over again. */
  async withdraw(context: TurnContext, ticket: Ticket, memory: ConversationMemory | undefined): Promise<void> {
    const lang = languageOf(memory, context.activity);
    const actor: Actor = { kind: 'user', id: context.activity.from?.id ?? 'user', name: ticket.userName };
    let updated: Ticket;
    try {
      updated = await this.service.withdraw(ticket.id, actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TRANSITION') {
        // Already claimed: the conversation stays with the staff member.
        await context.sendActivity(texts(lang).handoff.alreadyOpen(ticket.id));
        return;
      }
      throw error;
    }
    await context.sendActivity(texts(lang).handoff.withdrawn);
    if (this.options.handoffEvents) await this.sendStatusEvent(updated, 'cancel');
    await this.inOrder(ticket.id, () => this.updateStaffCard(ticket.id));
  }

  /**
   * A user message while the ticket is open: it is in the transcript already (the transcript recorder wrote it);
   * show it in the ticket's thread and tell the consoles. The bot stays silent.
   */
  async relayFromUser(context: TurnContext, ticket: Ticket): Promise<void> {
    const said = describeMessage(context.activity);
    if (!said) return;
    const entry = await this.service.userMessage(ticket, said, context.turnState.get(USER_ENTRY) as TranscriptEntry | undefined);
    await this.inOrder(ticket.id, () => this.postToThread(ticket.id, texts('de').handoff.userSays(entry.author, entry.text)));
  }

  // ——— staff side ———

  /**
   * A staff member claims, resolves or returns a ticket (from the console or a card in Teams). The domain decides
   * (409 INVALID_TRANSITION when it says no); the user is told, the card is updated in place.
   */
  async act(ticketId: number, action: StaffTicketAction, staff: StaffMember, note?: string): Promise<Ticket> {
    const ticket = await this.service.act(ticketId, action, staff, note);
    const t = texts(ticket.lang).handoff;
    const notice = action === 'claim' ? t.claimed(staff.name) : action === 'return' ? t.returned : t.resolved;
    await this.toUser(ticket, { type: ActivityTypes.Message, text: notice }).catch((error: unknown) =>
      this.options.logger.error({ err: error, ticketId }, 'could not tell the user about the ticket change'),
    );
    if (this.options.handoffEvents) await this.sendStatusEvent(ticket, action);
    await this.inOrder(ticketId, () => this.updateStaffCard(ticketId));
    return ticket;
  }

  /**
   * A staff member writes to the user (from the console or the ticket's Teams thread). Only the staff member who
   * claimed the ticket may, while it is active. The message reaches the user under the staff member's name, and is
   * recorded once delivered.
   */
  async sendStaffMessage(ticketId: number, staff: StaffMember, text: string, origin: 'console' | 'teams'): Promise<TranscriptEntry> {
    const ticket = await this.service.checkStaffMessage(ticketId, staff);
    await this.toUser(ticket, { type: ActivityTypes.Message, text: `**${escapeMarkdown(staff.name)}:** ${text}`, textFormat: 'markdown' }, staff.name);
    const entry = await this.service.recordStaffMessage(ticket, staff, text);
    if (origin === 'console') {
      await this.inOrder(ticketId, () => this.postToThread(ticketId, texts('de').handoff.consoleCopy(staff.name, text)));
    }
    return entry;
  }

  /** What the ticket card shows. */
  async cardView(ticket: Ticket): Promise<TicketCardView> {
    return {
      id: ticket.id,
      state: ticket.state,
      open: isOpen(ticket.state),
      actions: allowedActions(ticket.state, 'staff').filter((action) => action !== 'cancel'),
      topic: ticket.topic,
      reason: ticket.reason,
      userName: ticket.userName,
      channelId: ticket.channelId,
      providerNames: this.service.providerNames(ticket.providerIds),
      claimedByName: ticket.claimedBy?.name,
      createdAt: ticket.createdAt,
      transcript: await this.service.transcript(ticket),
    };
  }

  /** Brings a ticket card up to date (e.g. after a refused action on a stale card). */
  refreshCard(ticketId: number): Promise<void> {
    return this.inOrder(ticketId, () => this.updateStaffCard(ticketId));
  }

  /** The refusal of a staff message in the staff's language (German in Teams). */
  static refusalText(error: MessageRefusedError): string {
    const t = texts('de').handoff;
    return error.refusal === 'claimedByOther' ? t.claimedByOther(error.claimedByName ?? '') : error.refusal === 'closed' ? t.ticketClosed : t.notClaimed;
  }

  // ——— internals ———

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
    await this.options.proactive.continueConversation(asReference(ticket.reference), async (context) => {
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
    const channel = await this.options.staffChannel.get();
    if (!channel) {
      this.options.logger.warn({ ticketId }, 'no staff channel configured or reachable: the ticket is only in the staff console');
      return;
    }
    const ticket = await this.service.ticket(ticketId);
    const card = ticketCard(await this.cardView(ticket), this.service.now());
    let response: ResourceResponse | undefined;
    await this.options.proactive.continueConversation(asReference(channel.reference), async (context) => {
      sendAsNewMessages(context);
      response = await context.sendActivity({
        type: ActivityTypes.Message,
        summary: texts('de').handoff.cardTitle(ticket.id),
        attachments: [asAttachment(card)],
      });
    });
    if (response?.id) {
      await this.service.setStaffCard(ticketId, { conversationId: channel.reference.conversation!.id!, activityId: response.id });
    }
  }

  private async updateStaffCard(ticketId: number): Promise<void> {
    const ticket = await this.service.ticket(ticketId);
    const channel = await this.options.staffChannel.get();
    if (!ticket.staffCard || !channel) return;
    const card = ticketCard(await this.cardView(ticket), this.service.now());
    const reference = asReference(channel.reference);
    await this.options.proactive.continueConversation(
      { ...reference, conversation: { ...reference.conversation!, id: ticket.staffCard.conversationId } },
      async (context) => {
        await context.updateActivity({ type: ActivityTypes.Message, id: ticket.staffCard!.activityId, attachments: [asAttachment(card)] });
      },
    );
  }

  private async postToThread(ticketId: number, text: string): Promise<void> {
    const ticket = await this.service.ticket(ticketId);
    const channel = await this.options.staffChannel.get();
    if (!ticket.staffCard || !channel) return;
    const reference = asReference(channel.reference);
    const conversation = { ...reference.conversation!, id: threadConversationId(ticket.staffCard.conversationId, ticket.staffCard.activityId) };
    await this.options.proactive.continueConversation({ ...reference, conversation }, async (context) => {
      sendAsNewMessages(context);
      // Plain text: what users typed is shown literally in Teams.
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    });
  }

  private async sendInitiateEvent(context: TurnContext, ticket: Ticket): Promise<void> {
    const activities = (await this.service.transcript(ticket)).map(
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
    const event = EventFactory.createHandoffStatus(asReference(ticket.reference).conversation!, handoffStatus[action], message);
    await this.toUser(ticket, event).catch((error: unknown) =>
      this.options.logger.warn({ err: error, ticketId: ticket.id }, 'could not emit handoff.status'),
    );
  }
}
