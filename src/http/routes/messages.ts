/**
 * POST /api/messages: the Bot Framework endpoint (Teams, Emulator, Azure Bot Service).
 */
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { REQUEST_ID_KEY } from '../../bot/activity.js';
import type { AssistantBot } from '../../bot/assistantBot.js';
import type { BotFrameworkAdapter } from '../../channels/botFramework.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { clientAddress, RequestLimiter } from '../rateLimit.js';
import { limitText, nameSchema, parseEdge } from '../edge.js';

const accountSchema = z.looseObject({
  id: z.string().max(512).optional(),
  name: nameSchema.optional(),
  aadObjectId: z.string().max(128).optional(),
  role: z.string().max(32).optional(),
});

/**
 * The fields of an activity that this server and botbuilder read, with their types and sizes; other fields pass
 * through. A wrong type is a 400 here instead of a crash deep inside botbuilder.
 */
const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).regex(/^https?:\/\//i, 'expected an http(s) URL'),
  conversation: z.looseObject({ id: z.string().min(1).max(512), name: nameSchema.optional(), tenantId: z.string().max(128).optional() }),
  from: accountSchema.optional(),
  recipient: accountSchema.optional(),
  locale: z.string().max(35).optional(),
  text: z.string().optional(),
  textFormat: z.string().max(32).optional(),
  name: z.string().max(256).optional(),
  replyToId: z.string().max(512).optional(),
  deliveryMode: z.string().max(32).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(20).optional(),
  membersAdded: z.array(accountSchema).max(200).optional(),
  membersRemoved: z.array(accountSchema).max(200).optional(),
});

export interface MessageRouteOptions {
  /** Texts are cut to this many characters before anything stores them (`MAX_MESSAGE_CHARS`). */
  maxMessageChars: number;
  /** Called before each request is processed, e.g. a rate limit; throws an AppError to refuse it. */
  admit?: (req: Request) => Promise<void>;
}

/**
 * The rate limit of /api/messages: without an Azure Bot registration anyone who reaches the port may post, so
 * requests are limited per client address (`MESSAGES_RATE_PER_MINUTE`); with one, the Bot Connector's token gates them.
 */
export function messageAdmission(config: Pick<Config, 'MicrosoftAppId' | 'MESSAGES_RATE_PER_MINUTE'>): MessageRouteOptions['admit'] {
  if (config.MicrosoftAppId) return undefined;
  const perAddress = new RequestLimiter(config.MESSAGES_RATE_PER_MINUTE, 60);
  return (req) => perAddress.consume(clientAddress(req));
}

export function messageRoutes(adapter: BotFrameworkAdapter, bot: AssistantBot, options: MessageRouteOptions = { maxMessageChars: 2000 }) {
  return (server: Server): void => {
    server.post('/api/messages', async (req: Request, res: Response) => {
      await options.admit?.(req);
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        throw new AppError('BAD_REQUEST', 'Expected an activity as JSON object.');
      }
      if (typeof (req.body as { type?: unknown }).type !== 'string') throw new AppError('BAD_REQUEST', 'The activity has no type.');
      const activity = limitText(parseEdge(incomingActivitySchema, req.body), options.maxMessageChars);
      const authHeader = req.header('authorization') ?? '';
      const result = await adapter.processIncoming(authHeader, activity as unknown as Activity, async (context) => {
        context.turnState.set(REQUEST_ID_KEY, req.id());
        await bot.run(context);
      });
      if (result.status === 401) throw new AppError('UNAUTHORIZED', 'Missing or invalid Bot Framework token.');
      if (result.body === undefined) {
        res.status(result.status);
        res.end();
      } else {
        // The reply as UTF-8 bytes, encoded once: restify's JSON formatter would count the string's bytes first and
        // the socket encode it again (replies with cards run to several kilobytes).
        const json = Buffer.from(JSON.stringify(result.body));
        res.header('Content-Type', 'application/json');
        res.header('Content-Length', json.length);
        res.sendRaw(result.status, json);
      }
    });
  };
}
