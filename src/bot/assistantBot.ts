/**
 * The Bot Framework side of the assistant: turns an activity into a call to the core and the core's reply into
 * activities. Every channel (Teams, Emulator, the website widget) runs this same bot.
 */
import { ActivityHandler, ActivityTypes, type InvokeResponse, type Storage, type TurnContext } from 'botbuilder';
import type { LiveKnowledge } from '../core/liveKnowledge.js';
import { cardActionSchema } from '../core/types.js';
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { Language, ProviderKind, Region } from '../knowledge/schema.js';
import type { Logger } from '../logger.js';
import { texts } from '../texts.js';
import { isBotMentioned, isGroupConversation, textOfMessage } from './activity.js';
import { ConversationMemoryStore } from './conversationMemory.js';
import { DATA_DELETED, type BotHooks } from './hooks.js';
import { renderReply, type RenderContext } from './render.js';

export interface AssistantBotOptions {
  knowledge: LiveKnowledge;
  storage: Storage;
  logger: Logger;
  hooks: BotHooks;
  /** Whether the agencies' team is in now, and the office hours in words (for the handoff offer). */
  officeHours(lang: Language): { open: boolean; text: string };
  /** The privacy notice's address, linked from the welcome message. */
  privacyUrl?: string;
}

/** Names and kinds from the index a turn uses, and the office hours, for rendering its reply. */
function renderContext(index: KnowledgeIndex, officeHours: RenderContext['officeHours'], privacyUrl?: string): RenderContext {
  const kindsByRegion = new Map<Region, ProviderKind[]>();
  return {
    ...(privacyUrl ? { privacyUrl } : {}),
    topicLabel: (id, lang) => index.topic(id)?.[lang] ?? id,
    providerKinds: (region) => {
      let kinds = kindsByRegion.get(region);
      if (!kinds) {
        kinds = [...new Set(index.knowledge.providers.filter((p) => p.region === region).map((p) => p.kind))];
        kindsByRegion.set(region, kinds);
      }
      return kinds;
    },
    providerNames: (ids) =>
      ids.map((id) => {
        const doc = index.get(id);
        return doc?.type === 'provider' ? doc.name : id;
      }),
    officeHours,
  };
}

export class AssistantBot extends ActivityHandler {
  private readonly memory: ConversationMemoryStore;
  /** The render context of each index in use (a rebuild brings a new index), made once instead of per turn. */
  private readonly renderContexts = new WeakMap<KnowledgeIndex, RenderContext>();

  constructor(private readonly options: AssistantBotOptions) {
    super();
    this.memory = new ConversationMemoryStore(options.storage);

    this.onMembersAdded(async (context, next) => {
      await this.handleMembersAdded(context);
      await next();
    });
  }

  /**
   * Runs the turn and saves the conversation state, also after an error was handled. A message goes straight to its
   * handler (no other handlers are registered for it); other activities through ActivityHandler's dispatch.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context.activity.type === ActivityTypes.Message) await this.handleMessage(context);
    else await super.run(context);
    if (!context.turnState.get(DATA_DELETED)) await this.memory.save(context);
  }

  private async handleMembersAdded(context: TurnContext): Promise<void> {
    const { activity } = context;
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    if (botAdded) await this.options.hooks.onBotAdded?.(context);
    const memory = await this.memory.get(context);
    if (memory.welcomed) return;
    if (isGroupConversation(activity)) {
      // Greet a team or group chat once, when the app is installed, never per member.
      if (!botAdded) return;
      await context.sendActivity({ type: 'message', text: texts(memory.lang ?? 'de').installGreeting });
    } else {
      if (added.length === 0) return;
      const { core, index } = this.options.knowledge.get();
      const turn = core.welcome(memory, activity.locale);
      await context.sendActivities(renderReply(turn.reply, this.renderContextOf(index)));
    }
    this.memory.set(context, { ...memory, welcomed: true });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const hasValue = activity.value !== undefined && activity.value !== null;
    const memory = await this.memory.get(context);
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
    const { core, index } = this.options.knowledge.get();
    const turn = core.respond({ text: textOfMessage(activity), action, locale: activity.locale }, memory);
    this.memory.set(context, { ...turn.memory, welcomed: true });
    const { hooks } = this.options;
    const rendered = renderReply(turn.reply, this.renderContextOf(index));
    const activities = hooks.beforeReply?.(context, turn, rendered) ?? rendered;
    // One call for all activities of the reply: the send handlers (transcript, delivery) run once per turn.
    const sent = await context.sendActivities(activities);
    await hooks.afterReply?.(context, turn, sent);
  }

  private renderContextOf(index: KnowledgeIndex): RenderContext {
    let context = this.renderContexts.get(index);
    if (!context) {
      context = renderContext(index, this.options.officeHours, this.options.privacyUrl);
      this.renderContexts.set(index, context);
    }
    return context;
  }

  /** Invokes a feature handles (Teams' feedback buttons); others as botbuilder does. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    return (await this.options.hooks.onInvoke?.(context)) ?? super.onInvokeActivity(context);
  }
}
