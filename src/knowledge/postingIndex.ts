/**
 * A MiniSearch index that can also answer an OR query over flat postings. MiniSearch analyses and adds the documents
 * and numbers the vocabulary in the order of its radix tree; `searchPostings` then evaluates the query
 * without MiniSearch's per-document objects (`MiniSearch.search` builds a result object, a `match` object and a
 * `terms` array per document and query term and merges them term by term, which costs most where most documents
 * name the same regions). Here the postings of every index term, with their BM25 scores precomputed, lie in typed
 * arrays, and a query adds them up into per-document arrays. Fuzzy matches come from `fuzzyVocabulary.ts`, which
 * finds the terms MiniSearch's `fuzzyGet` finds.
 *
 * The results are MiniSearch's: the same documents, the same BM25 scores (the same floating-point operations in the
 * same order), the same order of equal scores, the same matched terms and fields. `test/knowledge/postingIndex.test.ts`
 * compares `searchPostings` with the inherited `search` on real queries, so that an upgrade of MiniSearch that
 * changes its scoring fails a test instead of silently changing rankings. The subclass reads MiniSearch's protected
 * fields (its index, field ids and lengths), which are part of its declared types.
 */
import MiniSearch, { type Options } from 'minisearch';
import { FuzzyVocabulary, type FuzzyVocabularyData } from './fuzzyVocabulary.js';
import { queryCacheSize, RecentCache } from './recentCache.js';

/** The search options `searchPostings` supports: what the knowledge index asks (no `weights`, `bm25` or `filter`). */
export interface PostingSearchOptions<F extends string> {
  boost: Record<F, number>;
  /** Per term: a fuzziness (edit distance as a share of the term's length, below 1) or false. */
  fuzzy: (term: string) => number | false;
  prefix: (term: string) => boolean;
  maxFuzzy: number;
}

/**
 * Per matched document, its matched index terms in the order they were first found, with the fields they occur in:
 * linked lists in flat arrays (one list per document, no array per document). Walk a document's list with
 * `for (let e = first[doc]; e !== -1; e = next[e])`; `term[e]` is a number of `PostingMatches.terms`, `fields[e]` a bit
 * mask (bit i = the i-th field of the index's field list).
 */
export interface MatchedTermLists {
  first: Int32Array;
  next: Int32Array;
  term: Int32Array;
  fields: Int32Array;
}

/**
 * The documents a query matched: what `MiniSearch.search` returns, in a form that costs no object per document.
 * Documents are numbered by MiniSearch's short ids (0 … documentCount − 1, in the order they were added).
 */
export class PostingMatches<F extends string> {
  constructor(
    /** Names documents and fields (the index that found them). */
    private readonly index: { documentId(doc: number): string; fieldNames(mask: number): readonly F[] },
    /** Matched documents in the order they were first matched (MiniSearch's order before it sorts by score). */
    readonly docs: readonly number[],
    /** Per document: its place in `docs`. */
    private readonly matchedAt: Int32Array,
    /** Per document: MiniSearch's score (0 where nothing matched). */
    readonly scores: Float64Array,
    /** Every matched index term, numbered in the order they were first found. */
    readonly terms: readonly string[],
    readonly termLists: MatchedTermLists,
  ) {}

  /**
   * MiniSearch's order of two matched documents (negative when `a` comes first): best score first, and documents of
   * equal score in the order they were first matched (MiniSearch sorts stably).
   */
  compare(a: number, b: number): number {
    return this.scores[b]! - this.scores[a]! || this.matchedAt[a]! - this.matchedAt[b]!;
  }

  /** All matched documents in MiniSearch's order. */
  ranked(): number[] {
    return [...this.docs].sort((a, b) => this.compare(a, b));
  }

  /** The document id of a short id. */
  id(doc: number): string {
    return this.index.documentId(doc);
  }

  /** A document's matched index terms with the fields they occur in, in the order they were first found. */
  matched(doc: number): [string, readonly F[]][] {
    const { first, next, term, fields } = this.termLists;
    const out: [string, readonly F[]][] = [];
    for (let e = first[doc]!; e !== -1; e = next[e]!) out.push([this.terms[term[e]!]!, this.index.fieldNames(fields[e]!)]);
    return out;
  }
}

