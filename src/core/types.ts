/**
 * The values the core exchanges with the bot: what came in, what the conversation remembers, and the reply.
 * Pure data: no botbuilder types here, so that the core can be tested and reused without a channel.
 */
import { z } from 'zod';
import { providerKinds, regions, type FaqEntry, type Language, type ProviderKind, type ProviderProfile, type Region } from '../knowledge/schema.js';

/** Why a conversation goes to staff: the user asked, the bot could not answer twice, or an introduction was wanted. */
export const escalationReasons = ['asked', 'unanswered', 'introduction'] as const;

/** What a card button sends back (`activity.value`), validated at the edge. */
export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('showAnswer'), id: z.string().min(1).max(100) }),
  z.object({
    action: z.literal('filterProviders'),
    query: z.string().min(1).max(500),
    region: z.enum(regions),
    kind: z.enum(providerKinds).optional(),
    topic: z.string().max(100).optional(),
  }),
  z.object({ action: z.literal('introduce'), providerId: z.string().min(1).max(100), query: z.string().max(500).optional() }),
  z.object({ action: z.literal('human') }),
]);
export type CardAction = z.infer<typeof cardActionSchema>;

/**
 * What the handoff cards send back: the user confirming or cancelling a handoff or withdrawing a queued request,
 * and staff acting on a ticket card in Teams. Handled by the handoff hooks before the core sees the message.
 */
export const handoffActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('handoffConfirm'),
    reason: z.enum(escalationReasons),
    topic: z.string().max(500),
    providerIds: z.array(z.string().min(1).max(100)).max(10),
  }),
  z.object({ action: z.literal('handoffCancel') }),
  z.object({ action: z.literal('handoffWithdraw') }),
  z.object({ action: z.literal('ticketClaim'), ticketId: z.number().int().positive() }),
  z.object({ action: z.literal('ticketResolve'), ticketId: z.number().int().positive() }),
  z.object({ action: z.literal('ticketReturn'), ticketId: z.number().int().positive() }),
]);
export type HandoffAction = z.infer<typeof handoffActionSchema>;

/**
 * A user's vote on an answer from the feedback card under it (Web Chat; Teams has its own buttons). `ref` names the
 * logged question; the optional reason and comment come from the card's inputs.
 */
export const feedbackActionSchema = z.object({
  action: z.literal('feedback'),
  ref: z.string().min(1).max(64),
  reaction: z.enum(['like', 'dislike']),
  reason: z.enum(['wrong', 'incomplete', 'outdated', 'other']).optional().catch(undefined),
  comment: z.string().max(2000).optional(),
});
export type FeedbackAction = z.infer<typeof feedbackActionSchema>;

/** What the "delete my data" confirmation card sends back; handled by the privacy hooks before the core. */
export const privacyActionSchema = z.object({ action: z.enum(['privacyDelete', 'privacyKeep']) });
export type PrivacyAction = z.infer<typeof privacyActionSchema>;

/** Every `Action.Submit` data the product's cards send, in one union: the one place that defines submit data. */
export const submitDataSchema = z.union([cardActionSchema, handoffActionSchema, privacyActionSchema, feedbackActionSchema]);
export type SubmitData = z.infer<typeof submitDataSchema>;

/** What the conversation remembers between turns (stored per conversation). */
export interface ConversationMemory {
  lang?: Language;
  /** Questions in a row the bot could not answer. */
  misses: number;
  /** The user's own region, once they said it ("wir sind ein Dortmunder Start-up"). */
  origin?: Region;
  /** The last provider search, so that "nur Hochschulen" can narrow it. */
  lastProviderQuery?: { query: string; region: Region };
  /** The last question asked, as topic for a handoff. */
  lastQuestion?: string;
  /** Providers shown last (ids). */
  lastProviderIds?: string[];
  /**
   * The question the last answer, provider list or "did you mean" was given to: a follow-up ("und in Dortmund?", "was hat er gesagt?")
   * is read with it (see `core/followUp.ts`). Kept in the bot state, so it survives a restart.
   */
  lastTopic?: string;
  /**
   * The FAQ entry given as the last answer: where entries explain a follow-up equally well, the one among its curated
   * `related` entries is meant ("and what did he say?" after who chairs the board: the chairman's quote).
   */
  lastAnswerId?: string;
}

export const emptyMemory = (): ConversationMemory => ({ misses: 0 });

export interface UserInput {
  text?: string;
  action?: CardAction;
  /** The client's locale (activity.locale), a hint for short messages. */
  locale?: string;
}

export interface RelatedQuestion {
  id: string;
  title: string;
  /** How much of the question the entry explains (0–1), where a search offered it (kept in the question log). */
  score?: number;
}

export interface ProviderMatch {
  provider: ProviderProfile;
  /** Topic ids the query hit. */
  matchedTopics: string[];
  /** Query words that hit, as typed. */
  why: string[];
  score: number;
  /** The region's cooperation partner, shown because it brokers contacts to firms there (not for words it shares). */
  brokers?: Region;
}

export interface ProviderSearch {
  query: string;
  region: Region;
  kind?: ProviderKind;
  topic?: string;
}

export type EscalationReason = (typeof escalationReasons)[number];

export type Reply =
  | { kind: 'welcome'; lang: Language }
  | { kind: 'help'; lang: Language }
  /** "Anbieter finden" without a need: ask for one. */
  | { kind: 'askForNeed'; lang: Language }
  | { kind: 'thanks'; lang: Language }
  | { kind: 'answer'; lang: Language; entry: FaqEntry; related: RelatedQuestion[]; why: string[]; score?: number }
  | { kind: 'didYouMean'; lang: Language; candidates: RelatedQuestion[] }
  | { kind: 'unknown'; lang: Language; contact?: FaqEntry; offerHuman: boolean }
  | {
      kind: 'providers';
      lang: Language;
      search: ProviderSearch;
      matches: ProviderMatch[];
      /**
       * No profile covers the need clearly: the partner who brokers it comes first, or second after a profile that covers
       * a good part of it (`coreDefaults.partialLeadCoverage`); the others match in part.
       */
      unexplained?: boolean;
    }
  | { kind: 'tooLong'; lang: Language; max: number }
  | { kind: 'empty'; lang: Language }
  | {
      kind: 'escalate';
      lang: Language;
      reason: EscalationReason;
      /** What the user wants help with, for the ticket. */
      topic: string;
      providerIds: string[];
    };

export interface Turn {
  reply: Reply;
  memory: ConversationMemory;
}
