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