/** The flat postings of an index, built from MiniSearch's index once documents were added (see `flatPostings`). */
interface FlatPostings {
  /** MiniSearch's state when they were built: added, discarded and removed documents change it. */
  stamp: string;
  /** Index terms by number, in the order MiniSearch's tree lists them. */
  termText: string[];
  termNumber: Map<string, number>;
  /** The index terms sorted by their text, for prefix look-ups (see `prefixMatches`). */
  alphabetical: Alphabetical;
  /** Postings of term t in field number f: `docs`/`scores` from `start[t·F + f]` to `start[t·F + f + 1]`. */
  start: Int32Array;
  docs: Int32Array;
  scores: Float64Array;
  /** Document ids by short id. */
  documentIds: string[];
  /** The vocabulary for typo-tolerant look-ups. */
  fuzzy: FuzzyVocabulary;
  /** Recently searched query terms' expansions (see `PostingIndex.expansion`): per fuzziness and prefix flag, by term. */
  expansions: RecentCache<string, TermExpansion>[];
}

/** The index terms a query term matches (by number) and the weight of each (see `PostingIndex.expansion`). */
interface TermExpansion {
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * A `PostingIndex` as data, for the index snapshot (`indexSnapshot.ts`): MiniSearch's own JSON and the flat postings
 * laid out from it, so that `PostingIndex.restore` neither adds the documents nor lays out the postings again.
 */
export interface PostingIndexData {
  /** `MiniSearch.toJSON()` without its terms and postings (`index`): the flat postings replace them. */
  miniSearch: string;
  /** The flat postings: index terms by number (the tree's order), and `start`, `docs`, `scores` as in `FlatPostings`. */
  terms: string[];
  start: Int32Array;
  docs: Int32Array;
  scores: Float64Array;
  fuzzy: FuzzyVocabularyData;
}

/**
 * A MiniSearch index over the fields `F` with a second, allocation-free OR search (`searchPostings`). Add documents
 * as to MiniSearch; the flat postings are laid out at the first `searchPostings` after a change.
 *
 * @example
 * const index = new PostingIndex<Doc, 'title' | 'body'>({ fields: ['title', 'body'] });
 * index.addAll(docs);
 * const matches = index.searchPostings(['kooperation'], { boost: { title: 2, body: 1 }, fuzzy: () => false, prefix: () => true, maxFuzzy: 2 });
 */
export class PostingIndex<T, F extends string> extends MiniSearch<T> {
  /** Field names in MiniSearch's field order (the order its search visits fields in). */
  private readonly fieldList: readonly F[];
  private flat?: FlatPostings;
  /** MiniSearch's counts (next id, documents, discarded) when `flat` was last checked against them. */
  private flatCounts: number[] = [];
  /** `searchPostings`' per-document sums and counts, kept between searches (none of them is returned). */
  private work?: { total: Float64Array; queryTermsMatched: Uint16Array; termScore: Float64Array; seenBy: Int32Array };
  /** `fieldNames` per mask, filled as masks occur (at most 2^fields). */
  private readonly fieldNamesByMask: (readonly F[])[] = [];
  /** Whether MiniSearch's own index was let go (see `releasePostings`). */
  private released = false;

  constructor(options: Options<T> & { fields: F[] }) {
    super(options);
    // Fields are bits of a mask in `MatchedTermLists.fields`.
    if (options.fields.length > 30) throw new Error('postingIndex: at most 30 fields');
    this.fieldList = [...options.fields];
  }

  /** The index as data (see `PostingIndexData`). */
  toData(): PostingIndexData {
    const { termText: terms, start, docs, scores, fuzzy } = this.postings();
    const miniSearch = JSON.stringify({ ...this.toJSON(), index: [] });
    return { miniSearch, terms, start, docs, scores, fuzzy: fuzzy.toData() };
  }

  /**
   * Lets go of MiniSearch's own index, its radix tree of the terms with their postings (per field and document: how
   * often the term occurs there), which holds most of the index's memory: searches read only the flat postings.
   * Afterwards the index cannot change: adding, removing or discarding documents and MiniSearch's own `search` throw.
   */
  releasePostings(): void {
    this.postings();
    this._index.clear();
    this.released = true;
  }

