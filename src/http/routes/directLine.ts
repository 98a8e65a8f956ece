/**
 * Direct Line 3.0 under /v3/directline, enough of it for the official clients (botframework-directlinejs, Web Chat):
 *
 * | Route                                       | What it does                                                |
 * | ------------------------------------------- | ----------------------------------------------------------- |
 * | `POST /tokens/generate`                     | new conversation + token (rate-limited per client address)  |
 * | `POST /tokens/refresh`                      | fresh token for the same conversation                       |
 * | `POST /conversations`                       | starts the token's conversation (welcome); 201 with streamUrl |
 * | `GET  /conversations/:id?watermark=`        | reconnect: fresh token and streamUrl from that watermark    |
 * | `GET  /conversations/:id/activities`        | polling: activities after the watermark                     |
 * | `POST /conversations/:id/activities`        | the user's activity → bot turn; `{ id }`                    |
 * | `GET  /conversations/:id/stream?t=`         | WebSocket stream of activity groups                         |
 *
 * Tokens are bound to one conversation: a token for another conversation gets 403, like an expired one.
 */
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer } from 'ws';
import type { Socket } from 'node:net';
import { REQUEST_ID_KEY } from '../../bot/activity.js';
import type { AssistantBot } from '../../bot/assistantBot.js';
import type { DirectLineAdapter, TurnLogic } from '../../channels/directLine/adapter.js';
import {
  parseBody,
  parseWatermark,
  postedActivitySchema,
  startConversationSchema,
  tokenRequestSchema,
  type ConversationResponse,
} from '../../channels/directLine/protocol.js';
import {
  bearerToken,
  newConversationId,
  newUserId,
  type DirectLineTokens,
  type IssuedToken,
  type TokenGrant,
} from '../../channels/directLine/tokens.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { limitText } from '../edge.js';
import { clientAddress, RequestLimiter } from '../rateLimit.js';
import { OriginPolicy, publicBase } from './directLineCors.js';

export const DIRECT_LINE_BASE_PATH = '/v3/directline';

/** Clients only send empty keep-alive messages over the stream. */
const MAX_STREAM_MESSAGE_BYTES = 4096;

export interface DirectLineRouteOptions {
  config: Config;
  adapter: DirectLineAdapter;
  tokens: DirectLineTokens;
  bot: AssistantBot;
  logger: Logger;
}

/** restify's response for `Connection: Upgrade` requests (server created with `handleUpgrades: true`). */
interface UpgradeResponse {
  claimUpgrade(): { socket: Socket; head: Buffer };
  statusCode: number;
  emit(event: string): boolean;
}

function isUpgradeResponse(res: unknown): res is UpgradeResponse {
  return typeof (res as Partial<UpgradeResponse>).claimUpgrade === 'function';
}

/**
 * The Direct Line routes, registered like every other route module.
 *
 * @example
 * const routes = [directLineRoutes({ config, adapter: directLine, tokens, bot, logger })];
 */
