/**
 * MiniSearch's OR search, evaluated over flat postings. `MiniSearch.search` builds a result object, a `match` object
 * and a `terms` array per document and per query term, and merges them term by term; with the dense posting lists of
 * a folder where most documents name the same regions, that allocation was half the time of a search. This module
 * keeps MiniSearch as the index (it analyses and adds the documents, keeps the vocabulary and finds prefix matches in
 * its radix tree) and replaces the query evaluation: the postings of every index term, with their BM25 scores
 * precomputed, are laid out in typed arrays once, and a query adds them up into per-document arrays. Fuzzy matches
 * come from `fuzzyVocabulary.ts`, which finds the same terms as MiniSearch's `fuzzyGet` several times faster.
 *
 * The results are MiniSearch's, not an approximation of them: the same documents, the same BM25 scores (the same
 * floating-point operations in the same order), the same order of equal scores, and the same matched terms and fields
 * in the same order. `test/knowledge/termPostings.test.ts` compares both on real queries, so that an upgrade of
 * MiniSearch that changes its scoring fails a test instead of silently changing rankings.
 */
import type MiniSearch from 'minisearch';
import { FuzzyVocabulary } from './fuzzyVocabulary.js';

/** The search options this module supports: what `KnowledgeIndex` passes to MiniSearch (no `weights`, no `bm25`). */
export interface PostingSearchOptions<F extends string> {
  boost: Record<F, number>;
  /** Per term: a fuzziness (edit distance as a share of the term's length, below 1) or false. */
  fuzzy: (term: string) => number | false;
  prefix: (term: string) => boolean;
  maxFuzzy: number;
}

/**
 * MiniSearch's defaults (7.x) for what `PostingSearchOptions` leaves out: the BM25 parameters and the weights of
 * prefix and fuzzy matches relative to an exact match.
 */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const prefixWeight = 0.375;
const fuzzyWeight = 0.45;

/** A vocabulary of terms as MiniSearch's radix tree (`SearchableMap`) offers it. */
interface TermTree {
  atPrefix(prefix: string): Iterable<[string, unknown]>;
}

/** What this module reads of a MiniSearch instance; see {@link miniSearchInternals}. */
interface MiniSearchInternals {
  /** The radix tree: index term → field id → short document id → term frequency. */
  index: TermTree & Iterable<[string, Map<number, Map<number, number>>]>;
  /** Field name → field id. */
  fieldIds: Record<string, number>;
  /** Short document id → per field id: the field's length. */
  fieldLength: Map<number, number[]>;
  /** Per field id: the average field length. */
  avgFieldLength: number[];
  documentCount: number;
  /** Short document id → document id. */
  documentIds: Map<number, string>;
}

/**
 * The only place that reads MiniSearch's private state (MiniSearch 7.x). MiniSearch has no public API for posting
 * lists or for the terms near a term; everything else here only uses what this returns.
 */
function miniSearchInternals<T>(miniSearch: MiniSearch<T>): MiniSearchInternals {
  const m = miniSearch as unknown as {
    _index: MiniSearchInternals['index'];
    _fieldIds: Record<string, number>;
    _fieldLength: Map<number, number[]>;
    _avgFieldLength: number[];
    _documentCount: number;
    _documentIds: Map<number, string>;
  };
  if (!m._index || !m._fieldIds || !m._fieldLength || !m._avgFieldLength || !m._documentIds) {
    throw new Error('termPostings: this MiniSearch version keeps its index differently');
  }
  return {
    index: m._index,
    fieldIds: m._fieldIds,
    fieldLength: m._fieldLength,
    avgFieldLength: m._avgFieldLength,
    documentCount: m._documentCount,
    documentIds: m._documentIds,
  };
}

/**
 * MiniSearch's BM25+ score of one term in one field of one document (its `calcBM25Score`, split in two: the inverse
 * document frequency is the same for all documents of a term and field).
 */
function inverseDocumentFrequency(matchingCount: number, totalCount: number): number {
  return Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
}

