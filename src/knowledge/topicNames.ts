/**
 * Which topics of the directory a message names ("Hackerangriff" names IT-Sicherheit), from the `terms` of each topic
 * in topics.yml. A query word names a topic when the word itself, one of its compound parts ("Greif|roboter") or a
 * member of its synonym group is one of the topic's terms: the query's alternatives (`queryWords.ts`) already carry
 * all of these, so no synonym lookup happens here.
 */
import { contentWords, wordTerms } from './analyzer.js';
import type { QueryWord } from './queryWords.js';
import type { Topic } from './schema.js';

/** What `wordsWithTerm` gives for a term no topic has. */
const noWords: readonly number[] = [];

/** Alternatives weaker than this (a word found only through a far-fetched typo correction) name no topic. */
const MIN_CREDIT = 0.5;

interface TopicTerm {
  topic: string;
  /** Per content word of the term ("it-sicherheit" → it, sicherheit): its index terms; all words must be present. */
  words: Set<string>[];
}

export class TopicNames {
  private readonly terms: TopicTerm[];
  /**
   * The words of all terms, numbered term by term: term k has the words `firstWord[k]` … `firstWord[k + 1] − 1`.
   * `wordsWithTerm` lists, per index term, the words that have it: a query marks the words it has and reads each
   * term's words, instead of comparing every word of every term with the query.
   */
  private readonly firstWord: Int32Array;
  private readonly wordsWithTerm = new Map<string, number[]>();

  constructor(topics: readonly Topic[]) {
    this.terms = topics.flatMap((topic) =>
      topic.terms.map((term) => ({
        topic: topic.id,
        words: contentWords(term).map((word) => new Set([...wordTerms(word, 'de'), ...wordTerms(word, 'en')])),
      })),
    );
    this.firstWord = new Int32Array(this.terms.length + 1);
    let w = 0;
    this.terms.forEach(({ words }, k) => {
      for (const terms of words) {
        for (const term of terms) {
          const list = this.wordsWithTerm.get(term);
          if (list) list.push(w);
          else this.wordsWithTerm.set(term, [w]);
        }
        w++;
      }
      this.firstWord[k + 1] = w;
    });
  }

  /**
   * Ids of the topics the query's words name, in the order of topics.yml. The compound parts of a name (`names`, e.g.
   * "Wirtschafts|förderung") name nothing: the Wirtschaftsförderung Dortmund is no enquiry for funding.
   */
  named(words: readonly QueryWord[], names: ReadonlySet<string>): string[] {
    /** Per word of a term: 1 when one of its index terms is among the query's. */
    const present = new Uint8Array(this.firstWord[this.terms.length]!);
    // A synonym of several words names a topic as a whole ("world market leader" is no "marketing" through "market").
    const phrases: Set<string>[][] = [];
    for (const word of words) {
      if (word.role !== 'topic') continue;
      for (const alternative of word.alternatives) {
        if (alternative.credit < MIN_CREDIT) continue;
        if (alternative.kind === 'compound' && names.has(word.word)) continue;
        if (alternative.kind === 'synonym' && alternative.parts.length > 1) {
          phrases.push(alternative.parts.map((part) => new Set(part.keys())));
          continue;
        }
        for (const part of alternative.parts) {
          for (const term of part.keys()) for (const w of this.wordsWithTerm.get(term) ?? noWords) present[w] = 1;
        }
      }
    }
    const named = new Set<string>();
    for (let k = 0; k < this.terms.length; k++) {
      const { topic, words: termWords } = this.terms[k]!;
      if (termWords.length === 0) continue;
      let inWords = true;
      for (let w = this.firstWord[k]!; w < this.firstWord[k + 1]! && inWords; w++) inWords = present[w] === 1;
      const asPhrase = () => phrases.some((phrase) => phrase.length === termWords.length && termWords.every((terms, i) => sharesTerm(terms, phrase[i]!)));
      if (inWords || (phrases.length > 0 && asPhrase())) named.add(topic);
    }
    return [...named];
  }
}

/** True when the two sets of index terms share one. */
function sharesTerm(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const term of a) if (b.has(term)) return true;
  return false;
}