  override add(document: T): void {
    this.unlessReleased('add documents');
    super.add(document);
  }

  override remove(document: T): void {
    this.unlessReleased('remove documents');
    super.remove(document);
  }

  override discard(id: unknown): void {
    this.unlessReleased('discard documents');
    super.discard(id);
  }

  override search(...args: Parameters<MiniSearch<T>['search']>): ReturnType<MiniSearch<T>['search']> {
    this.unlessReleased('search with MiniSearch');
    return super.search(...args);
  }

  private unlessReleased(what: string): void {
    if (this.released) throw new Error(`postingIndex: cannot ${what} once its postings were released`);
  }

  /**
   * The index `toData` described, with `options` as it was built with; its MiniSearch index is released (see
   * `releasePostings`). Throws when the postings do not fit the index.
   */
  static restore<T, F extends string>(data: PostingIndexData, options: Options<T> & { fields: F[] }): PostingIndex<T, F> {
    const loaded = MiniSearch.loadJSON<T>(data.miniSearch, options) as unknown as PostingIndex<T, F>;
    const index = new PostingIndex<T, F>(options);
    index._documentCount = loaded._documentCount;
    index._documentIds = loaded._documentIds;
    index._idToShortId = loaded._idToShortId;
    index._fieldIds = loaded._fieldIds;
    index._fieldLength = loaded._fieldLength;
    index._avgFieldLength = loaded._avgFieldLength;
    index._nextId = loaded._nextId;
    index._storedFields = loaded._storedFields;
    index._dirtCount = loaded._dirtCount;
    index.released = true;
    const { terms, start, docs, scores } = data;
    const fits =
      loaded._index.size === 0 &&
      start.length === terms.length * index.fieldList.length + 1 &&
      start.every((v, i) => (i === 0 ? v === 0 : v >= start[i - 1]!)) &&
      start[start.length - 1] === docs.length &&
      scores.length === docs.length &&
      docs.every((doc) => doc >= 0 && doc < index._nextId);
    if (!fits) throw new Error('postingIndex: the postings do not fit the index');
    const documentIds: string[] = [];
    for (const [shortId, id] of index._documentIds) documentIds[shortId] = String(id);
    const termNumber = new Map<string, number>();
    for (let number = 0; number < terms.length; number++) termNumber.set(terms[number]!, number);
    if (termNumber.size !== terms.length) throw new Error('postingIndex: a term is listed twice');
    index.flat = {
      stamp: index.stamp(),
      termText: terms,
      termNumber,
      alphabetical: alphabeticalTerms(terms, termNumber),
      start,
      docs,
      scores,
      documentIds,
      fuzzy: new FuzzyVocabulary(terms, data.fuzzy),
      expansions: [],
    };
    return index;
  }

  /** Document id of a short id. */
  documentId(doc: number): string {
    return this.postings().documentIds[doc]!;
  }

  /** Short ids run from 0 to this number − 1 (documents discarded since then leave gaps). */
  get shortIdCount(): number {
    return this._nextId;
  }

  /** The index terms by number. */
  get terms(): readonly string[] {
    return this.postings().termText;
  }

  /** The number of an index term, or −1 when no document contains it. */
  numberOf(term: string): number {
    return this.postings().termNumber.get(term) ?? -1;
  }

  /** `searchPostings`' working arrays, for at least `documents` documents. */
  private workArrays(documents: number) {
    if (!this.work || this.work.total.length < documents) {
      this.work = {
        total: new Float64Array(documents),
        queryTermsMatched: new Uint16Array(documents),
        termScore: new Float64Array(documents),
        seenBy: new Int32Array(documents),
      };
    }
    return this.work;
  }

  /** The names of the fields in a field mask (see `MatchedTermLists`), in field order. Shared lists: do not change. */
  fieldNames(mask: number): readonly F[] {
    let names = this.fieldNamesByMask[mask];
    if (!names) this.fieldNamesByMask[mask] = names = this.fieldList.filter((_, f) => (mask & (1 << f)) !== 0);
    return names;
  }

