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
  /**
   * Where the partner brokers a need no profile covers clearly (rule `brokeredNeed`), the best partial match comes
   * before it when it explains at least this much of the message, in at least `partialLeadFieldWords` words of the
   * cooperation's field (lexicon.yml `need.field`).
   */
  partialLeadCoverage: 0.25,
  partialLeadFieldWords: 2,
  /** Providers with a topic the message names come first unless their coverage is this much below the best one's. */
  topicProviderSlack: 0.3,
  /**
   * Among providers with a topic the message names, those covering more of the topics named come first unless their
   * coverage is this much below the best one's (a profile with both security and training for security training).
   */
  topicCoverageSlack: 0.1,
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
