/**
 * The user's right to deletion, in any channel: "Meine Daten löschen" / "delete my data" (typed, or the widget's menu
 * button) shows a confirmation card; "Ja, löschen" deletes the user's data through the privacy service (every
 * registered kind), says what was deleted and ends the website conversation. Nothing of that turn is written again:
 * no transcript line, no conversation state.
 */
import type { TurnContext } from 'botbuilder';
import { attach } from '../cards/index.js';
import { deleteDataConfirmCard } from '../cards/privacyCards.js';
import { privacyActionSchema, type ConversationMemory } from '../core/types.js';
import { languageOrGerman } from '../knowledge/locale.js';
import type { Language } from '../knowledge/schema.js';
import type { Logger } from '../logger.js';
import type { DataSubject } from '../store/personalData.js';
import type { PrivacyService } from '../store/privacyService.js';
import { texts } from '../texts.js';
import { isGroupConversation, textWithoutMention } from './activity.js';
import { DATA_DELETED, type BotHooks } from './hooks.js';

/** Lower case, letters and digits only, single spaces: how typed commands are compared. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const commands = new Set((['de', 'en'] as const).flatMap((lang) => texts(lang).privacy.deleteCommands.map(normalise)));

/** True when the text asks to delete the user's data ("Meine Daten löschen!", "delete my data"). */
export function isDeleteDataCommand(text: string): boolean {
  return commands.has(normalise(text));
}

/** The language of a command: English when it is one of the English commands. */
function commandLanguage(text: string, fallback: Language): Language {
  const said = normalise(text);
  if (texts('en').privacy.deleteCommands.some((c) => normalise(c) === said)) return 'en';
  if (texts('de').privacy.deleteCommands.some((c) => normalise(c) === said)) return 'de';
  return fallback;
}

export interface PrivacyHookDependencies {
  privacy: PrivacyService;
  /** The website's channel id: its conversation is ended (and deleted shortly after) instead of going on. */
  endingChannelId: string;
  /** Called after the closing message of an ended website conversation (deletes it once delivered). */
  onConversationEnded(conversationId: string): void;
  logger: Logger;
}

/** The data subject of a turn: the user, by the channel's ids, and this conversation. */
export function subjectOf(context: TurnContext, endingChannelId: string): DataSubject {
  const { activity } = context;
  const conversationId = activity.conversation.id;
  return {
    channelId: activity.channelId,
    userId: activity.from?.id ?? '',
    conversationIds: [conversationId],
    ...(activity.channelId === endingChannelId ? { liveConversationId: conversationId } : {}),
  };
}

export function createPrivacyHooks(deps: PrivacyHookDependencies): BotHooks {
  async function erase(context: TurnContext, lang: Language): Promise<void> {
    // Nothing of this turn is stored again: no transcript line, no conversation state.
    context.turnState.set(DATA_DELETED, true);
    const subject = subjectOf(context, deps.endingChannelId);
    const actor = { kind: 'user' as const, id: deps.privacy.targetOf(subject), name: 'user' };
    const counts = await deps.privacy.erase(subject, actor);
    deps.logger.info({ channel: subject.channelId, kinds: counts }, 'user deleted their data');
    // The closing messages are addressed from this activity: without the user's id and name, so that nothing of
    // them is stored again with the conversation's last activities.
    context.activity.from = { id: '', name: '', role: 'user' } as typeof context.activity.from;
    const t = texts(lang).privacy;
    const lines = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${t.kindNames[kind] ?? kind}: ${t.entries(count)}`);
    await context.sendActivity({ type: 'message', text: t.deleted(lines), textFormat: 'markdown', locale: lang === 'en' ? 'en-US' : 'de-DE' });
    if (subject.liveConversationId) {
      await context.sendActivity({ type: 'endOfConversation', code: 'completedSuccessfully' });
      deps.onConversationEnded(subject.liveConversationId);
    }
  }

  return {
    async beforeMessage(context: TurnContext, memory: ConversationMemory): Promise<boolean> {
      const { activity } = context;
      // In a team channel or group chat the conversation is not one user's: deletion is offered in a personal chat.
      if (isGroupConversation(activity)) return false;
      const fallback = memory.lang ?? languageOrGerman(activity.locale);
      const parsed = activity.value === undefined || activity.value === null ? undefined : privacyActionSchema.safeParse(activity.value);
      if (parsed?.success) {
        if (parsed.data.action === 'privacyKeep') {
          await context.sendActivity({ type: 'message', text: texts(fallback).privacy.cancelled });
        } else {
          await erase(context, fallback);
        }
        return true;
      }
      const text = textWithoutMention(activity);
      if (!text || !isDeleteDataCommand(text)) return false;
      const lang = commandLanguage(text, fallback);
      await context.sendActivity({ type: 'message', attachments: [attach(deleteDataConfirmCard(lang))] });
      return true;
    },
  };
}