  /**
   * The documents matching any of `queries`, as `this.search({ queries, combineWith: 'OR' }, options)` finds them.
   * Mirrors MiniSearch 7.x step by step (`executeQuerySpec`, `termResults`, the OR combinator, `search`): each query
   * term is searched exactly, by prefix and fuzzily; a document's score per query term is the sum of its weighted
   * BM25 scores over the matched terms and fields, in MiniSearch's order; the sums over the query terms are added in
   * query order and multiplied by the number of query terms matched. MiniSearch then sorts the documents by score;
   * `PostingMatches.compare` gives that order, so that a caller sorts only the documents it needs.
   */
  searchPostings(queries: readonly string[], options: PostingSearchOptions<F>): PostingMatches<F> {
    const flat = this.postings();
    const n = this._nextId;
    const fieldCount = this.fieldList.length;
    const fieldBoost = this.fieldList.map((field) => options.boost[field] || 1);
    // Per document: the sum over the query terms so far and how many query terms matched; the sum for the current
    // query term, and the number (+1) of the last query term that matched it (`seenBy`). `total` and `termScore` are
    // written before they are read, where the counts are 0.
    const { total, queryTermsMatched, termScore, seenBy } = this.workArrays(n);
    queryTermsMatched.fill(0);
    seenBy.fill(0);
    const lists = new TermListBuilder(n);
    const firstMatched: number[] = [];
    const matchedTerms: string[] = [];
    /** Per index term number matched so far: its number in `matchedTerms`. */
    const matchedTermNumber = new Map<number, number>();

    /** The documents the current query term matched, in the order first matched (one list for all query terms). */
    const touched: number[] = [];
    queries.forEach((query, q) => {
      const stamp = q + 1;
      touched.length = 0;
      const fuzzy = options.fuzzy(query);
      const maxDistance =
        fuzzy === false ? 0 : fuzzy < 1 ? Math.min(options.maxFuzzy, Math.round(query.length * fuzzy)) : fuzzy;
      const { terms, weights } = this.expansion(flat, query, options.prefix(query), maxDistance);
      // MiniSearch's `termResults` per matched index term: adds its weighted postings.
      for (let x = 0; x < terms.length; x++) {
        const t = terms[x]!;
        const weight = weights[x]!;
        // A term matched again (by another query term) is already listed for its documents, at its first place.
        const isNew = !matchedTermNumber.has(t);
        const number = isNew ? matchedTerms.push(flat.termText[t]!) - 1 : -1;
        if (isNew) {
          matchedTermNumber.set(t, number);
          lists.reserve(flat.start[(t + 1) * fieldCount]! - flat.start[t * fieldCount]!);
        }
        for (let f = 0; f < fieldCount; f++) {
          const boosted = weight * fieldBoost[f]!;
          const end = flat.start[t * fieldCount + f + 1]!;
          for (let i = flat.start[t * fieldCount + f]!; i < end; i++) {
            const doc = flat.docs[i]!;
            const score = boosted * flat.scores[i]!;
            if (seenBy[doc] === stamp) termScore[doc] = termScore[doc]! + score;
            else {
              seenBy[doc] = stamp;
              termScore[doc] = score;
              touched.push(doc);
            }
            if (isNew) lists.add(doc, number, f);
          }
        }
      }

      // MiniSearch's OR combinator: sums in query order; a document first matched now joins the end of the list.
      for (const doc of touched) {
        if (queryTermsMatched[doc] === 0) {
          total[doc] = termScore[doc]!;
          firstMatched.push(doc);
        } else total[doc] = total[doc]! + termScore[doc]!;
        queryTermsMatched[doc]!++;
      }
    });

    // MiniSearch's `search`: the score times the number of query terms matched.
    const scores = new Float64Array(n);
    const matchedAt = new Int32Array(n);
    firstMatched.forEach((doc, at) => {
      scores[doc] = total[doc]! * queryTermsMatched[doc]!;
      matchedAt[doc] = at;
    });
    return new PostingMatches(this, firstMatched, matchedAt, scores, matchedTerms, lists.done());
  }

