/**
 * Scoring of one system's replies against the labels, and aggregation per category and split.
 *
 * Definitions (also in docs/quality.md):
 * - What the user sees first is a ranked list of ids plus whether it was a confident reply: an answer (one FAQ
 *   entry) or a provider list is confident; "did you mean" candidates are not.
 * - hit@1: the first id shown is expected AND the reply was confident.
 * - hit@3: one of the first three ids shown is expected (confident or "did you mean").
 * - MRR: mean of 1/rank of the first expected id among the ids shown (0 when none).
 * - These three are computed over answerable questions only (expected not empty).
 * - false-answer rate: share of out-of-scope questions that got a confident reply with at least one id.
 * - Language: an id counts only as written; the other language's twin of a FAQ entry is NOT a hit.
 */
import type { Category, EvalQuestion, Split } from './questions.js';

/** What a system showed the user for one question. */
export interface Shown {
  /** Ids in the order shown (FAQ entry, providers or "did you mean" candidates). */
  ids: string[];
  /** True for an answer or a provider list; false for "did you mean", "I don't know" and escalation. */
  confident: boolean;
  /** The reply kind, for the per-question log. */
  kind: string;
}

export interface QuestionResult {
  question: EvalQuestion;
  shown: Shown;
  hit1: boolean;
  hit3: boolean;
  reciprocalRank: number;
  /** Out-of-scope question that got a confident reply. */
  falseAnswer: boolean;
}

export function scoreQuestion(question: EvalQuestion, shown: Shown): QuestionResult {
  const expected = new Set(question.expected);
  const rank = shown.ids.findIndex((id) => expected.has(id));
  const answerable = expected.size > 0;
  return {
    question,
    shown,
    hit1: answerable && shown.confident && rank === 0,
    hit3: answerable && rank >= 0 && rank < 3,
    reciprocalRank: answerable && rank >= 0 ? 1 / (rank + 1) : 0,
    falseAnswer: !answerable && shown.confident && shown.ids.length > 0,
  };
}

export interface Aggregate {
  /** Answerable questions. */
  answerable: number;
  /** Out-of-scope questions. */
  outOfScope: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of out-of-scope questions answered confidently (0 when there are none). */
  falseAnswerRate: number;
}

export function aggregate(results: QuestionResult[]): Aggregate {
  const answerable = results.filter((r) => r.question.expected.length > 0);
  const outOfScope = results.filter((r) => r.question.expected.length === 0);
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    answerable: answerable.length,
    outOfScope: outOfScope.length,
    hit1: mean(answerable.map((r) => (r.hit1 ? 1 : 0))),
    hit3: mean(answerable.map((r) => (r.hit3 ? 1 : 0))),
    mrr: mean(answerable.map((r) => r.reciprocalRank)),
    falseAnswerRate: mean(outOfScope.map((r) => (r.falseAnswer ? 1 : 0))),
  };
}

export function bySplit(results: QuestionResult[], split?: Split): QuestionResult[] {
  return split ? results.filter((r) => r.question.split === split) : results;
}

export function byCategory(results: QuestionResult[], category: Category): QuestionResult[] {
  return results.filter((r) => r.question.category === category);
}

/** The p-th percentile (0…100) of durations in milliseconds, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
