/**
 * The website channel: a botbuilder `BotAdapter` behind this server's own Direct Line 3.0 endpoint.
 *
 * Incoming activities are logged (that log entry is the echo Web Chat waits for) and run through the same bot as
 * every other channel; what the bot sends is logged and pushed to the conversation's open streams. Polling clients
 * read the same log. Turns of one conversation run one after another, so that conversation state is never written
 * by two turns at once.
 */
import { turnErrorHandler } from '../botFramework.js';
import {
  ActivityEventNames,
  ActivityTypes,
  BotAdapter,
  BotCallbackHandlerKey,
  INVOKE_RESPONSE_KEY,
  StatusCodes,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logger.js';
import {
  DELETED_ACTIVITY_TYPE,
  type ConversationRecord,
  type ConversationStore,
  type LoggedActivity,
} from '../../store/conversationStore.js';
import type { Database } from '../../store/database.js';
import { DIRECT_LINE_BOT_ACCOUNT, DIRECT_LINE_CHANNEL_ID, DIRECT_LINE_SERVICE_URL } from './constants.js';
import { StreamHub } from './streams.js';

/** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Result of {@link DirectLineAdapter.receiveActivity}. */
export interface ReceivedActivity {
  /** Id given to the user's activity (the Direct Line `ResourceResponse`). */
  id: string;
  /** For `invoke` activities: what the bot answered (botbuilder's invoke response), like `CloudAdapter` returns it. */
  invokeResponse?: InvokeResponse;
}

export interface DirectLineAdapterOptions {
  store: ConversationStore;
  /** Where committed log entries are announced (from every instance sharing the database). */
  notices: Pick<Database, 'listen' | 'onResync'>;
  logger: Logger;
  /** Interval of WebSocket pings (default 30 s). */
  heartbeatMs?: number;
  /** Most open streams per conversation. */
  maxStreamsPerConversation?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function userAccount(conversation: ConversationRecord, name?: string): ChannelAccount {
  return { id: conversation.userId, ...(name ? { name } : {}), role: 'user' } as ChannelAccount;
}

/** Typing indicators are pushed live but never logged; they get ids outside the log's numbering. */
function ephemeralId(conversationId: string): string {
  return `${conversationId}|t${randomBytes(6).toString('base64url')}`;
}

/**
 * botbuilder adapter of the website channel (channel id `webchat`). Build it with {@link createDirectLineAdapter}.
 *
 * @example
 * const directLine = createDirectLineAdapter({ store: new SqliteConversationStore(db), logger });
 * await directLine.receiveActivity(conversationId, { type: 'message', text: 'Hallo' }, (ctx) => bot.run(ctx));
 */
export class DirectLineAdapter extends BotAdapter {
  /** Conversations and their logs (shared with the handoff feature). */
  readonly store: ConversationStore;
  /** Open WebSocket streams. */
  readonly streams: StreamHub;
  /** Per conversation: the turn running or waiting last (turns run one after the other). */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per conversation: the user activity being logged last (logged in the order they arrived). */
  private readonly intakes = new Map<string, Promise<unknown>>();

  constructor(options: DirectLineAdapterOptions) {
    super();
    this.store = options.store;
    this.streams = new StreamHub(options.store, options.notices, {
      heartbeatMs: options.heartbeatMs,
      maxPerConversation: options.maxStreamsPerConversation,
    });
  }

  /**
   * Starts a conversation the first time it is called for it: runs a `conversationUpdate` with the user and the bot
   * in `membersAdded` (Azure's Direct Line does the same; the bot answers with its welcome). Returns false when the
   * conversation had already been started.
   */
  async startConversation(conversationId: string, locale: string | undefined, logic: TurnLogic): Promise<boolean> {
    const conversation = await this.requireConversation(conversationId);
    if (!(await this.store.markStarted(conversationId, locale))) return false;
    const user = userAccount(conversation);
    const update: Partial<Activity> = {
      type: ActivityTypes.ConversationUpdate,
      id: `${conversationId}|start`,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversationId } as Activity['conversation'],
      from: user,
      recipient: { ...DIRECT_LINE_BOT_ACCOUNT },
      membersAdded: [user, { ...DIRECT_LINE_BOT_ACCOUNT }],
      locale: locale ?? conversation.locale,
      timestamp: new Date(),
    };
    await this.enqueue(this.queues, conversationId, () => this.runTurn(update, logic));
    return true;
  }

  /**
   * Takes an activity a client posted: gives it an id, the user's identity and the bot as recipient, logs it (so the
   * client sees its own message come back with `id` and `channelData.clientActivityID`), then runs the turn. Resolves
   * after the turn, when the activity and everything the bot answered are committed.
   */
  async receiveActivity(conversationId: string, incoming: Partial<Activity>, logic: TurnLogic): Promise<ReceivedActivity> {
    // Both places in line are taken before the first await, so that a user's messages are logged and answered in the
    // order they arrived, even where the database lets a later append finish first (PostgreSQL's pool).
    const logged = this.enqueue(this.intakes, conversationId, () => this.logIncoming(conversationId, incoming));
    // Its failure (an unknown conversation) is thrown by the turn below; until that runs it must not count as unhandled.
    logged.catch(() => undefined);
    const invokeResponse = await this.enqueue(this.queues, conversationId, async () => this.runTurn(await logged, logic));
    const { id } = await logged;
    return { id, ...(invokeResponse ? { invokeResponse } : {}) };
  }

  /** The user's activity as the channel logs it (typing only pushed live), under the user the token names. */
  private async logIncoming(conversationId: string, incoming: Partial<Activity>): Promise<LoggedActivity> {
    const conversation = await this.requireConversation(conversationId);
    const { id: _clientId, serviceUrl: _serviceUrl, ...fields } = incoming;
    const activity = {
      ...fields,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversationId },
      // The user is who the token says, whatever the client wrote into `from`.
      from: userAccount(conversation, typeof incoming.from?.name === 'string' ? incoming.from.name : undefined),
      recipient: { ...DIRECT_LINE_BOT_ACCOUNT },
      timestamp: new Date().toISOString(),
    } as unknown as Partial<Activity> & { type: string };
    if (activity.type === ActivityTypes.Typing) {
      const typing = { ...activity, id: ephemeralId(conversationId) } as LoggedActivity;
      this.streams.publishEphemeral(conversationId, typing);
      return typing;
    }
    return (await this.store.append(conversationId, activity)).activity;
  }

  /**
   * Logs what the bot sends and pushes it to the conversation's streams. Like botbuilder's `CloudAdapter`: `delay`
   * waits (`value` milliseconds, default 1000), `trace` is dropped, `invokeResponse` is kept in the turn state.
   */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        context.turnState.set(INVOKE_RESPONSE_KEY, activity);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' });
      } else {
        responses.push({ id: await this.deliver(activity) });
      }
    }
    return responses;
  }

  /** Replaces an activity: logged again under its id and timestamp, so Web Chat swaps it in place. */
  override async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.id) throw new TypeError('DirectLineAdapter.updateActivity: activity.id and conversation.id are required');
    const existing = await this.store.findActivity(conversationId, activity.id);
    if (!existing) throw new Error(`DirectLineAdapter.updateActivity: unknown activity ${activity.id}`);
    const updated = {
      ...activity,
      id: existing.id,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: existing.conversation,
      from: existing.from,
      recipient: existing.recipient,
      timestamp: existing.timestamp,
    } as Partial<Activity> & { type: string };
    await this.store.append(conversationId, { ...updated, type: updated.type ?? existing.type });
    return { id: existing.id };
  }

  /** Deletes an activity: a `messageDelete` tombstone under its id hides it in Web Chat and in transcripts. */
  override async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id;
    const activityId = reference.activityId;
    if (!conversationId || !activityId) throw new TypeError('DirectLineAdapter.deleteActivity: activityId and conversation.id are required');
    const existing = await this.store.findActivity(conversationId, activityId);
    if (!existing) throw new Error(`DirectLineAdapter.deleteActivity: unknown activity ${activityId}`);
    await this.store.append(conversationId, {
      type: DELETED_ACTIVITY_TYPE,
      id: existing.id,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: existing.conversation,
      from: existing.from,
      timestamp: existing.timestamp,
    });
  }

  /** @deprecated botbuilder's old signature; use {@link DirectLineAdapter.continueConversationAsync}. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    await this.continueConversationAsync('', reference, logic);
  }

  /**
   * Runs `logic` in a turn bound to a stored website conversation, so that `context.sendActivity` reaches the
   * user's widget (live, or when it reconnects). Accepts every overload of botbuilder's `BotAdapter`.
   *
   * @example
   * await adapter.continueConversationAsync('', adapter.conversationReference(id)!, (ctx) => ctx.sendActivity('Hallo'));
   */
  override continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void>;
  override continueConversationAsync(claimsIdentity: ClaimsIdentity, reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void>;
  override continueConversationAsync(
    claimsIdentity: ClaimsIdentity,
    reference: Partial<ConversationReference>,
    audience: string,
    logic: TurnLogic,
  ): Promise<void>;
  override async continueConversationAsync(
    botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('DirectLineAdapter.continueConversationAsync: logic is required');
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new TypeError('DirectLineAdapter.continueConversationAsync: reference.conversation.id is required');
    const conversation = await this.requireConversation(conversationId);
    const claims =
      typeof botAppIdOrClaimsIdentity === 'string' ? botClaims(botAppIdOrClaimsIdentity) : botAppIdOrClaimsIdentity;
    // No activity id: the bot's messages must not "reply" to an activity the client never sees.
    const continuation: Partial<Activity> = {
      type: ActivityTypes.Event,
      name: ActivityEventNames.ContinueConversation,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { ...reference.conversation, id: conversationId } as Activity['conversation'],
      from: reference.user ?? userAccount(conversation),
      recipient: reference.bot ?? { ...DIRECT_LINE_BOT_ACCOUNT },
      locale: reference.locale ?? conversation.locale,
      relatesTo: reference as ConversationReference,
    };
    const context = new TurnContext(this, continuation);
    context.turnState.set(this.BotIdentityKey, claims);
    context.turnState.set(BotCallbackHandlerKey, logic);
    if (typeof logicOrAudience === 'string') context.turnState.set(this.OAuthScopeKey, logicOrAudience);
    await this.runMiddleware(context, logic);
  }

  /** A reference to a stored website conversation, for proactive messages; undefined when it does not exist. */
  async conversationReference(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) return undefined;
    return {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversationId } as ConversationReference['conversation'],
      user: userAccount(conversation),
      bot: { ...DIRECT_LINE_BOT_ACCOUNT },
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
  }

  /** Deletes a conversation with its log and ends its streams; later requests for it get 404. */
  async deleteConversation(conversationId: string): Promise<boolean> {
    this.streams.disconnect(conversationId);
    return this.store.delete(conversationId);
  }

  /** Closes every stream (clients reconnect with their watermark). */
  close(): void {
    this.streams.close();
  }

  /** Logs one outgoing activity and pushes it; returns its id. */
  private async deliver(activity: Partial<Activity>): Promise<string> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) throw new TypeError('DirectLineAdapter.sendActivities: activity.conversation.id is required');
    const conversation = await this.requireConversation(conversationId);
    const { id: _id, replyToId, ...fields } = activity;
    const repliesToLogged = Boolean(replyToId) && (await this.store.findActivity(conversationId, replyToId!)) !== undefined;
    const outgoing = {
      ...fields,
      type: activity.type ?? ActivityTypes.Message,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      from: activity.from?.id ? { ...activity.from, role: 'bot' } : { ...DIRECT_LINE_BOT_ACCOUNT },
      recipient: activity.recipient?.id ? activity.recipient : userAccount(conversation),
      timestamp: new Date().toISOString(),
      // Web Chat holds back a reply until it has seen the activity replied to; only point at logged ones.
      ...(repliesToLogged ? { replyToId } : {}),
    } as unknown as Partial<Activity> & { type: string };

    if (outgoing.type === ActivityTypes.Typing) {
      const typing = { ...outgoing, id: ephemeralId(conversationId) } as LoggedActivity;
      this.streams.publishEphemeral(conversationId, typing);
      return typing.id;
    }
    return (await this.store.append(conversationId, outgoing)).activity.id;
  }

  private async requireConversation(conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) throw new Error(`DirectLineAdapter: unknown conversation ${conversationId}`);
    return conversation;
  }

  /** Runs one turn; returns the invoke response for `invoke` activities, like `CloudAdapter.processActivity`. */
  private async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, botClaims(''));
    context.turnState.set(BotCallbackHandlerKey, logic);
    await this.runMiddleware(context, logic);
    if (activity.type !== ActivityTypes.Invoke) return undefined;
    const response = context.turnState.get(INVOKE_RESPONSE_KEY) as Partial<Activity> | undefined;
    return (response?.value as InvokeResponse | undefined) ?? { status: StatusCodes.NOT_IMPLEMENTED };
  }

  /** Chains a turn behind the conversation's previous one. */
  private enqueue<T>(queues: Map<string, Promise<unknown>>, conversationId: string, turn: () => Promise<T>): Promise<T> {
    const previous = queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(turn, turn);
    const tail = result.catch(() => undefined);
    queues.set(conversationId, tail);
    void tail.then(() => {
      if (queues.get(conversationId) === tail) queues.delete(conversationId);
    });
    return result;
  }
}

/** Claims of this bot for a turn context (no authentication happens on this channel; tokens are checked by HTTP). */
function botClaims(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
}

/**
 * A Direct Line adapter whose turn errors are logged and, for messages, answered with an apology (never a stack
 * trace).
 */
export function createDirectLineAdapter(options: DirectLineAdapterOptions): DirectLineAdapter {
  const adapter = new DirectLineAdapter(options);
  adapter.onTurnError = turnErrorHandler(options.logger);
  return adapter;
}
