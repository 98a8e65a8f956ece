/**
 * How well a document explains a query: per query word, the best way it was found (exactly, by prefix, fuzzily;
 * as typed, through a compound part or a synonym) and where (title or body); and how much of the document's best
 * matching question or title line the query explains. Pure functions over what MiniSearch returned.
 */
import { editDistanceUpTo } from './fuzzyVocabulary.js';
import type { MatchedTermLists } from './postingIndex.js';
import type { QueryWord } from './queryWords.js';

export interface MatchCredits {
  prefixMinLength: number;
  fuzzyMinLength: number;
  /** Prefix that only adds an ending of up to two letters. */
  nearPrefixCredit: number;
  /** Prefix of six or more letters that is at least 60 % of a longer word. */
  longPrefixCredit: number;
  /** Shorter prefix of a longer word. */
  shortPrefixCredit: number;
  /** Fuzzy match of a term of six or more letters. */
  fuzzyCredit: number;
  /** Fuzzy match of a shorter term. */
  shortFuzzyCredit: number;
}

/**
 * How well an index term of a document matches a query term, 0…1. Only terms the user typed are matched fuzzily
 * (`fuzzy`): synonyms and compound parts come from our own lists and are spelt right.
 */
export function termCredit(docTerm: string, queryTerm: string, c: MatchCredits, fuzzy = true): number {
  if (docTerm === queryTerm) return 1;
  let best = 0;
  if (queryTerm.length >= c.prefixMinLength && docTerm.startsWith(queryTerm)) {
    const extra = docTerm.length - queryTerm.length;
    // A long prefix is good evidence only when it is most of the word: a stem cut short by Snowball
    // ("elektriker" → "elektr") would otherwise match "Elektrotechnik".
    const long = queryTerm.length >= 6 && queryTerm.length >= 0.6 * docTerm.length;
    best = extra <= 2 ? c.nearPrefixCredit : long ? c.longPrefixCredit : c.shortPrefixCredit;
  }
  const fuzzyCredit = queryTerm.length >= 6 ? c.fuzzyCredit : c.shortFuzzyCredit;
  if (fuzzy && queryTerm.length >= c.fuzzyMinLength && best < fuzzyCredit) {
    const maxDistance = Math.max(1, Math.round(queryTerm.length * 0.2));
    if (withinEdits(docTerm, queryTerm, maxDistance)) best = fuzzyCredit;
  }
  return best;
}

/** Per index term: its credit for each query term it matches. Computed once per query, shared by all documents. */
export type TermCredits = Map<string, Map<string, number>>;

export function termCredits(
  docTerms: Iterable<string>,
  queryTerms: string[],
  fuzzyTerms: Set<string>,
  c: MatchCredits,
): TermCredits {
  const out: TermCredits = new Map();
  // Every document term meets every query term: what is per query term is looked up once.
  const fuzzy = queryTerms.map((queryTerm) => fuzzyTerms.has(queryTerm));
  for (const docTerm of docTerms) {
    let credit: Map<string, number> | undefined;
    for (let q = 0; q < queryTerms.length; q++) {
      const value = termCredit(docTerm, queryTerms[q]!, c, fuzzy[q]);
      if (value > 0) (credit ??= new Map()).set(queryTerms[q]!, value);
    }
    if (credit) out.set(docTerm, credit);
  }
  return out;
}

/**
 * Per field mask (bit i = the i-th indexed field, see `MatchedTermLists.fields`): the credit factor of a term found in
 * those fields, and the extra credit for the further fields.
 */
export interface FieldMaskCredits {
  /** The weight of the best of the fields (a word in a title means more than one in the body). */
  weight: Float64Array;
  /** `extraFieldCredit` per field beyond the first. */
  extra: Float64Array;
}

/** `FieldMaskCredits` for the fields in `fields` order, from their weights and the credit per further field. */
export function fieldMaskCredits<F extends string>(
  fields: readonly F[],
  fieldWeight: Record<F, number>,
  extraFieldCredit: number,
): FieldMaskCredits {
  const weight = new Float64Array(1 << fields.length);
  const extra = new Float64Array(1 << fields.length);
  for (let mask = 1; mask < 1 << fields.length; mask++) {
    const inMask = fields.filter((_, f) => (mask & (1 << f)) !== 0);
    for (const field of inMask) weight[mask] = Math.max(weight[mask]!, fieldWeight[field]);
    extra[mask] = extraFieldCredit * (inMask.length - 1);
  }
  return { weight, extra };
}

/**
 * What a document explains of each word of a query (filled by `QueryMatcher.match`): the one computation behind a
 * hit's coverage, its rank and its `why` and `gaps`.
 */
