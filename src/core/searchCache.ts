/**
 * Remembers recent search results of the core, and the language of recent messages. Users of an FAQ assistant ask the
 * same questions again and again ("Wer ist Geschäftsführer …?", the suggested follow-up questions, the buttons of a
 * card), and the index changes only once while the process runs (when its phrasing classifier is trained after
 * start-up; the cache is emptied then), so the same text with the same options gives the same result. A repeated
 * question then costs a map look-up instead of two searches.
 *
 * Only the search is cached, not the decision: `AssistantCore.respond` still runs for every message, so what a
 * conversation remembers (language, region, misses in a row, filters) is applied exactly as without the cache.
 */
import { LRUCache } from 'lru-cache';
import type { DetectedLanguage } from '../knowledge/language.js';
import type { Language } from '../knowledge/schema.js';
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchOptions, SearchResult } from '../knowledge/searchResult.js';

/** What the core asks the knowledge layer about a message: its language, and what the index finds for it. */
export interface Searcher {
  search(query: string, options?: SearchOptions): SearchResult;
  detectLanguage(text: string, fallback: Language): DetectedLanguage;
}

/** What the cache needs of the index: the searcher, and whether its classifier is trained (results change then). */
type CachedIndex = Searcher & Pick<KnowledgeIndex, 'classifierReady'>;

export class SearchCache implements Searcher {
  private readonly cache?: LRUCache<string, SearchResult>;
  private readonly languages?: LRUCache<string, DetectedLanguage>;
  /** Whether the kept results were searched with the classifier (see `KnowledgeIndex.trainClassifier`). */
  private keptWithClassifier: boolean;

  /** @param size most results kept (least recently used go first); 0 turns the cache off. */
  constructor(
    private readonly index: CachedIndex,
    size: number,
  ) {
    this.keptWithClassifier = index.classifierReady;
    if (size > 0) {
      this.cache = new LRUCache({ max: size });
      this.languages = new LRUCache({ max: size });
    }
  }

  /** `KnowledgeIndex.detectLanguage`, remembered like search results. */
  detectLanguage(text: string, fallback: Language): DetectedLanguage {
    if (!this.languages) return this.index.detectLanguage(text, fallback);
    const key = `${fallback}\u0000${text}`;
    let detected = this.languages.get(key);
    if (!detected) {
      detected = this.index.detectLanguage(text, fallback);
      this.languages.set(key, detected);
    }
    return detected;
  }

  /**
   * `KnowledgeIndex.search`, answered from the cache when the same text was searched with the same options. Results
   * are shared between callers: treat them as read-only.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    if (!this.cache) return this.index.search(query, options);
    // Results searched before the classifier was trained would keep the start-up ranking: forget them.
    if (this.keptWithClassifier !== this.index.classifierReady) {
      this.cache.clear();
      this.keptWithClassifier = this.index.classifierReady;
    }
    const { lang, type, limit, topic, kind, region, topicHitsBeyond } = options;
    const key = JSON.stringify([query, lang, type, limit, topic, kind, region, topicHitsBeyond?.shown, topicHitsBeyond?.slack]);
    let result = this.cache.get(key);
    if (!result) {
      result = this.index.search(query, options);
      this.cache.set(key, result);
    }
    return result;
  }

  /** Results currently kept (for tests and diagnostics). */
  get size(): number {
    return this.cache?.size ?? 0;
  }
}