function bm25Score(invDocFreq: number, termFreq: number, fieldLength: number, avgFieldLength: number): number {
  const { k, b, d } = bm25;
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

/**
 * Per matched document, its matched index terms in the order they were first found, with the fields they occur in:
 * linked lists in flat arrays (one list per document, no array per document). Walk a document's list with
 * `for (let e = first[doc]; e !== -1; e = next[e])`; `term[e]` is a number of `PostingMatches.terms`, `fields[e]` a bit
 * mask (bit i = the i-th field of the field list given to `TermPostings`).
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
    private readonly postings: TermPostings<F>,
    /** Matched documents in the order they were first matched (MiniSearch's order before it sorts by score). */
    readonly docs: readonly number[],
    /** Per document: its place in `docs`. */
    private readonly matchedAt: Int32Array,
    /** Per document: MiniSearch's score (0 where nothing matched). */
    readonly scores: Float64Array,
    /** Every matched index term, numbered in the order they were first found. */
    readonly terms: readonly string[],
    readonly termLists: MatchedTermLists,
  ) {
    this.keyOrder = keyOrder(terms);
    this.keysInFoundOrder = this.keyOrder.every((place, term) => place === term);
  }

  /**
   * Per matched term: its place in the key order of MiniSearch's `match` objects (`Object.keys`), where array indices
   * ("2018") come first, in numeric order, and the other terms follow in the order they were first found. A
   * document's `matched` entries come in this order.
   */
  readonly keyOrder: Int32Array;
  /** True when no term is an array index: then the key order is the order the terms were found in. */
  private readonly keysInFoundOrder: boolean;

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
    return this.postings.documentId(doc);
  }

  /** A document's matched index terms with the fields they occur in: `Object.entries` of MiniSearch's `match`. */
  matched(doc: number): [string, readonly F[]][] {
    const { first, next, term, fields } = this.termLists;
    const numbers: number[] = [];
    for (let e = first[doc]!; e !== -1; e = next[e]!) numbers.push(e);
    if (!this.keysInFoundOrder) numbers.sort((a, b) => this.keyOrder[term[a]!]! - this.keyOrder[term[b]!]!);
    return numbers.map((e) => [this.terms[term[e]!]!, this.postings.fieldNames(fields[e]!)]);
  }
}

/**
 * The postings of every index term of a MiniSearch instance, laid out flat: term number × field → a range of
 * (document, BM25 score) pairs. Build it after the last document was added; it does not follow later changes.
 */
export class TermPostings<F extends string> {
  private readonly tree: TermTree;
  /** The same vocabulary for fuzzy look-ups (MiniSearch's own `fuzzyGet` is several times slower). */
  private readonly fuzzy: FuzzyVocabulary;
  /** Index terms by number. */
  private readonly termText: string[];
  /** Field names in MiniSearch's field order (the order its search visits fields in). */
  private readonly fields: readonly F[];
  private readonly termNumber = new Map<string, number>();
  /** Postings of term t in field number f: `docs`/`scores` from `start[t·F + f]` to `start[t·F + f + 1]`. */
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly documentIds: string[];

  constructor(miniSearch: MiniSearch<unknown>, fields: readonly F[]) {
    // Fields are bits of a mask in `MatchedTermLists.fields`.
    if (fields.length > 30) throw new Error('termPostings: at most 30 fields');
    const internals = miniSearchInternals(miniSearch);
    this.tree = internals.index;
    this.fields = fields;
    this.documentIds = [];
    for (const [shortId, id] of internals.documentIds) this.documentIds[shortId] = id;

    const fieldIds = fields.map((field) => internals.fieldIds[field]!);
    let total = 0;
    const entries: [string, Map<number, Map<number, number>>][] = [];
    for (const entry of internals.index) {
      entries.push(entry);
      for (const byDoc of entry[1].values()) total += byDoc.size;
    }
    this.start = new Int32Array(entries.length * fields.length + 1);
    this.docs = new Int32Array(total);
    this.scores = new Float64Array(total);
    let at = 0;
    for (let t = 0; t < entries.length; t++) {
      const [term, byField] = entries[t]!;
      this.termNumber.set(term, t);
      for (let f = 0; f < fields.length; f++) {
        this.start[t * fields.length + f] = at;
        const fieldId = fieldIds[f]!;
        const byDoc = byField.get(fieldId);
        if (!byDoc) continue;
        const invDocFreq = inverseDocumentFrequency(byDoc.size, internals.documentCount);
        for (const [doc, termFreq] of byDoc) {
          this.docs[at] = doc;
          const fieldLength = internals.fieldLength.get(doc)![fieldId]!;
          this.scores[at++] = bm25Score(invDocFreq, termFreq, fieldLength, internals.avgFieldLength[fieldId]!);
        }
      }
    }
    this.start[entries.length * fields.length] = at;
    this.termText = entries.map(([term]) => term);
    this.fuzzy = new FuzzyVocabulary(this.termText);
  }

  /**
   * The index terms within `maxDistance` edits of `word`, with their distances, in the order MiniSearch's `fuzzyGet`
   * returns them. Terms are numbered in the order MiniSearch's tree iterator lists them, which walks each node's
   * children last to first; `fuzzyGet` walks them first to last, so it finds the terms in the reverse order.
   */
  private fuzzyMatches(word: string, maxDistance: number): { term: string; distance: number }[] {
    return this.fuzzy
      .within(word, maxDistance)
      .sort((a, b) => b.term - a.term)
      .map(({ term, distance }) => ({ term: this.termText[term]!, distance }));
  }

  get documentCount(): number {
    return this.documentIds.length;
  }

  documentId(doc: number): string {
    return this.documentIds[doc]!;
  }

  /** Number of index terms (term numbers are 0 … termCount − 1). */
  get termCount(): number {
    return this.termNumber.size;
  }