export interface WordMatches {
  /** Per query word: how well the document explains it, 0…1 (0: not at all). */
  value: Float64Array;
  /** Per query word: the number of its best alternative (`QueryWord.alternatives`), −1 where nothing was found. */
  alternative: Int32Array;
}

/**
 * Scores documents against one query. A query word may be found in several ways (its alternatives: as typed, through
 * its compound parts, through a synonym); an alternative has parts that must all be found for its full credit. Each
 * (word, alternative, part) is a slot. A document fills a slot with the best of its matched index terms: the term's
 * credit for the part (exact, prefix, fuzzy; see `termCredit`) times the weight of its best field, plus a little per
 * further field, at most 1. An alternative earns its credit times the share of its parts found; a word, its best
 * alternative.
 *
 * The matched terms are numbered as `PostingMatches.terms` numbers them; the matcher lays out, per term, the slots it
 * can fill in flat arrays once per query, so that scoring a document walks only its own matched terms.
 */
export class QueryMatcher {
  /** Term t fills the slots `slot[p]` with the credits `value[p]` for `termStart[t] ≤ p < termStart[t + 1]`. */
  private readonly termStart: Int32Array;
  private readonly slot: Int32Array;
  private readonly value: Float64Array;
  /** Word w has the alternatives `wordStart[w]` … `wordStart[w + 1] − 1` (numbered across all words). */
  private readonly wordStart: Int32Array;
  /** Alternative a has the slots `firstSlot[a]` … `firstSlot[a + 1] − 1`. */
  private readonly firstSlot: Int32Array;
  private readonly credit: Float64Array;
  /** The number of parts an alternative's credit is shared by (an unknown compound part counts half). */
  private readonly divisor: Float64Array;
  /** Per slot: its word. */
  private readonly slotWord: Int32Array;
  /**
   * Per slot: the best credit of the document being scored, valid where `slotStamp` holds the document's stamp (most
   * documents fill a few slots: nothing is cleared between documents).
   */
  private readonly best: Float64Array;
  private readonly slotStamp: Int32Array;
  /** Per word: the stamp of the last document that filled one of its slots. */
  private readonly wordStamp: Int32Array;
  private stamp = 0;
  /** True when every word only asks for help ("Hilfe"): then such words may make a hit. */
  private readonly onlyFillers: boolean;
  private readonly totalWeight: number;

  /**
   * @param words the query's words with their alternatives (`queryWords.ts`)
   * @param terms the matched index terms, by number
   * @param credits per index term: its credit for each query term it matches (`termCredits`)
   */
  constructor(
    readonly words: readonly QueryWord[],
    terms: readonly string[],
    credits: TermCredits,
    private readonly fieldCredits: FieldMaskCredits,
  ) {
    /** Per query term: the slots it stands for, each followed by the part's credit for it (slot, credit, slot, …). */
    const slotsOfQueryTerm = new Map<string, number[]>();
    const slotWords: number[] = [];
    const alternatives = words.reduce((sum, word) => sum + word.alternatives.length, 0);
    this.wordStart = new Int32Array(words.length + 1);
    this.firstSlot = new Int32Array(alternatives + 1);
    this.credit = new Float64Array(alternatives);
    this.divisor = new Float64Array(alternatives);
    let a = 0;
    let slot = 0;
    words.forEach((word, w) => {
      for (const alternative of word.alternatives) {
        this.firstSlot[a] = slot;
        this.credit[a] = alternative.credit;
        this.divisor[a] = alternative.parts.length + 0.5 * (alternative.unknownParts ?? 0);
        for (const part of alternative.parts) {
          slotWords.push(w);
          part.forEach((credit, term) => {
            let list = slotsOfQueryTerm.get(term);
            if (!list) slotsOfQueryTerm.set(term, (list = []));
            list.push(slot, credit);
          });
          slot++;
        }
        a++;
      }
      this.wordStart[w + 1] = a;
    });
    this.firstSlot[alternatives] = slot;
    this.best = new Float64Array(slot);
    this.slotStamp = new Int32Array(slot);
    this.slotWord = Int32Array.from(slotWords);
    this.wordStamp = new Int32Array(words.length);

    // Term t's slots: one per slot of each query term it is credited for. Counted first, then laid out (no arrays
    // that grow; one callback per pass, not one per term).
    this.termStart = new Int32Array(terms.length + 1);
    let count = 0;
    const countSlots = (_value: number, queryTerm: string) => (count += (slotsOfQueryTerm.get(queryTerm)?.length ?? 0) / 2);
    for (let t = 0; t < terms.length; t++) {
      count = 0;
      credits.get(terms[t]!)?.forEach(countSlots);
      this.termStart[t + 1] = this.termStart[t]! + count;
    }
    const slots = (this.slot = new Int32Array(this.termStart[terms.length]!));
    const values = (this.value = new Float64Array(this.termStart[terms.length]!));
    let p = 0;
    const laySlots = (value: number, queryTerm: string) => {
      const list = slotsOfQueryTerm.get(queryTerm);
      if (!list) return;
      for (let i = 0; i < list.length; i += 2) {
        slots[p] = list[i]!;
        values[p++] = value * list[i + 1]!;
      }
    };
    for (const term of terms) credits.get(term)?.forEach(laySlots);
    this.onlyFillers = words.every((word) => word.role === 'filler');
    this.totalWeight = words.reduce((sum, w) => sum + w.weight, 0) || 1;
  }

