/**
 * The Adaptive Cards of the staff handoff: the offer to the user (confirm or cancel), the "your request is queued"
 * note with a withdraw button, and the ticket card in the staff channel that is updated in place.
 *
 * Text that users typed goes into `TextRun`s, which hosts never read as Markdown, so a user cannot put links or
 * formatting into a staff card.
 */
import type { EscalationReason, HandoffAction } from '../core/types.js';
import type { Language } from '../knowledge/schema.js';
import { texts, type TicketStateName } from '../texts.js';
import { adaptiveCard, factSet, submitAction, textBlock, type CardAction, type CardElement } from './adaptive.js';

/** Typed submit data: handoff buttons send only what `handoffActionSchema` accepts. */
function submit(title: string, data: HandoffAction, style?: 'positive' | 'destructive'): CardAction {
  return { ...submitAction(title, data), ...(style ? { style } : {}) };
}

/** Plain text runs: shown literally, never as Markdown. */
function plainText(runs: { text: string; bold?: boolean; subtle?: boolean }[], options: Record<string, unknown> = {}): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: runs.map((run) => ({
      type: 'TextRun',
      text: run.text,
      ...(run.bold ? { weight: 'Bolder' } : {}),
      ...(run.subtle ? { isSubtle: true } : {}),
    })),
    ...options,
  };
}

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface HandoffOffer {
  reason: EscalationReason;
  topic: string;
  providerIds: string[];
  /** Display names of `providerIds`. */
  providerNames: string[];
}

/**
 * What happens if the user says yes (the team sees the conversation so far), whether someone is in now,
 * and the buttons to confirm or cancel.
 */
export function handoffOfferCard(offer: HandoffOffer, lang: Language, officeOpen: boolean, hours: string): Record<string, unknown> {
  const t = texts(lang).handoff;
  const intro =
    offer.reason === 'introduction' && offer.providerNames.length > 0
      ? t.offerIntroduction(offer.providerNames.join(', '))
      : offer.reason === 'unanswered'
        ? t.offerUnanswered
        : t.offerAsked;
  return adaptiveCard(
    [
      textBlock(t.offerTitle, { size: 'Medium', weight: 'Bolder' }),
      textBlock(intro),
      ...(offer.topic ? [plainText([{ text: `${t.offerTopic}: `, bold: true }, { text: cut(offer.topic, 300) }])] : []),
      textBlock(t.offerTranscriptNotice),
      textBlock(officeOpen ? t.offerOpen : t.offerClosed(hours), { isSubtle: true }),
    ],
    [
      submit(
        t.offerConfirm,
        { action: 'handoffConfirm', reason: offer.reason, topic: cut(offer.topic, 500), providerIds: offer.providerIds.slice(0, 10) },
        'positive',
      ),
      submit(t.offerCancel, { action: 'handoffCancel' }),
    ],
  );
}

/** The confirmation that the request is with the team, with a button to withdraw it while nobody has claimed it. */
export function handoffQueuedCard(ticketId: number, lang: Language, officeOpen: boolean, hours: string): Record<string, unknown> {
  const t = texts(lang).handoff;
  return adaptiveCard(
    [textBlock(officeOpen ? t.queuedOpen(ticketId) : t.queuedClosed(ticketId, hours))],
    [submit(t.withdraw, { action: 'handoffWithdraw' })],
  );
}

/** One line of a ticket's conversation on the card. */
export interface TranscriptLine {
  role: 'user' | 'bot' | 'staff';
  author: string;
  text: string;
}

/** The buttons a ticket card can offer staff. */
export type StaffCardAction = 'claim' | 'resolve' | 'return';

/** What the staff card shows about a ticket. */
export interface TicketCardView {
  id: number;
  state: TicketStateName;
  /** The conversation belongs to the staff (queued or active). */
  open: boolean;
  /** The buttons the ticket's state allows staff now. */
  actions: StaffCardAction[];
  topic: string;
  reason: EscalationReason;
  userName: string;
  channelId: string;
  providerNames: string[];
  claimedByName?: string;
  createdAt: string;
  /** The last messages of the conversation. */
  transcript: TranscriptLine[];
}

/** Messages shown on the card; the console and the thread have the rest. */
export const CARD_TRANSCRIPT_LINES = 6;

const actionData: Record<StaffCardAction, (ticketId: number) => HandoffAction> = {
  claim: (ticketId) => ({ action: 'ticketClaim', ticketId }),
  resolve: (ticketId) => ({ action: 'ticketResolve', ticketId }),
  return: (ticketId) => ({ action: 'ticketReturn', ticketId }),
};

/**
 * The ticket card in the staff channel: topic, user, waiting time, a short transcript, and the buttons that the
 * ticket's state allows (Übernehmen, Schließen, Zurück an den Bot). Rebuilt and updated in place on every change.
 */
export function ticketCard(view: TicketCardView, now: Date, lang: Language = 'de'): Record<string, unknown> {
  const t = texts(lang).handoff;
  const waitedMinutes = Math.max(0, Math.floor((now.getTime() - Date.parse(view.createdAt)) / 60_000));
  const open = view.open;
  const facts = [
    { title: t.fieldState, value: t.states[view.state] },
    ...(view.claimedByName ? [{ title: t.fieldClaimedBy, value: view.claimedByName }] : []),
    { title: t.fieldReason, value: t.reasons[view.reason] },
    { title: t.fieldChannel, value: t.channels[view.channelId] ?? view.channelId },
    ...(open ? [{ title: t.fieldWaiting, value: t.waitingFor(waitedMinutes) }] : []),
  ];
  const lines = view.transcript.slice(-CARD_TRANSCRIPT_LINES);
  const buttonTitles: Record<StaffCardAction, string> = { claim: t.claim, resolve: t.resolve, return: t.returnToBot };
  const actions = view.actions.map((action) => submit(buttonTitles[action], actionData[action](view.id), action === 'claim' ? 'positive' : undefined));
  return adaptiveCard(
    [
      textBlock(t.cardTitle(view.id), { size: 'Medium', weight: 'Bolder' }),
      plainText([{ text: `${t.fieldTopic}: `, bold: true }, { text: cut(view.topic || '—', 300) }]),
      plainText([{ text: `${t.fieldUser}: `, bold: true }, { text: cut(view.userName, 100) }]),
      ...(view.providerNames.length > 0
        ? [plainText([{ text: `${t.fieldProviders}: `, bold: true }, { text: view.providerNames.join(', ') }])]
        : []),
      factSet(facts),
      textBlock(t.transcriptHeading, { weight: 'Bolder', spacing: 'Medium' }),
      ...(lines.length > 0
        ? lines.map((line) =>
            plainText([{ text: `${t.roles[line.role]} · ${line.author}: `, bold: true }, { text: cut(line.text, 200) }], {
              spacing: 'Small',
            }),
          )
        : [textBlock(t.noTranscript, { isSubtle: true })]),
      ...(open ? [textBlock(t.threadHint, { isSubtle: true, size: 'Small' })] : []),
    ],
    actions,
  );
}
