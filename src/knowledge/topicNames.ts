/**
 * Which topics of the directory a message names ("Hackerangriff" names IT-Sicherheit), from the `terms` of each topic
 * in topics.yml. A query word names a topic when the word itself, one of its compound parts ("Greif|roboter") or a
 * member of its synonym group is one of the topic's terms: the query's alternatives (`queryWords.ts`) already carry
 * all of these, so no synonym lookup happens here.
 */
import { contentWords, wordTerms } from './analyzer.js';
import type { QueryWord } from './queryWords.js';
import type { Topic } from './schema.js';

/** Alternatives weaker than this (a word found only through a far-fetched typo correction) name no topic. */
const MIN_CREDIT = 0.5;

interface TopicTerm {
  topic: string;
  /** Per content word of the term ("it-sicherheit" → it, sicherheit): its index terms; all words must be present. */
  words: Set<string>[];
}

export class TopicNames {
  private readonly terms: TopicTerm[];

  constructor(topics: readonly Topic[]) {
    this.terms = topics.flatMap((topic) =>
      topic.terms.map((term) => ({
        topic: topic.id,
        words: contentWords(term).map((word) => new Set([...wordTerms(word, 'de'), ...wordTerms(word, 'en')])),
      })),
    );
  }

  /**
   * Ids of the topics the query's words name, in the order of topics.yml. The compound parts of a name (`names`, e.g.
   * "Wirtschafts|förderung") name nothing: the Wirtschaftsförderung Dortmund is no enquiry for funding.
   */
  named(words: readonly QueryWord[], names: ReadonlySet<string>): string[] {
    const present = new Set<string>();
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
        for (const part of alternative.parts) for (const term of part.keys()) present.add(term);
      }
    }
    const named = new Set<string>();
    for (const { topic, words: termWords } of this.terms) {
      if (termWords.length === 0) continue;
      const inWords = termWords.every((terms) => sharesTerm(terms, present));
      const asPhrase = phrases.some((phrase) => phrase.length === termWords.length && termWords.every((terms, i) => sharesTerm(terms, phrase[i]!)));
      if (inWords || asPhrase) named.add(topic);
    }
    return [...named];
  }
}

/** True when the two sets of index terms share one. */
function sharesTerm(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const term of a) if (b.has(term)) return true;
  return false;
}