  /** Room for one document's `WordMatches`. */
  wordMatches(): WordMatches {
    return { value: new Float64Array(this.words.length), alternative: new Int32Array(this.words.length) };
  }

  /**
   * Fills `out` with what document `doc` explains of each word, from its matched terms (`lists`, see
   * `MatchedTermLists`), and returns its coverage: the weighted share of the query it explains, 0…1; undefined when
   * only request words ("suchen", "Hilfe") hit, which makes no hit unless the query has nothing but request words.
   */
  match(lists: MatchedTermLists, doc: number, out: WordMatches): number | undefined {
    const { best, slotStamp, wordStamp, fieldCredits } = this;
    const stamp = this.nextStamp();
    for (let e = lists.first[doc]!; e !== -1; e = lists.next[e]!) {
      const term = lists.term[e]!;
      const weight = fieldCredits.weight[lists.fields[e]!]!;
      const extra = fieldCredits.extra[lists.fields[e]!]!;
      for (let p = this.termStart[term]!; p < this.termStart[term + 1]!; p++) {
        const slot = this.slot[p]!;
        const credit = Math.min(1, this.value[p]! * weight + extra);
        if (slotStamp[slot] !== stamp) {
          slotStamp[slot] = stamp;
          best[slot] = credit;
          wordStamp[this.slotWord[slot]!] = stamp;
        } else if (credit > best[slot]!) best[slot] = credit;
      }
    }
    let explained = 0;
    let topicFound = false;
    let fillerFound = false;
    out.value.fill(0);
    out.alternative.fill(-1);
    for (let w = 0; w < this.words.length; w++) {
      if (wordStamp[w] !== stamp) continue;
      let wordValue = 0;
      let wordAlternative = -1;
      for (let a = this.wordStart[w]!; a < this.wordStart[w + 1]!; a++) {
        let sum = 0;
        for (let slot = this.firstSlot[a]!; slot < this.firstSlot[a + 1]!; slot++) if (slotStamp[slot] === stamp) sum += best[slot]!;
        const value = (this.credit[a]! * sum) / this.divisor[a]!;
        if (value > wordValue) {
          wordValue = value;
          wordAlternative = a - this.wordStart[w]!;
        }
      }
      out.value[w] = wordValue;
      out.alternative[w] = wordAlternative;
      if (wordValue === 0) continue;
      explained += this.words[w]!.weight * wordValue;
      if (this.words[w]!.role === 'filler') fillerFound = true;
      else topicFound = true;
    }
    if (!topicFound && !(this.onlyFillers && fillerFound)) return undefined;
    return Math.min(1, explained / this.totalWeight);
  }

  /** A number for the next document, different from every stamp in `slotStamp` and `wordStamp`. */
  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.stamp = 0;
      this.slotStamp.fill(0);
      this.wordStamp.fill(0);
    }
    return ++this.stamp;
  }
}

/**
 * A title or question line of a document, prepared for matching: its words' index terms (by their numbers in the
 * index, see `PostingIndex.numberOf`; terms no document contains are left out), their compound parts' terms, and
 * the words' weights.
 */
export type Line = { terms: number[]; partTerms: number[]; weight: number }[];

/**
 * Every document's title and question lines in flat arrays (a folder has thousands of lines): document d has the
 * lines `docStart[d]` … `docStart[d + 1] − 1`; line l the words `lineStart[l]` … `lineStart[l + 1] − 1` and the
 * total weight `lineTotal[l]`; word w the weight `weight[w]`, its own terms `term[termStart[w]]` …
 * `term[partStart[w] − 1]` and its compound parts' terms up to `term[termStart[w + 1] − 1]`.
 *
 * A query is matched in two steps: `creditQuery` gives each word that has a term of the query its credit, walking
 * each query term's occurrences (`occurrenceStart`, `occurrence`); `bestMatch` then reads the lines of a document,
 * passing over those without a credited word. A query names few of the folder's terms, so most lines are never read.
 */
