/**
 * The scoring rules of the evaluation (scripts/eval/metrics.ts), on hand-made replies: what counts as a right first
 * answer, what "did you mean" earns, and what counts as a false answer out of scope.
 */
import { describe, expect, it } from 'vitest';
import { aggregate, percentile, scoreQuestion, type Shown } from '../../scripts/eval/metrics.js';
import type { EvalQuestion } from '../../scripts/eval/questions.js';

const question = (expected: string[], category: EvalQuestion['category'] = 'fact'): EvalQuestion => ({
  id: 'q999',
  q: 'Wer ist Geschäftsführer?',
  expected,
  category: expected.length === 0 ? 'out-of-scope' : category,
  split: 'test',
});
const shown = (ids: string[], confident: boolean): Shown => ({ ids, confident, kind: confident ? 'answer' : 'didYouMean' });

describe('scoring one question', () => {
  it('counts a confident first answer that is expected as hit@1, hit@3 and reciprocal rank 1', () => {
    const r = scoreQuestion(question(['a', 'b']), shown(['b'], true));
    expect([r.hit1, r.hit3, r.reciprocalRank]).toEqual([true, true, 1]);
  });

  it('gives "did you mean" candidates hit@3 and reciprocal rank, never hit@1', () => {
    const r = scoreQuestion(question(['c']), shown(['a', 'c', 'd'], false));
    expect([r.hit1, r.hit3, r.reciprocalRank]).toEqual([false, true, 0.5]);
  });

  it('counts an answer in the other language as a miss (ids count only as written)', () => {
    const r = scoreQuestion(question(['ziele-en']), shown(['ziele-de'], true));
    expect([r.hit1, r.hit3]).toEqual([false, false]);
  });

  it('counts a confident reply to an out-of-scope question as a false answer, "did you mean" not', () => {
    expect(scoreQuestion(question([]), shown(['a'], true)).falseAnswer).toBe(true);
    expect(scoreQuestion(question([]), shown(['a'], false)).falseAnswer).toBe(false);
    expect(scoreQuestion(question([]), { ids: [], confident: false, kind: 'unknown' }).falseAnswer).toBe(false);
  });
});

describe('aggregating', () => {
  it('computes hit@1, hit@3 and MRR over answerable questions and the false-answer rate over out-of-scope ones', () => {
    const results = [
      scoreQuestion(question(['a']), shown(['a'], true)),
      scoreQuestion(question(['a']), shown(['b', 'c', 'a'], false)),
      scoreQuestion(question([]), shown(['x'], true)),
      scoreQuestion(question([]), { ids: [], confident: false, kind: 'unknown' }),
    ];
    const a = aggregate(results);
    expect(a.answerable).toBe(2);
    expect(a.outOfScope).toBe(2);
    expect(a.hit1).toBe(0.5);
    expect(a.hit3).toBe(1);
    expect(a.mrr).toBeCloseTo((1 + 1 / 3) / 2);
    expect(a.falseAnswerRate).toBe(0.5);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([], 50)).toBe(0);
  });
});