  /** The number of an index term, or −1 when no document contains it. */
  numberOf(term: string): number {
    return this.termNumber.get(term) ?? -1;
  }

  /** The names of the fields in a field mask (see `MatchedTermLists`), in field order. Shared lists: do not change. */
  fieldNames(mask: number): readonly F[] {
    let names = this.fieldNamesByMask[mask];
    if (!names) this.fieldNamesByMask[mask] = names = this.fields.filter((_, f) => (mask & (1 << f)) !== 0);
    return names;
  }

  /** `fieldNames` per mask, filled as masks occur (at most 2^fields). */
  private readonly fieldNamesByMask: (readonly F[])[] = [];

  /**
   * The documents matching any of `queries`, as `miniSearch.search({ queries, combineWith: 'OR' }, options)` finds
   * them. Mirrors MiniSearch 7.x step by step (`executeQuerySpec`, `termResults`, the OR combinator, `search`): each
   * query term is searched exactly, by prefix and fuzzily; a document's score per query term is the sum of its
   * weighted BM25 scores over the matched terms and fields, in MiniSearch's order; the sums over the query terms are
   * added in query order and multiplied by the number of query terms matched. MiniSearch then sorts the documents
   * by score; `PostingMatches.compare` gives that order, so that a caller sorts only the documents it needs.
   */
  search(queries: readonly string[], options: PostingSearchOptions<F>): PostingMatches<F> {
    const n = this.documentCount;
    const fieldCount = this.fields.length;
    const fieldBoost = this.fields.map((field) => options.boost[field] || 1);
    /** Sum over the query terms so far, and how many query terms matched. */
    const total = new Float64Array(n);
    const queryTermsMatched = new Uint16Array(n);
    /** Sum for the current query term; `seenBy[doc]` is the number (+1) of the last query term that matched it. */
    const termScore = new Float64Array(n);
    const seenBy = new Int32Array(n);
    const lists = new TermListBuilder(n);
    const firstMatched: number[] = [];
    const matchedTerms: string[] = [];
    const matchedTermNumber = new Map<string, number>();

    queries.forEach((query, q) => {
      const stamp = q + 1;
      const touched: number[] = [];
      /** MiniSearch's `termResults`: adds the weighted postings of one matched index term. */
      const addTerm = (term: string, weight: number) => {
        const t = this.termNumber.get(term);
        if (t === undefined) return;
        // A term matched again (by another query term) is already listed for its documents, at its first place.
        const isNew = !matchedTermNumber.has(term);
        const number = isNew ? matchedTerms.push(term) - 1 : -1;
        if (isNew) {
          matchedTermNumber.set(term, number);
          lists.reserve(this.start[(t + 1) * fieldCount]! - this.start[t * fieldCount]!);
        }
        for (let f = 0; f < fieldCount; f++) {
          const boosted = weight * fieldBoost[f]!;
          const end = this.start[t * fieldCount + f + 1]!;
          for (let i = this.start[t * fieldCount + f]!; i < end; i++) {
            const doc = this.docs[i]!;
            const score = boosted * this.scores[i]!;
            if (seenBy[doc] === stamp) termScore[doc] = termScore[doc]! + score;
            else {
              seenBy[doc] = stamp;
              termScore[doc] = score;
              touched.push(doc);
            }
            if (isNew) lists.add(doc, number, f);
          }
        }
      };

      addTerm(query, 1);
      const fuzzy = options.fuzzy(query);
      const maxDistance =
        fuzzy === false ? 0 : fuzzy < 1 ? Math.min(options.maxFuzzy, Math.round(query.length * fuzzy)) : fuzzy;
      const prefix = options.prefix(query);
      if (prefix) {
        for (const [term] of this.tree.atPrefix(query)) {
          const distance = term.length - query.length;
          if (!distance) continue;
          addTerm(term, (prefixWeight * term.length) / (term.length + 0.3 * distance));
        }
      }
      if (maxDistance) {
        for (const { term, distance } of this.fuzzyMatches(query, maxDistance)) {
          // The term itself was added above; a term that is both a prefix and a fuzzy match counts as a prefix match.
          if (!distance || (prefix && term.startsWith(query))) continue;
          addTerm(term, (fuzzyWeight * term.length) / (term.length + distance));
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

/** True for the property names that JavaScript treats as array indices ("0", "2018"; not "007" or "4.0"). */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** See `PostingMatches.keyOrder`; `terms` in the order they were first found. */
function keyOrder(terms: readonly string[]): Int32Array {
  const numbers = terms.map((_, number) => number);
  const indices = numbers.filter((n) => isArrayIndex(terms[n]!)).sort((a, b) => Number(terms[a]) - Number(terms[b]));
  const others = numbers.filter((n) => !isArrayIndex(terms[n]!));
  const order = new Int32Array(terms.length);
  [...indices, ...others].forEach((number, place) => (order[number] = place));
  return order;
}
