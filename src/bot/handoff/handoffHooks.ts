/**
 * The handoff's `BotHooks`: a small routing table that decides, before the bot answers, whether a message belongs
 * to the handoff (a staff action or reply in the staff channel, a handoff button, a user in an open ticket).
 */
import type { Activity, TurnContext } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import { handoffActionSchema, type ConversationMemory, type HandoffAction } from '../../core/types.js';
import { AppError } from '../../errors.js';
import { conversationKey } from '../../handoff/address.js';
import { MessageRefusedError, type StaffTicketAction } from '../../handoff/handoffService.js';
import type { StaffMember } from '../../handoff/ticketStateMachine.js';
import type { Logger } from '../../logger.js';
import { texts } from '../../texts.js';
import { textWithoutMention } from '../activity.js';
import type { BotHooks } from '../hooks.js';
import { HandoffDesk } from './handoffDesk.js';
import { threadRootId, type StaffChannelResolver } from './staffChannel.js';

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

export function createHandoffHooks(desk: HandoffDesk, staffChannel: StaffChannelResolver, logger: Logger): BotHooks {
  const { service } = desk;

  /** Card buttons and replies in the staff channel. False lets the bot answer (e.g. an @mention with a question). */
  async function fromStaffChannel(context: TurnContext, action: HandoffAction | undefined): Promise<boolean> {
    const { activity } = context;
    const staff = teamsStaffMember(activity);
    const t = texts('de').handoff;
    if (action && 'ticketId' in action) {
      try {
        await desk.act(action.ticketId, staffActions[action.action]!, staff);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'INVALID_TRANSITION' && error.code !== 'TICKET_NOT_FOUND')) throw error;
        // A stale card (someone else was faster): say so in the thread and show the current state.
        await context.sendActivity({ type: 'message', text: t.actionRejected, textFormat: 'plain' });
        if (error.code === 'INVALID_TRANSITION') await desk.refreshCard(action.ticketId);
      }
      return true;
    }
    const root = threadRootId(activity.conversation?.id);
    const ticket = root ? await service.ticketByStaffCard(root) : undefined;
    if (!ticket) return false;
    const text = textWithoutMention(activity);
    // Empty (an image only) or an internal note between colleagues ("// frag mal Ben"): not for the user.
    if (!text || text.startsWith(INTERNAL_NOTE_PREFIX)) return true;
    try {
      await desk.sendStaffMessage(ticket.id, staff, text, 'teams');
    } catch (error) {
      if (!(error instanceof MessageRefusedError)) throw error;
      await context.sendActivity({ type: 'message', text: HandoffDesk.refusalText(error), textFormat: 'plain' });
    }
    return true;
  }

  /** Handoff buttons and messages in a user's conversation. */
  async function fromUser(context: TurnContext, memory: ConversationMemory, action: HandoffAction | undefined): Promise<boolean> {
    const open = await service.openTicketFor(conversationKey(context.activity));
    if (action?.action === 'handoffWithdraw') {
      if (open) await desk.withdraw(context, open, memory);
      return true;
    }
    if (action?.action === 'handoffConfirm') {
      await desk.confirm(context, action, memory);
      return true;
    }
    if (action?.action === 'handoffCancel') {
      if (!open) await desk.cancelOffer(context, memory);
      return true;
    }
    if (action) {
      // Staff buttons are only honoured in the staff channel.
      logger.warn({ action: action.action, channel: context.activity.channelId }, 'ignored staff action outside the staff channel');
      return true;
    }
    if (!open) return false;
    // The conversation belongs to the staff now: the bot stays silent and relays.
    await desk.relayFromUser(context, open);
    return true;
  }

  const teamChannels = (context: TurnContext) => async () =>
    (await TeamsInfo.getTeamChannels(context)).map((channel) => channel.id ?? '').filter(Boolean);

  return {
    async beforeMessage(context, memory) {
      const action = handoffAction(context.activity);
      if (staffChannel.isStaffConversation(context.activity)) {
        await staffChannel.capture(context.activity, teamChannels(context));
        return fromStaffChannel(context, action);
      }
      return fromUser(context, memory, action);
    },

    async onBotAdded(context) {
      const captured = await staffChannel.capture(context.activity, teamChannels(context));
      if (captured) logger.info({ channel: captured.reference.conversation?.id }, 'staff channel registered');
    },
  };
}