export function directLineRoutes({ config, adapter, tokens, bot, logger }: DirectLineRouteOptions) {
  const origins = new OriginPolicy(config);
  const tokenLimiter = new RequestLimiter(config.DIRECTLINE_TOKEN_RATE_PER_MINUTE, 60);
  // Per conversation: a token is bound to one conversation, so this is per token and user.
  const messageLimiter = new RequestLimiter(config.DIRECTLINE_MESSAGE_RATE_PER_MINUTE, 60);
  const reconnectLimiter = new RequestLimiter(config.DIRECTLINE_RECONNECT_RATE_PER_MINUTE, 60);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_STREAM_MESSAGE_BYTES, clientTracking: false });
  const store = adapter.store;

  /** The bot's turn, with the request id for logs. */
  const turn = (req: Request): TurnLogic => async (context) => {
    context.turnState.set(REQUEST_ID_KEY, req.id());
    await bot.run(context);
  };

  /** Token generation costs a conversation row: limited per client address. */
  async function limitTokenRequests(req: Request): Promise<void> {
    await tokenLimiter.consume(clientAddress(req));
  }

  async function grantOf(token: string | undefined): Promise<TokenGrant> {
    if (!token) throw new AppError('UNAUTHORIZED', 'A Direct Line token is required (Authorization: Bearer …).');
    return tokens.verify(token);
  }

  /** The token's grant for `conversationId`: 403 for another conversation's token, 404 for a deleted conversation. */
  async function authorize(token: string | undefined, conversationId: string): Promise<TokenGrant> {
    const grant = await grantOf(token);
    if (grant.conversationId !== conversationId) throw new AppError('FORBIDDEN');
    if (!(await store.get(conversationId))) throw new AppError('CONVERSATION_NOT_FOUND');
    return grant;
  }

  function conversationResponse(req: Request, issued: IssuedToken, watermark?: number): ConversationResponse {
    const wsBase = publicBase(req, config).replace(/^http/, 'ws');
    const query = new URLSearchParams({ ...(watermark ? { watermark: String(watermark) } : {}), t: issued.token });
    return {
      conversationId: issued.conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: `${wsBase}${DIRECT_LINE_BASE_PATH}/conversations/${encodeURIComponent(issued.conversationId)}/stream?${query}`,
    };
  }

  async function newConversation(req: Request): Promise<IssuedToken> {
    await limitTokenRequests(req);
    const grant = { conversationId: newConversationId(), userId: newUserId() };
    await store.create({ id: grant.conversationId, userId: grant.userId });
    return tokens.issue(grant);
  }

  const conversationId = (req: Request) => String(req.params.conversationId);

  return (server: Server): void => {
    server.opts(`${DIRECT_LINE_BASE_PATH}/*`, async (req: Request, res: Response) => origins.preflight(req, res));

    server.post(`${DIRECT_LINE_BASE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      parseBody(tokenRequestSchema, req.body);
      const issued = await newConversation(req);
      res.send(200, { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn });
    });

    server.post(`${DIRECT_LINE_BASE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      const grant = await grantOf(bearerToken(req.header('authorization')));
      await reconnectLimiter.consume(grant.conversationId);
      const existing = await store.get(grant.conversationId);
      if (!existing || existing.endedAt) throw new AppError('CONVERSATION_NOT_FOUND');
      const issued = await tokens.issue(grant);
      res.send(200, { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn });
    });

    server.post(`${DIRECT_LINE_BASE_PATH}/conversations`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      const body = parseBody(startConversationSchema, req.body);
      const authorization = req.header('authorization');
      // Without a token this is "generate + start" in one call, limited like token generation.
      let issued: IssuedToken;
      if (authorization) {
        const grant = await grantOf(bearerToken(authorization));
        if (!(await store.get(grant.conversationId))) throw new AppError('CONVERSATION_NOT_FOUND');
        issued = await tokens.issue(grant);
      } else {
        issued = await newConversation(req);
      }
      const started = await adapter.startConversation(issued.conversationId, body.locale, turn(req));
      res.send(started ? 201 : 200, conversationResponse(req, issued));
    });

    server.get(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      const id = conversationId(req);
      const grant = await authorize(bearerToken(req.header('authorization')), id);
      await reconnectLimiter.consume(id);
      const watermark = parseWatermark(req.query?.watermark);
      // A client given only a token and conversation id never posts /conversations; start it here then.
      await adapter.startConversation(id, undefined, turn(req));
      res.send(200, conversationResponse(req, await tokens.issue(grant), watermark));
    });

    server.get(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      const id = conversationId(req);
      await authorize(bearerToken(req.header('authorization')), id);
      const watermark = parseWatermark(req.query?.watermark);
      const entries = await store.activitiesAfter(id, watermark);
      const last = entries.length > 0 ? entries[entries.length - 1]!.watermark : watermark;
      res.send(200, { activities: entries.map((entry) => entry.activity), watermark: String(last) });
    });

    server.post(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      origins.apply(req, res);
      const id = conversationId(req);
      await authorize(bearerToken(req.header('authorization')), id);
      await messageLimiter.consume(id);
      // A conversation the user ended by deleting their data takes nothing more (it is deleted moments later).
      if ((await store.get(id))?.endedAt) throw new AppError('CONVERSATION_NOT_FOUND');
      const activity = limitText(parseBody(postedActivitySchema, req.body), config.MAX_MESSAGE_CHARS);
      // The welcome comes first, also for clients that post before they started the conversation.
      await adapter.startConversation(id, activity.locale, turn(req));
      const received = await adapter.receiveActivity(id, activity as Partial<Activity>, turn(req));
      res.send(200, received);
    });

    server.get(`${DIRECT_LINE_BASE_PATH}/conversations/:conversationId/stream`, async (req: Request, res: Response) => {
      // Browsers send Origin with WebSocket handshakes too; CORS does not protect them, this check does.
      if (!origins.allows(req.header('origin') || undefined, req)) {
        throw new AppError('FORBIDDEN', 'This website may not use the chat.');
      }
      const id = conversationId(req);
      const query = (req.query ?? {}) as Record<string, unknown>;
      const token = typeof query.t === 'string' ? query.t : bearerToken(req.header('authorization'));
      await authorize(token, id);
      await reconnectLimiter.consume(id);
      const watermark = parseWatermark(query.watermark);
      if (!isUpgradeResponse(res)) throw new AppError('BAD_REQUEST', 'Expected a WebSocket upgrade.');
      const { socket, head } = res.claimUpgrade();
      sockets.handleUpgrade(req, socket, head, (ws) => {
        adapter.streams.attach(id, ws, watermark);
        logger.debug({ requestId: req.id(), streams: adapter.streams.count(id) }, 'direct line stream opened');
      });
      // The upgraded response never "finishes" on its own; end restify's request cycle for the access log.
      res.statusCode = 101;
      res.emit('finish');
    });
  };
}
