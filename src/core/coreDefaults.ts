/**
 * Counts and limits of the core; the decision thresholds are in `rules.ts` (`decisionDefaults`). `respond.ts`
 * re-exports both.
 */
export const coreDefaults = {
  /** Providers shown per answer. */
  providersShown: 3,
  /** Providers searched per answer: more than shown, so that a wanted kind ("mit einer Hochschule") can come first. */
  providerCandidates: 9,
  /** …and when the message names a part of a region ("im Sauerland"), so that providers there can come first. */
  providerCandidatesInArea: 40,
  /** Providers with a topic the message names come first unless their coverage is this much below the best one's. */
  topicProviderSlack: 0.3,
  /** Related questions shown under an answer. */
  relatedShown: 3,
  /** Unanswered questions in a row before the bot offers a person. */
  missesBeforeHandoff: 2,
  maxMessageChars: 2000,
  /**
   * In a follow-up, one of the last answer's related entries is meant when it explains the reading this nearly as well
   * as the best entry ("and what did he say?" after who chairs the board: the chairman's quote, though the other
   * manager's quote names the agency once more).
   */
  neighbourSlack: 0.15,
} as const;
