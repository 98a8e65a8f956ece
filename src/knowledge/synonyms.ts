/**
 * Synonym expansion at query time: when a query contains one term of a group from `knowledge/synonyms.yml`, the
 * other terms of the group are searched too, with a lower weight than the words the user typed.
 */
import { contentWords, foldUmlauts, wordTerms } from './analyzer.js';
import { withinEdits } from './matching.js';
import { languages } from './schema.js';

/** Weight of a synonym relative to a typed word (1). */
export const SYNONYM_WEIGHT = 0.7;

/**
 * A misspelt word still triggers its synonym group when it is this long and within one edit of a member word
 * ("Lagerlogistk" → "Lagerlogistik"), at {@link FUZZY_TRIGGER_FACTOR} of the synonym weight. Two edits from 10 letters.
 */
const FUZZY_TRIGGER_MIN_LENGTH = 7;
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
}

export class SynonymTable {
  private readonly groups: Member[][];

  constructor(groups: string[][]) {
    this.groups = groups.map((group) =>
      group.map((text) => ({
        text,
        words: contentWords(text).map((w) => ({
          terms: new Set(languages.flatMap((lang) => wordTerms(w, lang))),
          folded: foldUmlauts(w),
        })),
      })),
    );
  }

  /**
   * Index terms of the one-word synonyms of a single word given by its index terms (used for compound parts).
   *
   * @example
   * table.singleWordSynonyms(new Set(['grund', 'grundung'])) // terms of "gründer", "startup", "founder", …
   */
  singleWordSynonyms(terms: Set<string>): string[] {
    const out = new Set<string>();
    for (const group of this.groups) {
      const hit = group.find((m) => m.words.length === 1 && [...m.words[0]!.terms].some((t) => terms.has(t)));
      if (!hit) continue;
      for (const member of group) {
        if (member === hit || member.words.length !== 1) continue;
        for (const t of member.words[0]!.terms) if (!terms.has(t)) out.add(t);
      }
    }
    return [...out];
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
    const occurs = (word: MemberWord) => queryWords.some((q) => [...q.stems].some((s) => word.terms.has(s)));
    for (const group of this.groups) {
      const hits = group.filter((member) => member.words.length > 0 && member.words.every(occurs));
      if (hits.length > 0) {
        const hit = hits.reduce((a, b) => (b.words.length > a.words.length ? b : a));
        const trigger = queryWords
          .filter((q) => hit.words.some((w) => [...q.stems].some((s) => w.terms.has(s))))
          .map((q) => q.word)
          .join(' ');
        for (const member of group) {
          if (hits.includes(member) || member.words.length === 0) continue;
          out.push({ trigger, synonym: member.text, parts: member.words.map((w) => [...w.terms]), factor: 1 });
        }
        continue;
      }
      const misspelt = queryWords.find((q) => {
        const folded = foldUmlauts(q.word);
        if (folded.length < FUZZY_TRIGGER_MIN_LENGTH) return false;
        const max = folded.length >= 10 ? 2 : 1;
        return group.some((m) => m.words.length === 1 && withinEdits(folded, m.words[0]!.folded, max));
      });
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
