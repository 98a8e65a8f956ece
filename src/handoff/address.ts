/**
 * Where a conversation can be reached, as the handoff domain keeps it: the channel's conversation reference, stored
 * and handed back whole, never interpreted here beyond its channel and conversation id (the bot layer reads the rest).
 */
export interface ConversationAddress {
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id?: string };
}

/** The store key of a conversation: channels may reuse conversation ids, so the channel is part of it. */
export function conversationKey(address: { channelId?: string; conversation?: { id?: string } }): string {
  return `${address.channelId ?? 'unknown'}|${address.conversation?.id ?? 'unknown'}`;
}
