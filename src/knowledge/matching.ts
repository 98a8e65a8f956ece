/**
 * How well a document explains a query: per query word, the best way it was found (exactly, by prefix, fuzzily;
 * as typed, through a compound part or a synonym) and where (title or body); and how much of the document's best
 * matching question or title line the query explains. Pure functions over what MiniSearch returned.
 */
import { editDistanceUpTo } from './fuzzyVocabulary.js';
import type { Alternative, QueryWord } from './queryWords.js';

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
  for (const docTerm of docTerms) {
    const credit = new Map<string, number>();
    for (const queryTerm of queryTerms) {
      const value = termCredit(docTerm, queryTerm, c, fuzzyTerms.has(queryTerm));
      if (value > 0) credit.set(queryTerm, value);
    }
    if (credit.size > 0) out.set(docTerm, credit);
  }
  return out;
}

/** One thing an index term can stand for in the query: a part of an alternative of a word, with its credit. */
export interface Posting {
  /** Flat index of the (word, alternative, part) slot, see {@link QuerySlots}. */
  slot: number;
  value: number;
}

/** The (word, alternative, part) slots of a query, numbered flat so that a document's best matches fit one array. */
export interface QuerySlots {
  /** Per word, per alternative: the slot numbers of its parts. */
  slots: number[][][];
  count: number;
}

export function querySlots(words: QueryWord[]): QuerySlots {
  let count = 0;
  const slots = words.map((w) => w.alternatives.map((a) => a.parts.map(() => count++)));
  return { slots, count };
}

/**
 * Per matched index term: the slots it can fill and how well (its match credit for a query term times the part's
 * credit for that term). Built once per query; scoring a document then only walks its own matched terms.
 */
export function postings(credits: TermCredits, words: QueryWord[], layout: QuerySlots): Map<string, Posting[]> {
  const byQueryTerm = new Map<string, { slot: number; credit: number }[]>();
  words.forEach((word, w) =>
    word.alternatives.forEach((alternative, a) =>
      alternative.parts.forEach((part, p) => {
        for (const [term, credit] of part) {
          const list = byQueryTerm.get(term) ?? [];
          list.push({ slot: layout.slots[w]![a]![p]!, credit });
          byQueryTerm.set(term, list);
        }
      }),
    ),
  );
  const out = new Map<string, Posting[]>();
  for (const [docTerm, credit] of credits) {
    const list: Posting[] = [];
    for (const [queryTerm, value] of credit) {
      for (const { slot, credit: partCredit } of byQueryTerm.get(queryTerm) ?? []) list.push({ slot, value: value * partCredit });
    }
    if (list.length > 0) out.set(docTerm, list);
  }
  return out;
}

export interface WordMatch {
  /** 0…1: how well the document explains the word. */
  value: number;
  alternative: Alternative;
  /** The document's index terms that explained it. */
  docTerms: string[];
}

/**
 * The best way a document explains each query word (undefined where it does not). `docTerms` are the document's
 * matched index terms with the fields they occur in; a part found in several fields earns `extraFieldCredit` per
 * further field.
 */
export function matchWords<F extends string>(
  words: QueryWord[],
  layout: QuerySlots,
  docTerms: [string, readonly F[]][],
  postingsByTerm: Map<string, Posting[]>,
  fieldWeight: Record<F, number>,
  extraFieldCredit: number,
): (WordMatch | undefined)[] {
  const best = new Float64Array(layout.count);
  const bestTerm: string[] = new Array(layout.count);
  const bestFields = new Uint8Array(layout.count);
  for (const [docTerm, inFields] of docTerms) {
    const list = postingsByTerm.get(docTerm);
    if (!list) continue;
    let weight = 0;
    for (const f of inFields) weight = Math.max(weight, fieldWeight[f]);
    for (const { slot, value } of list) {
      const v = value * weight;
      if (v > best[slot]!) {
        best[slot] = v;
        bestTerm[slot] = docTerm;
        bestFields[slot] = inFields.length;
      }
    }
  }
  return words.map((word, w) => {
    let result: WordMatch | undefined;
    word.alternatives.forEach((alternative, a) => {
      let sum = 0;
      const used: string[] = [];
      for (const slot of layout.slots[w]![a]!) {
        if (best[slot]! === 0) continue;
        sum += Math.min(1, best[slot]! + extraFieldCredit * (bestFields[slot]! - 1));
        used.push(bestTerm[slot]!);
      }
      const value = (alternative.credit * sum) / (alternative.parts.length + 0.5 * (alternative.unknownParts ?? 0));
      if (value > (result?.value ?? 0)) result = { value, alternative, docTerms: used };
    });
    return result;
  });
}

/**
 * A title or question line of a document, prepared for matching: its words' index terms (by their numbers in the
 * index, see `TermPostings.numberOf`; terms no document contains are left out) and weights.
 */
export interface Line {
  words: { terms: number[]; partTerms: number[]; weight: number }[];
  total: number;
}

/**
 * Per index term: the best credit it earns for any query word (its match credit times the credit of the
 * alternative and part that asked for it).
 */
export function termValues(credits: TermCredits, words: QueryWord[]): Map<string, number> {
  const queryTermCredit = new Map<string, number>();
  for (const word of words) {
    for (const alternative of word.alternatives) {
      for (const part of alternative.parts) {
        for (const [term, partCredit] of part) {
          const value = alternative.credit * partCredit;
          if (value > (queryTermCredit.get(term) ?? 0)) queryTermCredit.set(term, value);
        }
      }
    }
  }
  const out = new Map<string, number>();
  for (const [docTerm, credit] of credits) {
    let best = 0;
    for (const [queryTerm, value] of credit) best = Math.max(best, value * (queryTermCredit.get(queryTerm) ?? 0));
    out.set(docTerm, best);
  }
  return out;
}

/**
 * How much of the best matching line (title or question) the query explains, 0…1: a query that says what one of an
 * entry's questions says fits that entry better than one that shares words with its body. `values` holds the credit
 * of every index term by its number (see {@link termValues}).
 */
export function lineMatch(lines: Line[], values: Float64Array, partFactor: number): number {
  let best = 0;
  for (const line of lines) {
    if (line.total === 0) continue;
    let matched = 0;
    for (const word of line.words) {
      let value = 0;
      for (const t of word.terms) value = Math.max(value, values[t]!);
      for (const t of word.partTerms) value = Math.max(value, partFactor * values[t]!);
      matched += word.weight * value;
    }
    best = Math.max(best, matched / line.total);
  }
  return best;
}

/** True when the Levenshtein distance of a and b is at most `max`. */
export function withinEdits(a: string, b: string, max: number): boolean {
  return editDistanceUpTo(a, b, max) <= max;
}
