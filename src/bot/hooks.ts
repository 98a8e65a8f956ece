/**
 * What a feature plugs into the bot: `beforeMessage` may take a message before the core answers it (a staff action
 * or reply in the staff channel, a handoff button, a user in an open ticket, a vote on an answer); `onBotAdded` sees
 * the bot being installed somewhere; `beforeReply`/`afterReply` see the core's turn and its activities around the
 * send (the question log, feedback buttons); `onInvoke` may answer an invoke activity (Teams' feedback).
 */
import type { InvokeResponse, ResourceResponse, TurnContext } from 'botbuilder';
import type { ConversationMemory, Turn } from '../core/types.js';
import type { OutgoingActivity } from './render.js';

export interface BotHooks {
  /** True when the message was handled and the bot must not answer it. */
  beforeMessage?(context: TurnContext, memory: ConversationMemory): Promise<boolean>;
  onBotAdded?(context: TurnContext): Promise<void>;
  /** The activities of the core's reply to a message, before they are sent; returns them, changed or not. */
  beforeReply?(context: TurnContext, turn: Turn, activities: OutgoingActivity[]): OutgoingActivity[];
  /** After the reply to a message was sent (`sent` matches the activities `beforeReply` returned). */
  afterReply?(context: TurnContext, turn: Turn, sent: ResourceResponse[]): Promise<void>;
  /** The response to an invoke activity, or undefined when this feature does not handle it. */
  onInvoke?(context: TurnContext): Promise<InvokeResponse | undefined>;
}

/** Several features' hooks as one: each is asked in order; the first that handles a message or invoke wins. */
export function combineHooks(...all: BotHooks[]): BotHooks {
  return {
    beforeMessage: async (context, memory) => {
      for (const hooks of all) if (await hooks.beforeMessage?.(context, memory)) return true;
      return false;
    },
    onBotAdded: async (context) => {
      for (const hooks of all) await hooks.onBotAdded?.(context);
    },
    beforeReply: (context, turn, activities) =>
      all.reduce((current, hooks) => hooks.beforeReply?.(context, turn, current) ?? current, activities),
    afterReply: async (context, turn, sent) => {
      for (const hooks of all) await hooks.afterReply?.(context, turn, sent);
    },
    onInvoke: async (context) => {
      for (const hooks of all) {
        const response = await hooks.onInvoke?.(context);
        if (response) return response;
      }
      return undefined;
    },
  };
}

/** turnState flag: the turn deleted the conversation's data; nothing of it is written again (state, transcript). */
export const DATA_DELETED = Symbol('dataDeleted');
