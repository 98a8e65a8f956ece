/**
 * Field rules shared by the routes that take activities from outside (`/api/messages`, Direct Line): what a name or a
 * text may be before anything stores it, and how a wrong field becomes a 400.
 *
 * Names are cut to {@link MAX_NAME_CHARS}; a text longer than `MAX_MESSAGE_CHARS` is cut to that length and marked with
 * `channelData.textTruncated`, so that the bot still answers with its polite "too long" reply while nothing longer
 * is ever stored.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';

/** Longest display name kept (user, bot, conversation); longer ones are cut. */
export const MAX_NAME_CHARS = 200;

/** A display name: a string, cut to {@link MAX_NAME_CHARS}. */
export const nameSchema = z.string().transform((name) => name.slice(0, MAX_NAME_CHARS));

/** Parses `value` with `schema`, or throws 400 `INVALID_FIELD` naming the first wrong field. */
export function parseEdge<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID_FIELD', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Set in `channelData` of an activity whose text the edge cut to `MAX_MESSAGE_CHARS`. */
export const TEXT_TRUNCATED_KEY = 'textTruncated';

/**
 * The activity with its `text` cut to `maxChars`; a cut text is marked in `channelData` (see the module comment).
 *
 * @example
 * limitText({ type: 'message', text: 'x'.repeat(5000) }, 2000).text.length; // 2000
 */
export function limitText<A extends { text?: unknown; channelData?: unknown }>(activity: A, maxChars: number): A {
  if (typeof activity.text !== 'string' || activity.text.length <= maxChars) return activity;
  const channelData = typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
  return { ...activity, text: activity.text.slice(0, maxChars), channelData: { ...channelData, [TEXT_TRUNCATED_KEY]: true } };
}
