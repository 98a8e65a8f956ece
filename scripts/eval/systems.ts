/**
 * The two systems the evaluation compares, each reduced to "what the user sees first" ({@link Shown}):
 * the assistant (knowledge index + core decisions) and a plain MiniSearch baseline as a developer would set it up first.
 */
import MiniSearch from 'minisearch';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import type { Knowledge, KnowledgeDocument } from '../../src/knowledge/schema.js';
import type { Shown } from './metrics.js';
import type { EvalQuestion } from './questions.js';

/** A system under evaluation: one question in, what the user sees out. */
export type System = (question: string) => Shown;

/** What the user sees first for a reply of the core. */
export function shownOfReply(reply: Reply): Shown {
  switch (reply.kind) {
    case 'answer':
      return { ids: [reply.entry.id], confident: true, kind: 'answer' };
    case 'providers':
      return { ids: reply.matches.map((m) => m.provider.id), confident: reply.matches.length > 0, kind: 'providers' };
    case 'didYouMean':
      return { ids: reply.candidates.map((c) => c.id), confident: false, kind: 'didYouMean' };
    default:
      return { ids: [], confident: false, kind: reply.kind };
  }
}

/** The assistant as a user meets it: a fresh conversation, no locale hint, one message. */
export function assistantSystem(core: AssistantCore): System {
  return (question) => shownOfReply(core.respond({ text: question }, emptyMemory()).reply);
}

const baselineFields = ['title', 'questions', 'tags', 'body', 'name', 'offers', 'topics', 'summary_en', 'city', 'kind'];

/**
 * Plain MiniSearch: default tokenizer and lower-casing, no stemming, folding, compounds or synonyms, no field boosts;
 * `fuzzy: 0.2, prefix: true`. Provider topics are indexed by their German and English labels.
 */
export function buildBaseline(knowledge: Knowledge): MiniSearch<KnowledgeDocument> {
  const topicLabels = new Map(knowledge.topics.map((t) => [t.id, `${t.de} ${t.en}`]));
  const search = new MiniSearch<KnowledgeDocument>({
    fields: baselineFields,
    extractField: (doc, field) => {
      if (field === 'topics' && doc.type === 'provider') return doc.topics.map((t) => topicLabels.get(t) ?? t).join(' ');
      const value = (doc as unknown as Record<string, unknown>)[field];
      if (Array.isArray(value)) return value.join(' ');
      return typeof value === 'string' ? value : '';
    },
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  search.addAll([...knowledge.faqs, ...knowledge.providers]);
  return search;
}

/** The baseline with a score threshold: the top result is the answer when its score reaches `threshold`. */
export function baselineSystem(search: MiniSearch<KnowledgeDocument>, threshold: number): System {
  return (question) => {
    const results = search.search(question);
    const top = results[0];
    return {
      ids: results.slice(0, 3).map((r) => String(r.id)),
      confident: top !== undefined && top.score >= threshold,
      kind: top !== undefined && top.score >= threshold ? 'answer' : 'unknown',
    };
  };
}

/** The highest share of out-of-scope questions the baseline may answer confidently on dev (the project's goal). */
export const BASELINE_MAX_FALSE_ANSWERS = 0.05;

/**
 * The baseline's threshold, chosen on the dev split: the lowest top-result score at which at most
 * {@link BASELINE_MAX_FALSE_ANSWERS} of the out-of-scope questions still get an answer. Lower thresholds answer more
 * questions; this is the most generous one that meets the same out-of-scope goal as the assistant.
 */
export function chooseBaselineThreshold(search: MiniSearch<KnowledgeDocument>, dev: EvalQuestion[]): number {
  const outOfScopeTops = dev
    .filter((q) => q.expected.length === 0)
    .map((q) => search.search(q.q)[0]?.score ?? 0)
    .sort((a, b) => b - a);
  // Allowed confident answers among the out-of-scope questions; the threshold sits just above the next one's score.
  const allowed = Math.floor(outOfScopeTops.length * BASELINE_MAX_FALSE_ANSWERS);
  const blocked = outOfScopeTops[allowed];
  return blocked === undefined ? 0 : blocked + 1e-9;
}
