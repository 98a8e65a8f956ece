/**
 * A bounded memo of recently used keys, for what a search computes per query word or term and could compute again
 * (the word's reading, the index terms a term matches, its letter n-grams). Searches look up dozens of such keys, so
 * a look-up must cost about one `Map.get`: the cache keeps two generations of Maps instead of an LRU's linked list. A
 * key is found in the current generation, or in the previous one (and then copied into the current one); when the
 * current generation holds `size` keys, it becomes the previous one and the older one is dropped.
 *
 * So it holds at most 2 × `size` keys, and keeps every key used since the last `size` new keys came in: what an LRU
 * of `size` keeps, and a little more.
 */
/**
 * Keys per generation of the caches a search keeps per word or term (readings, matched index terms, credits, n-grams):
 * the distinct words of a few thousand everyday questions to one folder. Each cache holds at most twice as many; all of
 * them together took about 2 MB for the 281 evaluation questions.
 */
export const queryCacheSize = 2048;

export class RecentCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  /** @param size keys per generation (at least 1) */
  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new Error('RecentCache: size must be at least 1');
  }

  /** The value kept for `key`, or undefined. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.size && !this.current.has(key)) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** The value for `key`, computed and kept when it is not kept yet (`compute` must not return undefined). */
  remember(key: K, compute: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = compute(key);
      this.set(key, value);
    }
    return value;
  }

  /** Keys kept, at most 2 × `size` (for tests and diagnostics). */
  get count(): number {
    let count = this.current.size;
    for (const key of this.previous.keys()) if (!this.current.has(key)) count++;
    return count;
  }

  clear(): void {
    this.current = new Map();
    this.previous = new Map();
  }
}
