/**
 * What a feature (the handoff) plugs into the bot: `beforeMessage` may take a message before the core answers it
 * (a staff action or reply in the staff channel, a handoff button, a user in an open ticket); `onBotAdded` sees the
 * bot being installed somewhere.
 */
import type { TurnContext } from 'botbuilder';
import type { ConversationMemory } from '../core/types.js';

export interface BotHooks {
  /** True when the message was handled and the bot must not answer it. */
  beforeMessage?(context: TurnContext, memory: ConversationMemory): Promise<boolean>;
  onBotAdded?(context: TurnContext): Promise<void>;
}

/** turnState flag: the turn deleted the conversation's data; nothing of it is written again (state, transcript). */
export const DATA_DELETED = Symbol('dataDeleted');

/** Several features' hooks, asked in order: the first that handles a message wins. */
export function combineHooks(...all: BotHooks[]): BotHooks {
  return {
    async beforeMessage(context, memory) {
      for (const hooks of all) if (await hooks.beforeMessage?.(context, memory)) return true;
      return false;
    },
    async onBotAdded(context) {
      for (const hooks of all) await hooks.onBotAdded?.(context);
    },
  };
}