export class LineTable {
  private readonly docStart: Int32Array;
  private readonly lineStart: Int32Array;
  private readonly lineTotal: Float64Array;
  private readonly weight: Float64Array;
  private readonly termStart: Int32Array;
  private readonly partStart: Int32Array;
  private readonly term: Int32Array;
  /** Per term number t: its occurrences `occurrence[occurrenceStart[t]]` … : word w as 2w, or 2w + 1 in a compound part. */
  private readonly occurrenceStart: Int32Array;
  private readonly occurrence: Int32Array;
  /** Per word: its line. */
  private readonly wordLine: Int32Array;
  /** Per word: its credit for the current query (see `creditQuery`); 0 for the words not in `credited`. */
  private readonly wordCredit: Float64Array;
  private readonly credited: Int32Array;
  private creditedCount = 0;
  /** Per line: 1 when one of its words has a credit for the current query. */
  private readonly lineCredited: Uint8Array;

  /**
   * @param lines per document (by short id), its lines; or the arrays of a table (`toData`, for the index snapshot),
   *   checked against `termCount`, the number of index terms
   */
  constructor(lines: readonly (readonly Line[])[] | LineTableData, termCount = Infinity) {
    if (!Array.isArray(lines)) {
      const data = lines as LineTableData;
      checkLineTable(data, termCount);
      ({ docStart: this.docStart, lineStart: this.lineStart, lineTotal: this.lineTotal, weight: this.weight } = data);
      ({ termStart: this.termStart, partStart: this.partStart, term: this.term } = data);
    } else {
      const lineCount = lines.reduce((sum, doc) => sum + doc.length, 0);
      const words = lines.flat();
      const wordCount = words.reduce((sum, line) => sum + line.length, 0);
      this.docStart = new Int32Array(lines.length + 1);
      this.lineStart = new Int32Array(lineCount + 1);
      this.lineTotal = new Float64Array(lineCount);
      this.weight = new Float64Array(wordCount);
      this.termStart = new Int32Array(wordCount + 1);
      this.partStart = new Int32Array(wordCount);
      const terms: number[] = [];
      let l = 0;
      let w = 0;
      lines.forEach((doc, d) => {
        for (const line of doc) {
          let total = 0;
          for (const word of line) {
            this.weight[w] = word.weight;
            total += word.weight;
            this.termStart[w] = terms.length;
            terms.push(...word.terms);
            this.partStart[w] = terms.length;
            terms.push(...word.partTerms);
            w++;
          }
          this.lineTotal[l] = total;
          this.lineStart[++l] = w;
        }
        this.docStart[d + 1] = l;
      });
      this.termStart[wordCount] = terms.length;
      this.term = Int32Array.from(terms);
    }
    const wordCount = this.weight.length;
    this.wordLine = new Int32Array(wordCount);
    for (let l = 0; l < this.lineTotal.length; l++) this.wordLine.fill(l, this.lineStart[l]!, this.lineStart[l + 1]!);
    // Occurrences by term: counted, then laid out in word order.
    const terms = Number.isFinite(termCount) ? termCount : this.term.reduce((max, t) => Math.max(max, t + 1), 0);
    this.occurrenceStart = new Int32Array(terms + 1);
    for (const t of this.term) this.occurrenceStart[t + 1]!++;
    for (let t = 0; t < terms; t++) this.occurrenceStart[t + 1]! += this.occurrenceStart[t]!;
    this.occurrence = new Int32Array(this.term.length);
    const next = this.occurrenceStart.slice(0, terms);
    for (let w = 0; w < wordCount; w++) {
      for (let t = this.termStart[w]!; t < this.termStart[w + 1]!; t++) {
        this.occurrence[next[this.term[t]!]!++] = 2 * w + (t >= this.partStart[w]! ? 1 : 0);
      }
    }
    this.wordCredit = new Float64Array(wordCount);
    this.credited = new Int32Array(wordCount);
    this.lineCredited = new Uint8Array(this.lineTotal.length);
  }

  /** The table's arrays (shared: do not change them). */
  toData(): LineTableData {
    const { docStart, lineStart, lineTotal, weight, termStart, partStart, term } = this;
    return { docStart, lineStart, lineTotal, weight, termStart, partStart, term };
  }

