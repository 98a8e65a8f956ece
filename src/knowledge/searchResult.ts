/**
 * What a search of the knowledge index takes and returns: the contract between the knowledge layer and its readers
 * (the core's decisions, the HTTP API, the evaluation).
 */
import type { KnowledgeDocument, Language, ProviderProfile } from './schema.js';

export type DocumentType = 'faq' | 'provider';

export interface SearchOptions {
  /** The user's language; detected from the query when missing. */
  lang?: Language;
  type?: DocumentType;
  limit?: number;
  /** Only providers with this topic / kind / region. */
  topic?: string;
  kind?: ProviderProfile['kind'];
  region?: ProviderProfile['region'];
  /**
   * Of the `limit` best providers, only the first `shown` and, after them, those with a topic the query names that
   * explain nearly as much as the best one (coverage at least the first hit's less `slack`): the providers that may
   * come before the first ones when a caller orders them by topic. The others are left out unexplained.
   */
  topicHitsBeyond?: { shown: number; slack: number };
}

export interface SearchHit {
  id: string;
  type: DocumentType;
  doc: KnowledgeDocument;
  /** Ranking score: coverage, adjusted by how closely the best title/question line matches and by language. */
  score: number;
  /** Share of the query's meaning that this document matched, 0…1 (rarer words weigh more). */
  coverage: number;
  /**
   * The phrasing classifier's probability that the query asks for this FAQ entry rather than the other best
   * candidates; undefined when it has no opinion (providers, before it is trained, fewer than two FAQ candidates).
   * `vote` is its part of `score`.
   */
  phrasing?: number;
  vote: number;
  /**
   * The query words that hit, as typed, the most telling first (by their share of the coverage); synonyms as
   * "KI → künstliche Intelligenz".
   */
  why: string[];
  /** The provider's topics that the query names (ids; see `SearchResult.topics`). */
  matchedTopics: string[];
  /**
   * Telling words of the query (weight ≥ `gapWordWeight`: rare in the folder or absent from it) that this document
   * explains less than half, as typed. "Wer ist Landrat im Hochsauerlandkreis?" leaves "landrat" open in the
   * shareholder entry: the entry shares a name with the question but not what it asks about.
   */
  gaps: string[];
  /**
   * When the document matched nothing but names, the words of the query it left open, as typed; else empty. "Names"
   * are the folder's proper names (`properNames`: words both languages' phrasings share that the English entries
   * write capitalised: people, places, organisations). "Wie alt ist Thomas Westphal?" finds the quote by Thomas
   * Westphal through his name alone: the entry knows who, not what is asked ("alt").
   */
  onlyNames: string[];
}

export interface SearchResult {
  query: string;
  lang: Language;
  /** Ids of the directory topics the query names ("Hackerangriff": it-sicherheit), see `TopicNames`. */
  topics: string[];
  hits: SearchHit[];
}
