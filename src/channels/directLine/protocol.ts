/**
 * The Direct Line 3.0 wire format as far as this server speaks it: request bodies (zod), watermarks, responses.
 */
import { z } from 'zod';
import { AppError } from '../../errors.js';

/** Activity types a client may post. Others (conversationUpdate, endOfConversation, …) are the server's to send. */
export const clientActivityTypes = ['message', 'event', 'typing', 'invoke'] as const;

/** Longest display name kept; longer ones are cut (like `/api/messages`, see src/http/edge.ts). */
const MAX_NAME_CHARS = 200;

const channelAccountSchema = z.looseObject({
  id: z.string().max(256).optional(),
  name: z
    .string()
    .transform((name) => name.slice(0, MAX_NAME_CHARS))
    .optional(),
  role: z.string().max(32).optional(),
});

const localeSchema = z.string().trim().max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a BCP 47 tag such as de-DE');

/** `POST /conversations/:id/activities`. Unknown fields pass through (Web Chat sends entities, channelData, …). */
export const postedActivitySchema = z
  .looseObject({
    type: z.enum(clientActivityTypes),
    text: z.string().optional(),
    name: z.string().max(256).optional(),
    locale: localeSchema.optional(),
    from: channelAccountSchema.optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    attachments: z.array(z.looseObject({ contentType: z.string() })).max(20).optional(),
    entities: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  // The server decides who speaks, where and when.
  .transform(({ callerId: _c, relatesTo: _r, recipient: _re, conversation: _co, channelId: _ch, ...activity }) => activity);

export type PostedActivity = z.infer<typeof postedActivitySchema>;

/** `POST /conversations` (directlinejs sends `{ user: { id }, locale }`, both possibly undefined). */
export const startConversationSchema = z.looseObject({
  locale: localeSchema.optional(),
  user: channelAccountSchema.optional(),
});

/** `POST /tokens/generate` and `/tokens/refresh`: no fields needed; a non-object body is still an error. */
export const tokenRequestSchema = z.looseObject({});

/** Parses a body with `schema`, or throws `BAD_REQUEST` naming the first problem. An empty body counts as `{}`. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const value = body === undefined || body === null || body === '' ? {} : body;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AppError('BAD_REQUEST', 'Expected a JSON object.');
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('BAD_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * A client's watermark as a log position. Empty, missing, `null` and `undefined` mean "from the start": clients send
 * all of these before they have seen any activity.
 */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const text = String(value).trim();
  if (text === '' || text === 'null' || text === 'undefined') return 0;
  if (!/^\d{1,15}$/.test(text)) throw new AppError('BAD_REQUEST', 'watermark: expected a number');
  return Number(text);
}

/** The body of token and conversation responses, named as in Direct Line. */
export interface ConversationResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}