  /**
   * Credits every word of the table with the query, for `bestMatch` until `forgetQuery`: the best credit of its terms,
   * given as `values[i]` for the term number `terms[i]` (0 for the terms not given; see {@link forEachTermValue}); a
   * compound part's credit counts `partFactor`.
   */
  creditQuery(terms: readonly number[], values: readonly number[], partFactor: number): void {
    const { occurrenceStart, occurrence, wordCredit } = this;
    this.forgetQuery();
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (t < 0 || t >= occurrenceStart.length - 1) continue;
      for (let o = occurrenceStart[t]!; o < occurrenceStart[t + 1]!; o++) {
        const w = occurrence[o]! >> 1;
        const value = (occurrence[o]! & 1) === 1 ? partFactor * values[i]! : values[i]!;
        if (!(value > wordCredit[w]!)) continue;
        if (wordCredit[w] === 0) this.credited[this.creditedCount++] = w;
        wordCredit[w] = value;
        this.lineCredited[this.wordLine[w]!] = 1;
      }
    }
  }

  /** Forgets the credits of `creditQuery`. */
  forgetQuery(): void {
    for (let i = 0; i < this.creditedCount; i++) {
      const w = this.credited[i]!;
      this.wordCredit[w] = 0;
      this.lineCredited[this.wordLine[w]!] = 0;
    }
    this.creditedCount = 0;
  }

  /**
   * How much of a document's best matching line (title or question) the query of `creditQuery` explains, 0…1: a query
   * that says what one of an entry's questions says fits that entry better than one that shares words with its body.
   */
  bestMatch(doc: number, skip?: LineRange): number {
    const { lineStart, weight, wordCredit, lineCredited } = this;
    let best = 0;
    const first = this.docStart[doc]!;
    for (let l = first; l < this.docStart[doc + 1]!; l++) {
      if (skip && l - first === skip.from) l = first + skip.to;
      if (l >= this.docStart[doc + 1]!) break;
      if (lineCredited[l] === 0 || this.lineTotal[l] === 0) continue;
      let matched = 0;
      for (let w = lineStart[l]!; w < lineStart[l + 1]!; w++) matched += weight[w]! * wordCredit[w]!;
      const share = matched / this.lineTotal[l]!;
      if (share > best) best = share;
    }
    return best;
  }
}

/** Lines `from` … `to − 1` of a document (counted from its first line), left out of a match (`LineTable.bestMatch`). */
export interface LineRange {
  from: number;
  to: number;
}

/** The arrays of a `LineTable` (see its comment for what each holds). */
export interface LineTableData {
  docStart: Int32Array;
  lineStart: Int32Array;
  lineTotal: Float64Array;
  weight: Float64Array;
  termStart: Int32Array;
  partStart: Int32Array;
  term: Int32Array;
}

/** Throws unless `data` is a consistent line table over `termCount` index terms (a snapshot from elsewhere is not). */
function checkLineTable(data: LineTableData, termCount: number): void {
  const { docStart, lineStart, lineTotal, weight, termStart, partStart, term } = data;
  const rising = (a: Int32Array) => a.every((v, i) => i === 0 ? v === 0 : v >= a[i - 1]!);
  const lines = lineTotal.length;
  const words = weight.length;
  const fits =
    rising(docStart) && docStart[docStart.length - 1] === lines &&
    rising(lineStart) && lineStart.length === lines + 1 && lineStart[lines] === words &&
    rising(termStart) && termStart.length === words + 1 && termStart[words] === term.length &&
    partStart.length === words && partStart.every((p, w) => p >= termStart[w]! && p <= termStart[w + 1]!) &&
    term.every((t) => t >= 0 && t < termCount);
  if (!fits) throw new Error('lineTable: the arrays do not form a line table');
}

/**
 * Per index term: the best credit it earns for any query word (its match credit times the credit of the
 * alternative and part that asked for it), handed to `each` term by term.
 */
export function forEachTermValue(credits: TermCredits, words: QueryWord[], each: (docTerm: string, value: number) => void): void {
  const queryTermCredit = new Map<string, number>();
  for (const word of words) {
    for (const alternative of word.alternatives) {
      for (const part of alternative.parts) {
        part.forEach((partCredit, term) => {
          const value = alternative.credit * partCredit;
          if (value > (queryTermCredit.get(term) ?? 0)) queryTermCredit.set(term, value);
        });
      }
    }
  }
  let best = 0;
  const better = (value: number, queryTerm: string) => (best = Math.max(best, value * (queryTermCredit.get(queryTerm) ?? 0)));
  credits.forEach((credit, docTerm) => {
    best = 0;
    credit.forEach(better);
    each(docTerm, best);
  });
}

/** True when the Levenshtein distance of a and b is at most `max`. */
export function withinEdits(a: string, b: string, max: number): boolean {
  return editDistanceUpTo(a, b, max) <= max;
}