  /**
   * The index terms one query term matches, in the order MiniSearch adds them (the term itself, then its prefix
   * matches, then its fuzzy matches), each with MiniSearch's weight for the way it matched. It depends only on the
   * term and the vocabulary, so it is kept per term (see `FlatPostings.expansions`): users ask about the same words
   * in different questions, and a turn searches most of its terms twice (FAQ entries, then providers).
   */
  private expansion(flat: FlatPostings, query: string, prefix: boolean, maxDistance: number): TermExpansion {
    // One cache per fuzziness and prefix flag, keyed by the term itself: the terms of a query are mostly the same
    // string objects from search to search (kept word readings), whose hash is computed once.
    const caches = flat.expansions;
    const way = 2 * maxDistance + (prefix ? 1 : 0);
    const cache = (caches[way] ??= new RecentCache<string, TermExpansion>(queryCacheSize));
    const kept = cache.get(query);
    if (kept) return kept;
    const { prefix: prefixWeight, fuzzy: fuzzyWeight } = this._options.searchOptions.weights;
    const terms: number[] = [];
    const weights: number[] = [];
    const own = flat.termNumber.get(query);
    if (own !== undefined) {
      terms.push(own);
      weights.push(1);
    }
    if (prefix) {
      for (const number of prefixMatches(flat.alphabetical, query)) {
        const term = flat.termText[number]!;
        const distance = term.length - query.length;
        if (!distance) continue;
        terms.push(number);
        weights.push((prefixWeight * term.length) / (term.length + 0.3 * distance));
      }
    }
    if (maxDistance) {
      for (const { term, distance } of fuzzyMatches(flat, query, maxDistance)) {
        // The term itself is listed first; a term that is both a prefix and a fuzzy match counts as a prefix match.
        if (!distance || (prefix && term.startsWith(query))) continue;
        terms.push(flat.termNumber.get(term)!);
        weights.push((fuzzyWeight * term.length) / (term.length + distance));
      }
    }
    const expansion = { terms: Int32Array.from(terms), weights: Float64Array.from(weights) };
    cache.set(query, expansion);
    return expansion;
  }

  /**
   * The index terms within `maxDistance` edits of `word` (through the bigram lists of `fuzzyVocabulary.ts`, not a pass
   * over the vocabulary), with their distances, in no particular order.
   */
  termsNear(word: string, maxDistance: number): { term: string; distance: number }[] {
    const flat = this.postings();
    return flat.fuzzy.within(word, maxDistance).map(({ term, distance }) => ({ term: flat.termText[term]!, distance }));
  }

  /** The flat postings, laid out anew when documents were added, discarded or removed since the last time. */
  private postings(): FlatPostings {
    // Asked for every term number a search looks up: the counts are compared before a stamp is built.
    const seen = this.flatCounts;
    if (this.flat && seen[0] === this._nextId && seen[1] === this._documentCount && seen[2] === this._dirtCount) return this.flat;
    const stamp = this.stamp();
    if (this.flat?.stamp !== stamp) this.flat = this.flatPostings(stamp);
    this.flatCounts = [this._nextId, this._documentCount, this._dirtCount];
    return this.flat;
  }

  /** Changes whenever documents are added, discarded or removed. */
  private stamp(): string {
    return `${this._nextId} ${this._documentCount} ${this._dirtCount}`;
  }

