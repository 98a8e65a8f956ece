/**
 * Middleware for every channel adapter that records what users and the bot say in each conversation and keeps the
 * conversation's latest reference, so that a ticket carries the conversation so far and survives restarts.
 * The caller decides what is not recorded: the staff channel (the staff's side, not a user's) and channel chatter
 * that was not addressed to the bot (with its RSC permission the app sees every message of a team).
 */
import { ActivityEventNames, ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import { conversationKey, type TranscriptStore } from '../../handoff/transcriptStore.js';
import { languageOrGerman } from '../../knowledge/locale.js';
import { texts } from '../../texts.js';
import { DATA_DELETED } from '../hooks.js';

/** turnState flag: the activities sent in this turn are recorded by the sender itself (staff messages). */
export const TRANSCRIPT_SKIP = Symbol('handoffTranscriptSkip');

/** turnState key of the transcript entry recorded for the incoming message (the relay forwards it to staff). */
export const USER_ENTRY = Symbol('handoffUserEntry');

/** Longest card text kept in a transcript line. */
const MAX_CARD_SUMMARY = 300;

/** The texts of an Adaptive Card's TextBlocks and TextRuns, in order. */
function cardTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) cardTexts(item, out);
  } else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    // The runs of a rich text block make one line ("Ihr Anliegen: " + what the user asked).
    if (element.type === 'RichTextBlock') out.push(cardTexts(element.inlines).join(''));
    if (element.type === 'TextRun' && typeof element.text === 'string') out.push(element.text);
    for (const key of ['body', 'items', 'columns']) if (key in element) cardTexts(element[key], out);
  }
  return out;
}

/**
 * One line of text for a message activity: its text, else the texts of its cards, else the submitted button's
 * action (`[human]`). Undefined for activities that say nothing (typing, events, empty messages).
 */
export function describeMessage(activity: Partial<Activity>): string | undefined {
  if (activity.type !== ActivityTypes.Message) return undefined;
  // Without Teams' `<at>Bot</at>` mention markup: the transcript shows what the person said.
  const text = activity.text?.replace(/<at>[^<]*<\/at>/g, '').trim();
  if (text) return text;
  const cards = (activity.attachments ?? [])
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((attachment) => cardTexts(attachment.content));
  if (cards.length > 0) {
    const joined = cards.join(' · ');
    return joined.length > MAX_CARD_SUMMARY ? `${joined.slice(0, MAX_CARD_SUMMARY - 1)}…` : joined;
  }
  const value = activity.value as { action?: unknown } | undefined;
  // Handoff buttons (connect, withdraw, staff actions) show up as ticket history, not as chat lines.
  if (value && typeof value.action === 'string' && !/^(handoff|ticket)/.test(value.action)) return `[${value.action}]`;
  return undefined;
}

/** True for the synthetic activity of a proactive turn (nobody said anything). */
function isProactiveTurn(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation;
}

/**
 * Data minimisation: only a conversation with an open ticket is written to the database. Every other conversation's
 * last messages stay in memory ({@link TranscriptStore.remember}), so that a ticket opened later still starts with the
 * conversation so far ({@link TranscriptStore.flushRecent}); a conversation that never reaches staff leaves no
 * transcript rows.
 */
export class TranscriptRecorder implements Middleware {
  constructor(
    private readonly store: TranscriptStore,
    /** True for turns that must not be recorded (see the module comment). */
    private readonly notRecorded: (activity: Partial<Activity>) => Promise<boolean>,
    /** True while the conversation has an open ticket: its messages are written, not only remembered. */
    private readonly hasOpenTicket: (key: string) => Promise<boolean>,
    /** Name shown for the bot's messages. */
    private readonly botName = 'Bot',
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (await this.notRecorded(activity)) return next();
    const key = conversationKey(activity);
    if (!isProactiveTurn(activity) && activity.type !== ActivityTypes.Trace) {
      const open = await this.hasOpenTicket(key);
      if (open) {
        // Without the incoming activity id, so that later proactive messages start new posts instead of replies.
        const { activityId: _incomingId, ...reference } = TurnContext.getConversationReference(activity);
        await this.store.saveAddress(key, reference, activity.from?.name || undefined);
      }
      const said = describeMessage(activity);
      if (said) {
        const lang = languageOrGerman(activity.locale);
        const message = { role: 'user' as const, author: activity.from?.name || texts(lang).handoff.anonymousUser, text: said };
        if (open) context.turnState.set(USER_ENTRY, await this.store.append(key, message));
        else this.store.remember(key, message);
      }
    }
    context.onSendActivities(async (turn, activities, sendNext) => {
      const responses = await sendNext();
      if (!turn.turnState.get(TRANSCRIPT_SKIP) && !turn.turnState.get(DATA_DELETED)) {
        const said = activities.map((sent) => describeMessage(sent)).filter((text): text is string => Boolean(text));
        // Asked per send: the ticket may have been opened earlier in this very turn.
        const open = said.length > 0 && (await this.hasOpenTicket(key));
        for (const text of said) {
          const message = { role: 'bot' as const, author: this.botName, text };
          if (open) await this.store.append(key, message);
          else this.store.remember(key, message);
        }
      }
      return responses;
    });
    await next();
  }
}
