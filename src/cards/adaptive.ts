/**
 * Minimal typed builders for Adaptive Cards 1.5, so that no handler writes card JSON by hand.
 */
import { CardFactory, type Attachment } from 'botbuilder';

export const ADAPTIVE_CARD_VERSION = '1.5';

export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: 'Action.Submit' | 'Action.OpenUrl' | 'Action.ShowCard' };

export function textBlock(text: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** A piece of plain text inside a {@link richTextBlock}; no Markdown is read in it. */
export function textRun(text: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextRun', text, ...options };
}

/**
 * Text runs that flow as one paragraph and wrap between words like running text: a bold label followed by its
 * value ("**Warum passend:** KI, „Produktion“") without the narrow label column of a FactSet.
 */
export function richTextBlock(inlines: CardElement[], options: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines, ...options };
}

export function factSet(facts: { title: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts };
}

/** A button that sends typed data back to the bot as `activity.value`. */
export function submitAction(title: string, data: Record<string, unknown>): CardAction {
  return { type: 'Action.Submit', title, data };
}

export function openUrlAction(title: string, url: string): CardAction {
  return { type: 'Action.OpenUrl', title, url };
}

/** The card object itself (used by tests to validate against the Adaptive Cards schema). */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], speak?: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(speak ? { speak } : {}),
    // Teams: use the full message width for cards.
    msteams: { width: 'Full' },
  };
}

export function asAttachment(card: Record<string, unknown>): Attachment {
  return CardFactory.adaptiveCard(card);
}
