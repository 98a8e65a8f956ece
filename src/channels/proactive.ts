/**
 * Proactive messages (a staff reply, a ticket card) go out through the channel that owns the conversation.
 * Each channel adapter offers itself as a `ProactiveChannel`; the messenger picks the one that can reach a
 * stored conversation reference.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';

export interface ProactiveChannel {
  /** True when this channel owns conversations like `reference`. */
  canReach(reference: Partial<ConversationReference>): boolean;
  /** Runs `logic` in a turn context bound to `reference`, so that `context.sendActivity` reaches that conversation. */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export class ProactiveMessenger {
  constructor(private readonly channels: ProactiveChannel[]) {}

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const channel = this.channels.find((c) => c.canReach(reference));
    if (!channel) throw new Error(`ProactiveMessenger: no channel can reach ${reference.channelId ?? 'unknown'} conversations`);
    await channel.continueConversation(reference, logic);
  }
}
