/**
 * Remembers recent search results of the core. Users of an FAQ assistant ask the same questions again and again
 * ("Wer ist Geschäftsführer …?", the suggested follow-up questions, the buttons of a card), and the index never
 * changes while the process runs, so the same text with the same options always gives the same result. A repeated
 * question then costs a map look-up instead of two searches.
 *
 * Only the search is cached, not the decision: `AssistantCore.respond` still runs for every message, so what a
 * conversation remembers (language, region, misses in a row, filters) is applied exactly as without the cache.
 */
import { LRUCache } from 'lru-cache';
import type { KnowledgeIndex, SearchOptions, SearchResult } from '../knowledge/searchIndex.js';

/** What the core needs from the index to search; `KnowledgeIndex` and `SearchCache` both provide it. */
export interface Searcher {
  search(query: string, options?: SearchOptions): SearchResult;
}

export class SearchCache implements Searcher {
  private readonly cache?: LRUCache<string, SearchResult>;

  /** @param size most results kept (least recently used go first); 0 turns the cache off. */
  constructor(
    private readonly index: KnowledgeIndex,
    size: number,
  ) {
    if (size > 0) this.cache = new LRUCache({ max: size });
  }

  /**
   * `KnowledgeIndex.search`, answered from the cache when the same text was searched with the same options. Results
   * are shared between callers: treat them as read-only.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    if (!this.cache) return this.index.search(query, options);
    const { lang, type, limit, topic, kind, region } = options;
    const key = JSON.stringify([query, lang, type, limit, topic, kind, region]);
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
