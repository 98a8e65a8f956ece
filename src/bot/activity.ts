/**
 * Small helpers about activities that the bot, its handoff part and the channel adapters share: the request id in
 * the turn state, group conversations and @mentions.
 */
import { TurnContext, type Activity } from 'botbuilder';

/** turnState key under which the HTTP layer leaves the request id for logs. */
export const REQUEST_ID_KEY = Symbol('requestId');

/** Conversations where the bot only answers when @mentioned. */
export function isGroupConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
}

export function isBotMentioned(activity: Partial<Activity>): boolean {
  return TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === activity.recipient?.id);
}

/**
 * The message text without the bot's @mention (Teams puts `<at>Bot</at>` into the text). Mentions of other people
 * keep their names ("frag <at>Ben</at>" → "frag Ben"), so that relayed staff messages stay readable.
 * Does not change the activity (botbuilder's `removeRecipientMention` would).
 */
export function textWithoutMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const mention of TurnContext.getMentions(activity)) {
    if (mention.mentioned?.id === activity.recipient?.id && mention.text) text = text.split(mention.text).join(' ');
  }
  return text
    .replace(/<at>([^<]*)<\/at>/g, (_tag, name: string) => (name.trim() === activity.recipient?.name ? ' ' : name))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .trim();
}

/**
 * The text the core reads: {@link textWithoutMention}; a text the HTTP edge cut to `MAX_MESSAGE_CHARS` (marked
 * `channelData.textTruncated`) stays one character longer than that, so that the core answers it with its polite
 * "too long" reply, as it would the uncut text.
 */
export function textOfMessage(activity: Partial<Activity>): string {
  const text = textWithoutMention(activity);
  const truncated = (activity.channelData as { textTruncated?: unknown } | undefined)?.textTruncated === true;
  if (!truncated) return text;
  // Longer than the cut text was (whatever trimming took off), so longer than the limit.
  return text + '…'.repeat(Math.max(1, (activity.text ?? '').length + 1 - text.length));
}
