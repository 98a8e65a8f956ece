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
  /** Per word of a term: the mark of the last call of `named` whose query has one of its index terms. */
  private readonly wordMark: Int32Array;
  private mark = 0;

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
    this.wordMark = new Int32Array(w);
  }

  /**
   * Ids of the topics the query's words name, in the order of topics.yml. The compound parts of a name (`names`, e.g.
   * "Wirtschafts|förderung") name nothing: the Wirtschaftsförderung Dortmund is no enquiry for funding.
   */
  named(words: readonly QueryWord[], names: ReadonlySet<string>): string[] {
    // A word of a term is present when `wordMark` holds this call's mark: one of its index terms is among the query's.
    const mark = this.nextMark();
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
          for (const term of part.keys()) for (const w of this.wordsWithTerm.get(term) ?? noWords) this.wordMark[w] = mark;
        }
      }
    }
    const named = new Set<string>();
    for (let k = 0; k < this.terms.length; k++) {
      const { topic, words: termWords } = this.terms[k]!;
      if (termWords.length === 0) continue;
      let inWords = true;
      for (let w = this.firstWord[k]!; w < this.firstWord[k + 1]! && inWords; w++) inWords = this.wordMark[w] === mark;
      if (inWords || (phrases.length > 0 && namedAsPhrase(termWords, phrases))) named.add(topic);
    }
    return [...named];
  }

  /** A number for the next call of `named`, different from every mark in `wordMark`. */
  private nextMark(): number {
    if (this.mark === 0x7fffffff) {
      this.mark = 0;
      this.wordMark.fill(0);
    }
    return ++this.mark;
  }
}

/** Whether one of the query's synonyms of several words (`phrases`, their words' terms) is the term of `termWords`. */
function namedAsPhrase(termWords: readonly Set<string>[], phrases: readonly Set<string>[][]): boolean {
  return phrases.some((phrase) => phrase.length === termWords.length && termWords.every((terms, i) => sharesTerm(terms, phrase[i]!)));
}

/** True when the two sets of index terms share one. */
function sharesTerm(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const term of a) if (b.has(term)) return true;
  return false;
}
