/**
 * The Bot Framework side of the assistant: turns an activity into a call to the core and the core's reply into
 * activities. Every channel (Teams, Emulator, the website widget) runs this same bot.
 */
import {
  ActivityHandler,
  ConversationState,
  TurnContext,
  type Activity,
  type StatePropertyAccessor,
  type Storage,
} from 'botbuilder';
import type { AssistantCore } from '../core/respond.js';
import { cardActionSchema, emptyMemory, type ConversationMemory, type Reply } from '../core/types.js';
import type { KnowledgeIndex } from '../knowledge/searchIndex.js';
import type { Logger } from '../logger.js';
import { texts } from '../texts.js';
import { renderReply } from './render.js';

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
 * What the handoff feature plugs into the bot. `beforeMessage` may take a message (e.g. relay it to staff while a
 * ticket is active); `escalate` renders an escalation; `onBotAdded` sees the bot being installed somewhere.
 */
export interface BotHooks {
  beforeMessage?(context: TurnContext, memory: ConversationMemory): Promise<boolean>;
  escalate(context: TurnContext, reply: Extract<Reply, { kind: 'escalate' }>, memory: ConversationMemory): Promise<void>;
  onBotAdded?(context: TurnContext): Promise<void>;
}

export interface AssistantBotOptions {
  core: AssistantCore;
  index: KnowledgeIndex;
  storage: Storage;
  logger: Logger;
  hooks: BotHooks;
}

export class AssistantBot extends ActivityHandler {
  private readonly conversationState: ConversationState;
  private readonly memory: StatePropertyAccessor<ConversationMemory & { welcomed?: boolean }>;

  constructor(private readonly options: AssistantBotOptions) {
    super();
    this.conversationState = new ConversationState(options.storage);
    this.memory = this.conversationState.createProperty('memory');

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.handleMembersAdded(context);
      await next();
    });
  }

  /** Runs the turn and saves the conversation state, also after an error was handled. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  private async handleMembersAdded(context: TurnContext): Promise<void> {
    const { activity } = context;
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    if (botAdded) await this.options.hooks.onBotAdded?.(context);
    const memory = await this.memory.get(context, emptyMemory());
    if (memory.welcomed) return;
    if (isGroupConversation(activity)) {
      // Greet a team or group chat once, when the app is installed, never per member.
      if (!botAdded) return;
      await context.sendActivity({ type: 'message', text: texts(memory.lang ?? 'de').installGreeting });
    } else {
      if (added.length === 0) return;
      const turn = this.options.core.welcome(memory, activity.locale);
      for (const outgoing of renderReply(turn.reply as Extract<Reply, { kind: 'welcome' }>, this.options.index)) {
        await context.sendActivity(outgoing);
      }
    }
    await this.memory.set(context, { ...memory, welcomed: true });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const hasValue = activity.value !== undefined && activity.value !== null;
    const memory = await this.memory.get(context, emptyMemory());
    // Handoff first: staff replies in a ticket thread and users in an active ticket need no @mention.
    if (await this.options.hooks.beforeMessage?.(context, memory)) return;
    if (isGroupConversation(activity) && !hasValue && !isBotMentioned(activity)) return;

    let action;
    if (hasValue) {
      const parsed = cardActionSchema.safeParse(activity.value);
      if (!parsed.success) {
        this.options.logger.warn({ issues: parsed.error.issues.length }, 'ignored card submit with unknown data');
        return;
      }
      action = parsed.data;
    }
    const turn = this.options.core.respond({ text: textWithoutMention(activity), action, locale: activity.locale }, memory);
    await this.memory.set(context, { ...turn.memory, welcomed: true });
    if (turn.reply.kind === 'escalate') {
      await this.options.hooks.escalate(context, turn.reply, turn.memory);
      return;
    }
    // One call for all activities of the reply: the send handlers (transcript, delivery) run once per turn.
    await context.sendActivities(renderReply(turn.reply, this.options.index));
  }
}
