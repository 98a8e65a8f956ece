/**
 * Synonym expansion at query time: when a query contains one term of a group from `knowledge/synonyms.yml`, the
 * other terms of the group are searched too, with a lower weight than the words the user typed.
 */
import { contentWords, wordTerms } from './analyzer.js';
import { foldUmlauts } from './umlauts.js';
import { FuzzyVocabulary } from './fuzzyVocabulary.js';
import { queryCacheSize, RecentCache } from './recentCache.js';
import { languages } from './schema.js';

/** Weight of a synonym relative to a typed word (1). */
export const SYNONYM_WEIGHT = 0.7;

/**
 * A misspelt word still triggers its synonym group when it is this long and within one edit of a member word
 * ("Lagerlogistk" → "Lagerlogistik"), at {@link FUZZY_TRIGGER_FACTOR} of the synonym weight. Two edits from 10 letters.
 */
const FUZZY_TRIGGER_MIN_LENGTH = 7;
/** Letters a known word must share at its start with a synonym it is near to trigger it (see `groupsNearSameStart`). */
const SAME_START_LETTERS = 3;
export const FUZZY_TRIGGER_FACTOR = 0.85;

interface MemberWord {
  /** Index terms: stems and surface forms in both languages. */
  terms: Set<string>;
  /** The folded surface form, for typo-tolerant triggering. */
  folded: string;
}

interface Member {
  /** The member as written in synonyms.yml. */
  text: string;
  words: MemberWord[];
}

/** One synonym to search for, because the query contains another member of its group. */
export interface SynonymExpansion {
  /** The query word(s) that triggered the expansion, as typed, space-separated. */
  trigger: string;
  /** The synonym, as written in synonyms.yml. */
  synonym: string;
  /** Per word of the synonym: its index terms (stems in both languages). All must be found for a full match. */
  parts: string[][];
  /** 1, or less when the group was triggered by a misspelt word. */
  factor: number;
}

export interface QueryWordTerms {
  word: string;
  /** Index terms of the word (stems and surface forms in both languages). */
  stems: Set<string>;
  /** A word some document contains: read as a misspelling only of a member that starts like it (see `expand`). */
  known?: boolean;
}

/** True when the two sets of index terms share one. */
function sharesTerm(a: Set<string>, b: Set<string>): boolean {
  for (const term of a) if (b.has(term)) return true;
  return false;
}

export class SynonymTable {
  private readonly groups: Member[][];
  /** Per index term: the groups with a member word that has it (the only groups a query with that term can hit). */
  private readonly groupsByTerm = new Map<string, number[]>();
  /** The folded surface forms of all one-word members, for typo-tolerant triggering, and the groups of each. */
  private readonly oneWordForms: FuzzyVocabulary;
  private readonly formGroups: number[][];
  /** The one-word members' folded forms, by the number `oneWordForms` gives them. */
  private readonly forms: string[];
  /** Per recent query word: `groupsNear`. */
  private readonly nearGroups = new RecentCache<string, readonly number[]>(queryCacheSize);
  private readonly nearGroupsSameStart = new RecentCache<string, readonly number[]>(queryCacheSize);

  /** Per group: its weight (1 for the curated groups; less for a general thesaurus's). */
  private readonly weights: number[];

  /**
   * @param groups groups of words or phrases that name the same thing
   * @param weights per group, how much a synonym from it counts relative to a curated one (default 1 for all); groups
   *   below 1 take part only in query expansion by exact words, not in typo-tolerant triggering or compound parts
   */
  constructor(groups: string[][], weights: number[] = []) {
    this.weights = groups.map((_, g) => weights[g] ?? 1);
    this.groups = groups.map((group) =>
      group.map((text) => ({
        text,
        words: contentWords(text).map((w) => ({
          terms: new Set(languages.flatMap((lang) => wordTerms(w, lang))),
          folded: foldUmlauts(w),
        })),
      })),
    );
    this.groups.forEach((group, g) => {
      for (const member of group) {
        for (const word of member.words) {
          for (const term of word.terms) {
            const groups = this.groupsByTerm.get(term) ?? [];
            if (groups[groups.length - 1] !== g) groups.push(g);
            this.groupsByTerm.set(term, groups);
          }
        }
      }
    });
    const groupsByForm = new Map<string, number[]>();
    this.groups.forEach((group, g) => {
      if (this.weights[g]! < 1) return;
      for (const member of group) {
        if (member.words.length !== 1) continue;
        const form = member.words[0]!.folded;
        groupsByForm.set(form, [...(groupsByForm.get(form) ?? []), g]);
      }
    });
    this.forms = [...groupsByForm.keys()];
    this.oneWordForms = new FuzzyVocabulary(this.forms);
    this.formGroups = [...groupsByForm.values()];
  }

