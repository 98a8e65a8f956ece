/**
 * The handoff's `BotHooks`: a small routing table that decides, before the bot answers, whether a message belongs
 * to the handoff (a staff action or reply in the staff channel, a handoff button, a user in an open ticket).
 */
import type { Activity, TurnContext } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import { textWithoutMention, type BotHooks } from '../bot/assistantBot.js';
import { handoffActionSchema, type ConversationMemory, type HandoffAction } from '../core/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { texts } from '../texts.js';
import type { HandoffService, StaffTicketAction } from './handoffService.js';
import { threadRootId, type StaffChannelRegistry } from './staffChannel.js';
import { messageRefusal, type StaffMember } from './ticketStateMachine.js';

/** A Teams user acting in the staff channel, with the same id scheme as SSO tokens (`aad:<object id>`). */
export function teamsStaffMember(activity: Partial<Activity>): StaffMember {
  const from = activity.from;
  const id = from?.aadObjectId ? `aad:${from.aadObjectId}` : `teams:${from?.id ?? 'unknown'}`;
  return { id, name: from?.name?.trim() || from?.id || 'Teams' };
}

/** Thread messages starting with this stay among the staff (the app reads the whole thread via RSC). */
export const INTERNAL_NOTE_PREFIX = '//';

const staffActions: Record<string, StaffTicketAction> = { ticketClaim: 'claim', ticketResolve: 'resolve', ticketReturn: 'return' };

/** The handoff button data of an activity, if it carries any. */
function handoffAction(activity: Partial<Activity>): HandoffAction | undefined {
  if (activity.value === undefined || activity.value === null) return undefined;
  const parsed = handoffActionSchema.safeParse(activity.value);
  return parsed.success ? parsed.data : undefined;
}

export function createHandoffHooks(service: HandoffService, staffChannel: StaffChannelRegistry, logger: Logger): BotHooks {
  /** Card buttons and replies in the staff channel. False lets the bot answer (e.g. an @mention with a question). */
  async function fromStaffChannel(context: TurnContext, action: HandoffAction | undefined): Promise<boolean> {
    const { activity } = context;
    const staff = teamsStaffMember(activity);
    const t = texts('de').handoff;
    if (action && 'ticketId' in action) {
      try {
        await service.act(action.ticketId, staffActions[action.action]!, staff);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'INVALID_TRANSITION' && error.code !== 'TICKET_NOT_FOUND')) throw error;
        // A stale card (someone else was faster): say so in the thread and show the current state.
        await context.sendActivity({ type: 'message', text: t.actionRejected, textFormat: 'plain' });
        if (error.code === 'INVALID_TRANSITION') await service.refreshCard(action.ticketId);
      }
      return true;
    }
    const root = threadRootId(activity.conversation?.id);
    const ticket = root ? service.tickets.byStaffActivity(root) : undefined;
    if (!ticket) return false;
    const text = textWithoutMention(activity);
    // Empty (an image only) or an internal note between colleagues ("// frag mal Ben"): not for the user.
    if (!text || text.startsWith(INTERNAL_NOTE_PREFIX)) return true;
    const refusal = messageRefusal(ticket, { kind: 'staff', ...staff });
    if (refusal) {
      const reply = refusal === 'claimedByOther' ? t.claimedByOther(ticket.claimedBy?.name ?? '') : refusal === 'closed' ? t.ticketClosed : t.notClaimed;
      await context.sendActivity({ type: 'message', text: reply, textFormat: 'plain' });
      return true;
    }
    await service.sendStaffMessage(ticket.id, staff, text, 'teams');
    return true;
  }

  /** Handoff buttons and messages in a user's conversation. */
  async function fromUser(context: TurnContext, memory: ConversationMemory, action: HandoffAction | undefined): Promise<boolean> {
    const open = service.openTicketFor(context.activity);
    if (action?.action === 'handoffWithdraw') {
      if (open) await service.withdraw(context, open, memory);
      return true;
    }
    if (action?.action === 'handoffConfirm') {
      await service.confirm(context, action, memory);
      return true;
    }
    if (action?.action === 'handoffCancel') {
      if (!open) await service.cancelOffer(context, memory);
      return true;
    }
    if (action) {
      // Staff buttons are only honoured in the staff channel.
      logger.warn({ action: action.action, channel: context.activity.channelId }, 'ignored staff action outside the staff channel');
      return true;
    }
    if (!open) return false;
    // The conversation belongs to the staff now: the bot stays silent and relays.
    await service.relayFromUser(context, open);
    return true;
  }

  return {
    async beforeMessage(context, memory) {
      const action = handoffAction(context.activity);
      staffChannel.captureFromMessage(context.activity);
      if (staffChannel.isStaffConversation(context.activity)) return fromStaffChannel(context, action);
      return fromUser(context, memory, action);
    },

    async escalate(context, reply) {
      await service.offer(context, reply);
    },

    async onBotAdded(context) {
      const captured = await staffChannel.captureFromInstall(context.activity, async () =>
        (await TeamsInfo.getTeamChannels(context)).map((channel) => channel.id ?? '').filter(Boolean),
      );
      if (captured) logger.info({ channel: captured.reference.conversation?.id }, 'staff channel registered');
    },
  };
}