  private flatPostings(stamp: string): FlatPostings {
    const { k, b, d } = this._options.searchOptions.bm25;
    const dirty = this._dirtCount > 0;
    const fields = this.fieldList;
    const fieldIds = fields.map((field) => this._fieldIds[field]!);
    const documentIds: string[] = [];
    for (const [shortId, id] of this._documentIds) documentIds[shortId] = String(id);
    let total = 0;
    const entries: [string, Map<number, Map<number, number>>][] = [];
    for (const entry of this._index) {
      entries.push(entry);
      for (const byDoc of entry[1].values()) total += byDoc.size;
    }
    const start = new Int32Array(entries.length * fields.length + 1);
    const docs = new Int32Array(total);
    const scores = new Float64Array(total);
    const termNumber = new Map<string, number>();
    let at = 0;
    for (let t = 0; t < entries.length; t++) {
      const [term, byField] = entries[t]!;
      termNumber.set(term, t);
      for (let f = 0; f < fields.length; f++) {
        start[t * fields.length + f] = at;
        const fieldId = fieldIds[f]!;
        const byDoc = byField.get(fieldId);
        if (!byDoc) continue;
        // MiniSearch's `calcBM25Score`, split in two: the inverse document frequency is the same for all documents of
        // a term and field. Postings of discarded documents (only while `_dirtCount` > 0) are skipped.
        let matching = byDoc.size;
        if (dirty) for (const doc of byDoc.keys()) if (!this._documentIds.has(doc)) matching--;
        const invDocFreq = Math.log(1 + (this._documentCount - matching + 0.5) / (matching + 0.5));
        const avgFieldLength = this._avgFieldLength[fieldId]!;
        for (const [doc, termFreq] of byDoc) {
          if (dirty && !this._documentIds.has(doc)) continue;
          const fieldLength = this._fieldLength.get(doc)![fieldId]!;
          docs[at] = doc;
          scores[at++] = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
        }
      }
    }
    start[entries.length * fields.length] = at;
    const termText = entries.map(([term]) => term);
    const fuzzy = new FuzzyVocabulary(termText);
    const alphabetical = alphabeticalTerms(termText, termNumber);
    return { stamp, termText, termNumber, alphabetical, start, docs, scores, documentIds, fuzzy, expansions: [] };
  }
}

/** Index terms sorted by their text, each with its number. */
interface Alphabetical {
  terms: string[];
  numbers: Int32Array;
}

function alphabeticalTerms(termText: readonly string[], termNumber: ReadonlyMap<string, number>): Alphabetical {
  // Sorted by UTF-16 code units, as `<` compares them.
  const terms = [...termText].sort();
  return { terms, numbers: Int32Array.from(terms, (term) => termNumber.get(term)!) };
}

/**
 * The numbers of the index terms that start with `prefix` (the term itself included), in the order MiniSearch's
 * `atPrefix` lists them: the terms' order in its tree, which is their numbers' order.
 */
function prefixMatches({ terms, numbers }: Alphabetical, prefix: string): number[] {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (terms[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let i = low; i < terms.length && terms[i]!.startsWith(prefix); i++) found.push(numbers[i]!);
  return found.sort((a, b) => a - b);
}

/**
 * The index terms within `maxDistance` edits of `word`, with their distances, in the order MiniSearch's `fuzzyGet`
 * returns them. Terms are numbered in the order MiniSearch's tree iterator lists them, which walks each node's
 * children last to first; `fuzzyGet` walks them first to last, so it finds the terms in the reverse order.
 */
function fuzzyMatches(flat: FlatPostings, word: string, maxDistance: number): { term: string; distance: number }[] {
  return flat.fuzzy
    .within(word, maxDistance)
    .sort((a, b) => b.term - a.term)
    .map(({ term, distance }) => ({ term: flat.termText[term]!, distance }));
}

/** Builds `MatchedTermLists`: appends to a document's list, or adds a field to the term it ends with. */
class TermListBuilder {
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private next = new Int32Array(1024);
  private term = new Int32Array(1024);
  private fields = new Int32Array(1024);
  private count = 0;

  constructor(documentCount: number) {
    this.first = new Int32Array(documentCount).fill(-1);
    this.last = new Int32Array(documentCount).fill(-1);
  }

  /** Makes room for `entries` more entries. */
  reserve(entries: number): void {
    if (this.count + entries <= this.next.length) return;
    const size = Math.max(2 * this.next.length, this.count + entries);
    const grow = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from.subarray(0, this.count));
      return to;
    };
    this.next = grow(this.next);
    this.term = grow(this.term);
    this.fields = grow(this.fields);
  }

  /** Term `term` was found in field number `field` of `doc` (room must be reserved). */
  add(doc: number, term: number, field: number): void {
    const last = this.last[doc]!;
    // The same term in a further field of the document: it is listed already, add the field.
    if (last !== -1 && this.term[last] === term) {
      this.fields[last]! |= 1 << field;
      return;
    }
    const entry = this.count++;
    this.term[entry] = term;
    this.fields[entry] = 1 << field;
    this.next[entry] = -1;
    if (last === -1) this.first[doc] = entry;
    else this.next[last] = entry;
    this.last[doc] = entry;
  }

  done(): MatchedTermLists {
    return { first: this.first, next: this.next, term: this.term, fields: this.fields };
  }
}