  /**
   * Index terms of the one-word synonyms of a single word given by its index terms (used for compound parts).
   *
   * @example
   * table.singleWordSynonyms(new Set(['grund', 'grundung'])) // terms of "gründer", "startup", "founder", …
   */
  singleWordSynonyms(terms: Set<string>): string[] {
    const out = new Set<string>();
    for (const g of this.groupsWithTerms(terms)) {
      if (this.weights[g]! < 1) continue;
      const group = this.groups[g]!;
      const hit = group.find((m) => m.words.length === 1 && sharesTerm(m.words[0]!.terms, terms));
      if (!hit) continue;
      for (const member of group) {
        if (member === hit || member.words.length !== 1) continue;
        for (const t of member.words[0]!.terms) if (!terms.has(t)) out.add(t);
      }
    }
    return [...out];
  }

  /**
   * The words of the curated groups that `word` is a member word of, umlauts folded ("kommunen" → "stadte",
   * "gemeinden", "municipalities", …): other words the folder may use for the same thing.
   */
  wordsAlike(word: string): string[] {
    const terms = new Set(languages.flatMap((lang) => wordTerms(word, lang)));
    const out = new Set<string>();
    for (const g of this.groupsWithTerms(terms)) {
      if (this.weights[g]! < 1) continue;
      for (const member of this.groups[g]!) for (const w of member.words) out.add(w.folded);
    }
    return [...out];
  }

  /**
   * The groups of the one-word members within one edit (two from 10 letters) of a query word, folded; none for a word
   * shorter than `FUZZY_TRIGGER_MIN_LENGTH`. A group may be listed more than once. Kept per word (see `RecentCache`).
   */
  private groupsNear(word: string): readonly number[] {
    return this.nearGroups.remember(word, () => this.near(word, false));
  }

  /**
   * For a word some document contains: only members that start like it, an inflection rather than a misspelling
   * ("automatisieren" → "automatisierung"); a word that starts otherwise is another word ("Kollege" is not "college").
   */
  private groupsNearSameStart(word: string): readonly number[] {
    return this.nearGroupsSameStart.remember(word, () => this.near(word, true));
  }

  private near(word: string, sameStart: boolean): number[] {
    const folded = foldUmlauts(word);
    if (folded.length < FUZZY_TRIGGER_MIN_LENGTH) return [];
    const out: number[] = [];
    for (const { term } of this.oneWordForms.within(folded, folded.length >= 10 ? 2 : 1)) {
      if (!sameStart || this.forms[term]!.slice(0, SAME_START_LETTERS) === folded.slice(0, SAME_START_LETTERS)) out.push(...this.formGroups[term]!);
    }
    return out;
  }

  /** The groups with a member word that has one of `terms`, in the groups' order. */
  private groupsWithTerms(terms: Iterable<string>): number[] {
    const out = new Set<number>();
    for (const term of terms) for (const g of this.groupsByTerm.get(term) ?? []) out.add(g);
    return [...out].sort((a, b) => a - b);
  }

  /**
   * The synonyms to search for a query. A group is triggered by its longest member whose words all occur in the
   * query ("it sicherheit" before "it"), so that a phrase counts as one. Without an exact trigger, a long misspelt
   * query word can trigger a one-word member; then every member is searched, the misspelt one included.
   *
   * @param queryWords per content word of the query: the word and its index terms
   */
  expand(queryWords: QueryWordTerms[]): SynonymExpansion[] {
    const out: SynonymExpansion[] = [];
    // A member word occurs in the query when one of its terms is a term of some query word.
    const queryTerms = new Set(queryWords.flatMap((q) => [...q.stems]));
    const occurs = (word: MemberWord) => sharesTerm(word.terms, queryTerms);
    // Per group: the first long query word within one edit (two from 10 letters) of one of its one-word members.
    const misspeltIn = new Map<number, QueryWordTerms>();
    for (const q of queryWords) {
      for (const g of q.known ? this.groupsNearSameStart(q.word) : this.groupsNear(q.word)) if (!misspeltIn.has(g)) misspeltIn.set(g, q);
    }
    const candidates = new Set(this.groupsWithTerms(queryTerms));
    // Only groups with a member word in the query or a misspelt member can expand it; in the groups' order.
    const groups = [...new Set([...candidates, ...misspeltIn.keys()])].sort((a, b) => a - b);
    for (const g of groups) {
      const group = this.groups[g]!;
      const hits = candidates.has(g) ? group.filter((member) => member.words.length > 0 && member.words.every(occurs)) : [];
      if (hits.length > 0) {
        const hit = hits.reduce((a, b) => (b.words.length > a.words.length ? b : a));
        const trigger = queryWords
          .filter((q) => hit.words.some((w) => sharesTerm(w.terms, q.stems)))
          .map((q) => q.word)
          .join(' ');
        for (const member of group) {
          if (hits.includes(member) || member.words.length === 0) continue;
          out.push({ trigger, synonym: member.text, parts: member.words.map((w) => [...w.terms]), factor: this.weights[g]! });
        }
        continue;
      }
      const misspelt = misspeltIn.get(g);
      if (!misspelt) continue;
      for (const member of group) {
        if (member.words.length === 0) continue;
        out.push({
          trigger: misspelt.word,
          synonym: member.text,
          parts: member.words.map((w) => [...w.terms]),
          factor: FUZZY_TRIGGER_FACTOR,
        });
      }
    }
    return out;
  }
}
