/**
 * When two questions ask the same thing in other words: the share of content-word stems they have in common (the
 * analyzer's stems, as the search uses them). The gap report groups questions with it, and the core refuses a
 * question that is this close to one a curator marked "not our topic" (`out-of-scope.yml`).
 */
import { contentWords, stem } from './analyzer.js';
import type { Knowledge, Language } from './schema.js';

/** Two questions whose stems overlap at least this much (Jaccard) count as the same question. */
export const SAME_QUESTION_SIMILARITY = 0.5;

/** The content-word stems of a question. */
export function questionStems(text: string, lang: Language): Set<string> {
  return new Set(contentWords(text).map((word) => stem(word, lang)));
}

/** Shared stems over all stems of the two (Jaccard); 0 when either has none. */
export function stemSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const term of a) if (b.has(term)) common++;
  return common / (a.size + b.size - common);
}

/** The curators' "not our topic" examples of a folder, ready to compare questions with. */
export class OutOfScopeExamples {
  private readonly examples: Record<Language, Set<string>[]>;

  constructor(knowledge: Pick<Knowledge, 'outOfScope'>) {
    this.examples = {
      de: (knowledge.outOfScope?.de ?? []).map((q) => questionStems(q, 'de')),
      en: (knowledge.outOfScope?.en ?? []).map((q) => questionStems(q, 'en')),
    };
  }

  /** How close `text` comes to the nearest example of its language (0 without examples). */
  closest(text: string, lang: Language): number {
    const list = this.examples[lang];
    if (list.length === 0) return 0;
    const terms = questionStems(text, lang);
    return Math.max(0, ...list.map((example) => stemSimilarity(example, terms)));
  }
}
