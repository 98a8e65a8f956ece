/**
 * The curator loop's channel side: logs every user question with the core's decision (the question log), puts
 * feedback buttons under answers and provider suggestions, records votes (Web Chat card submits and Teams'
 * `message/submitAction` invoke), "did you mean" clicks and handoffs. Never blocks the conversation: a failing write is
 * logged and the bot answers as usual.
 */
import { ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import { feedbackCard } from '../../cards/feedbackCard.js';
import { attach } from '../../cards/index.js';
import { feedbackActionSchema, type Reply, type Turn } from '../../core/types.js';
import type { Logger } from '../../logger.js';
import { newQuestionRef, type Chosen, type Decision, type QuestionLog } from '../../store/questionLog.js';
import { texts } from '../../texts.js';
import { textWithoutMention } from '../activity.js';
import type { BotHooks } from '../hooks.js';
import type { OutgoingActivity } from '../render.js';

/** turnState key of the logged question's reference and the index of the activity that carries its feedback. */
const LOGGED = Symbol('questionLogged');

interface Logged {
  ref: string;
  feedbackAt?: number;
  /** The question was logged in an earlier turn (the answer to a "did you mean" click): only the feedback is added. */
  earlier?: boolean;
}

const round = (score: number | undefined) => (score === undefined ? undefined : Math.round(score * 1000) / 1000);

/** What the log keeps of a reply: the decision and what was chosen; undefined for replies that answer no question. */
export function decisionOf(reply: Reply): { decision: Decision; chosen: Chosen[] } | undefined {
  switch (reply.kind) {
    case 'answer':
      return { decision: 'answer', chosen: [{ id: reply.entry.id, score: round(reply.score) }] };
    case 'didYouMean':
      return { decision: 'didYouMean', chosen: reply.candidates.map((c) => ({ id: c.id, score: round(c.score) })) };
    case 'unknown':
      return { decision: 'unknown', chosen: [] };
    case 'providers':
      return { decision: 'providers', chosen: reply.matches.map((m) => ({ id: m.provider.id, score: round(m.score) })) };
    case 'escalate':
      // Two questions in a row without an answer: this one was not answered either.
      if (reply.reason === 'unanswered') return { decision: 'unknown', chosen: [] };
      if (reply.reason === 'asked') return { decision: 'handoff', chosen: [] };
      return undefined;
    default:
      return undefined;
  }
}

/** Replies that get feedback buttons: answers and provider suggestions. */
const wantsFeedback = (reply: Reply) => reply.kind === 'answer' || (reply.kind === 'providers' && reply.matches.length > 0);

function asker(context: TurnContext) {
  const { activity } = context;
  return { channelId: activity.channelId, userId: activity.from?.id ?? '', conversationId: activity.conversation?.id ?? '' };
}

const hasValue = (context: TurnContext) => context.activity.value !== undefined && context.activity.value !== null;

/** Teams' feedback form sends its inputs as a JSON string; the free text is `feedbackText`. */
function teamsFeedbackText(feedback: unknown): string | undefined {
  if (typeof feedback === 'object' && feedback) return String((feedback as Record<string, unknown>).feedbackText ?? '') || undefined;
  if (typeof feedback !== 'string') return undefined;
  try {
    return teamsFeedbackText(JSON.parse(feedback) as unknown);
  } catch {
    return feedback || undefined;
  }
}

export function createCurationHooks(log: QuestionLog, logger: Logger): BotHooks {
  const safely = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      logger.warn({ err: error }, `question log: ${what} failed`);
    }
  };

  return {
    beforeMessage: async (context, memory) => {
      const value = context.activity.value as { action?: unknown } | undefined;
      if (!hasValue(context) || typeof value?.action !== 'string') return false;
      const who = asker(context);
      if (value.action === 'feedback') {
        const parsed = feedbackActionSchema.safeParse(value);
        if (!parsed.success) return false;
        const { ref, reaction, reason, comment } = parsed.data;
        await safely('vote', () => log.vote(who, { ref }, { reaction, reason, comment }));
        await context.sendActivity({ type: ActivityTypes.Message, text: texts(memory.lang ?? 'de').feedback.thanks });
        return true;
      }
      if (value.action === 'showAnswer' && typeof (value as { id?: unknown }).id === 'string') {
        await safely('click', async () => {
          const ref = await log.recordClick(who.channelId, who.conversationId, (value as { id: string }).id);
          if (ref) context.turnState.set(LOGGED, { ref, earlier: true } satisfies Logged);
        });
      } else if (value.action === 'handoffConfirm') {
        await safely('handoff', () => log.markHandoff(who.channelId, who.conversationId));
      }
      return false;
    },

    beforeReply: (context, turn, activities) => {
      // A typed question is logged now; the answer to a "did you mean" click belongs to the question logged before.
      const clicked = context.turnState.get(LOGGED) as Logged | undefined;
      if (hasValue(context) ? !clicked : !decisionOf(turn.reply)) return activities;
      const logged: Logged = clicked ?? { ref: newQuestionRef() };
      context.turnState.set(LOGGED, logged);
      if (!wantsFeedback(turn.reply) || activities.length === 0) return activities;
      if (context.activity.channelId === 'msteams') {
        // Teams' own 👍/👎 under the message; a vote arrives as a `message/submitAction` invoke naming this activity.
        logged.feedbackAt = 0;
        return activities.map((activity, i): OutgoingActivity =>
          i === 0 ? { ...activity, channelData: { ...(activity.channelData as object | undefined), feedbackLoopEnabled: true } } : activity,
        );
      }
      const last = activities.length - 1;
      logged.feedbackAt = last;
      const card = attach(feedbackCard(logged.ref, turn.reply.lang));
      return activities.map((activity, i) => (i === last ? { ...activity, attachments: [...(activity.attachments ?? []), card] } : activity));
    },

    afterReply: async (context, turn, sent) => {
      const logged = context.turnState.get(LOGGED) as Logged | undefined;
      const decided = decisionOf(turn.reply);
      if (!logged || !decided) return;
      // Teams names the answer a vote is for by its activity id; Web Chat's card carries the reference itself.
      const replyId = context.activity.channelId === 'msteams' && logged.feedbackAt !== undefined ? sent[logged.feedbackAt]?.id : undefined;
      if (logged.earlier) {
        if (replyId) await safely('reply id', () => log.setReplyActivity(logged.ref, replyId));
        return;
      }
      const text = textWithoutMention(context.activity);
      if (!text) return;
      await safely('record', async () => {
        await log.record(asker(context), { ref: logged.ref, lang: turn.reply.lang, text, ...decided });
        if (replyId) await log.setReplyActivity(logged.ref, replyId);
      });
    },

    onInvoke: async (context): Promise<InvokeResponse | undefined> => {
      const { activity } = context;
      if (activity.name !== 'message/submitAction') return undefined;
      const value = activity.value as { actionName?: unknown; actionValue?: { reaction?: unknown; feedback?: unknown } } | undefined;
      if (value?.actionName !== 'feedback') return undefined;
      const reaction = value.actionValue?.reaction;
      if ((reaction === 'like' || reaction === 'dislike') && activity.replyToId) {
        const comment = teamsFeedbackText(value.actionValue?.feedback);
        await safely('vote', () => log.vote(asker(context), { replyActivityId: activity.replyToId! }, { reaction, comment }));
      }
      return { status: 200, body: {} };
    },
  };
}
