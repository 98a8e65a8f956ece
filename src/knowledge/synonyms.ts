/**
 * Synonym expansion at query time: when a query contains one term of a group from `knowledge/synonyms.yml`, the
 * other terms of the group are searched too, with a lower weight than the words the user typed.
 */
import { contentWords, stem } from './analyzer.js';
import { languages } from './schema.js';

/** Weight of a synonym relative to a typed word (1). */
export const SYNONYM_WEIGHT = 0.5;

interface Member {
  /** The member as written in synonyms.yml. */
  text: string;
  /** Per content word of the member: the set of its stems in both languages. */
  words: Set<string>[];
}

export interface SynonymTerm {
  term: string;
  /** The query word(s) that triggered the expansion, as typed. */
  trigger: string;
  /** The synonym the term comes from. */
  synonym: string;
}

export class SynonymTable {
  private readonly groups: Member[][];

  constructor(groups: string[][]) {
    this.groups = groups.map((group) =>
      group.map((text) => ({
        text,
        words: contentWords(text).map((w) => new Set(languages.map((lang) => stem(w, lang)))),
      })),
    );
  }

  /**
   * Terms to add for a query whose words have the given stems.
   *
   * @param queryWords per content word of the query: the word and its stems in both languages
   */
  expand(queryWords: { word: string; stems: Set<string> }[]): SynonymTerm[] {
    const out: SynonymTerm[] = [];
    for (const group of this.groups) {
      const hit = group.find(
        (member) =>
          member.words.length > 0 &&
          member.words.every((stems) => queryWords.some((q) => [...q.stems].some((s) => stems.has(s)))),
      );
      if (!hit) continue;
      const trigger = queryWords
        .filter((q) => hit.words.some((stems) => [...q.stems].some((s) => stems.has(s))))
        .map((q) => q.word)
        .join(' ');
      for (const member of group) {
        if (member === hit) continue;
        for (const stems of member.words) for (const term of stems) out.push({ term, trigger, synonym: member.text });
      }
    }
    return out;
  }
}
