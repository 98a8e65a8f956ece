/**
 * The feedback card under an answer or a provider suggestion in Web Chat: thumbs up, thumbs down, and a folded form
 * for a reason (wrong, incomplete, outdated, something else) and a note of at most 500 characters. Teams shows its
 * own feedback buttons instead (`channelData.feedbackLoopEnabled`, see bot/curation/feedback.ts).
 */
import type { FeedbackAction } from '../core/types.js';
import type { Language } from '../knowledge/schema.js';
import { texts } from '../texts.js';
import { adaptiveCard, submitAction, textBlock, type CardAction } from './adaptive.js';

/** Longest note the form accepts (the log keeps at most this much too). */
export const FEEDBACK_COMMENT_MAX = 500;

function data(ref: string, reaction: FeedbackAction['reaction']): FeedbackAction {
  return { action: 'feedback', ref, reaction };
}

export function feedbackCard(ref: string, lang: Language): Record<string, unknown> {
  const t = texts(lang).feedback;
  const reasons = ['wrong', 'incomplete', 'outdated', 'other'] as const;
  // The folded form is a card inside the card: without `$schema`/`msteams`, which only the outer card may carry.
  const { $schema: _schema, msteams: _msteams, ...inner } = adaptiveCard(
      [
        {
          type: 'Input.ChoiceSet',
          id: 'reason',
          label: t.reasonLabel,
          style: 'expanded',
          choices: reasons.map((value) => ({ title: t.reasons[value]!, value })),
        },
        { type: 'Input.Text', id: 'comment', label: t.commentLabel, isMultiline: true, maxLength: FEEDBACK_COMMENT_MAX },
      ],
      [submitAction(t.send, { ...data(ref, 'dislike') })],
  );
  const form: CardAction = { type: 'Action.ShowCard', title: t.tellMore, card: inner };
  return adaptiveCard(
    [textBlock(t.question, { size: 'Small', isSubtle: true })],
    [submitAction(t.like, { ...data(ref, 'like') }), submitAction(t.dislike, { ...data(ref, 'dislike') }), form],
  );
}
