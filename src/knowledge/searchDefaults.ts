/**
 * The numbers that shape a search of the knowledge index, in one place: field weights, the credits of the ways a word
 * can be found, the weights of kinds of words, and the shares of a hit's score. `npm run eval`, `scripts/eval/grid.ts`
 * and `scripts/eval/tune.ts` measure them (docs/quality.md says how each was chosen).
 */
import type { Field } from './indexedFields.js';
import { SYNONYM_WEIGHT } from './synonyms.js';

/** The search's settings (chosen with `npm run eval` on the dev split and the probes). */
export const searchDefaults = {
  /** MiniSearch field boosts; they shape the BM25 tie-breaker only. */
  boost: { title: 3, questions: 2.5, tags: 1.5, body: 1, en: 1, needs: 1, parts: 0.5 } satisfies Record<Field, number>,
  /** How much a word found in a field counts: a word in a title or question means more than one in the body. */
  fieldWeight: { title: 1, questions: 1, tags: 0.9, body: 0.7, en: 0.7, needs: 0.7, parts: 0.7 } satisfies Record<Field, number>,
  /** Extra credit per further field the same word was found in (capped at a full match). */
  extraFieldCredit: 0.05,
  /** Credit of a word found only through its compound parts, relative to the word as typed. */
  compoundCredit: 0.8,
  /** Credit of a word found only through a synonym (lower than a typed word, see synonyms.ts). */
  synonymCredit: SYNONYM_WEIGHT,
  /** Credit of a fuzzy (typo-tolerant) match of a term of six or more letters. */
  fuzzyCredit: 0.6,
  /** Credit of a fuzzy match of a shorter term: one wrong letter in four is as likely another word as a typo. */
  shortFuzzyCredit: 0.3,
  /** Credit of a word found after swapping two neighbouring letters ("Agnetur" → "Agentur"). */
  transpositionCredit: 0.7,
  /** Credit of a prefix match that only adds an ending of up to two letters ("partner" → "partnern"). */
  nearPrefixCredit: 0.9,
  /** Credit of a long prefix (six or more letters, 60 % of the word) of a longer word, e.g. a compound's first part. */
  longPrefixCredit: 0.6,
  /** Credit of a short prefix of a longer word ("wett" → "wettbewerb"): weak evidence. */
  shortPrefixCredit: 0.25,
  /** Weight of question words ("wer", "wann", "when"). */
  questionWordWeight: 0.25,
  /** Weight of words that ask for help but name no topic ("suchen", "Unterstützung", "looking for"). */
  fillerWordWeight: 0.1,
  /** Weight of a word the folder does not contain at all (it counts fully against coverage). */
  unknownWordWeight: 1,
  /** Weight of an unknown word that by its form is no noun (a verb, adjective or adverb; see queryWords.ts). */
  unknownNonNounWordWeight: 0.5,
  /** Weight of a word that only the other document type contains (e.g. "Ransomware" in an FAQ search). */
  elsewhereWordWeight: 0.8,
  /** Lowest weight of a known word, however common. */
  minWordWeight: 0.15,
  /** Share of the score that depends on how closely the query matches the best title or question line. */
  lineShare: 0.3,
  /**
   * The same share in a search of providers only: of several providers with the topic asked for, the one whose offer
   * or need line tells the user's problem most nearly is the likeliest fit, more than the one naming most of its words.
   */
  providerLineShare: 0.6,
  /** Credit of a line word matched only through one of its compound parts. */
  linePartFactor: 0.8,
  /** FAQ entries in the other language than the user's are pushed down by this factor. */
  otherLanguageFactor: 0.5,
  /**
   * Weight from which a topic word left unexplained counts as a gap of a hit (see `SearchHit.gaps`); a word the folder
   * lacks counts whatever it weighs.
   */
  gapWordWeight: 0.8,
  /** A word explained less than this (0…1) is left open. */
  gapExplained: 0.5,
  /** Shorter words are not gaps: unknown short words are mostly typos of small words ("vile") or verb forms ("saß"). */
  gapMinLength: 6,
  /**
   * Weight of the phrasing classifier's probability (`phrasingClassifier.ts`) added to an FAQ entry's score: it
   * reorders entries the words explain alike; coverage, and so whether a reply is confident, stays lexical.
   */
  classifierShare: 0.3,
  /** FAQ entries (the best by their words) among which the classifier chooses. */
  classifierCandidates: 10,
  /** Share of the score given by MiniSearch's BM25 score (normalised), to order otherwise equal hits. */
  tieBreak: 0.02,
  /** Fuzzy matching from this many letters on (edit distance 20 % of the length, at least 1). */
  fuzzyMinLength: 4,
  /** Prefix matching from this many letters on. */
  prefixMinLength: 3,
  /** Most typos (edits) a fuzzy match may have, whatever the word's length. */
  maxFuzzy: 2,
  limit: 10,
} as const;
