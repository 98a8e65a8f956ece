/**
 * Measured answer quality on the shipped knowledge folder (the labelled questions in test/eval/questions.jsonl,
 * scored as in scripts/eval/metrics.ts and docs/quality.md). The floors here guard against regressions; the goals
 * (≥ 95 % hit@1, ≤ 5 % false answers) are reported by `npm run eval`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { aggregate, bySplit } from '../../scripts/eval/metrics.js';
import { categories } from '../../scripts/eval/questions.js';
import { runEvaluation } from '../../scripts/eval/run.js';
import { repoRoot, shippedKnowledgeDir } from '../helpers/app.js';

const run = runEvaluation({
  knowledgeDir: shippedKnowledgeDir,
  questionsFile: path.join(repoRoot, 'test', 'eval', 'questions.jsonl'),
});
/**
 * The floors of issue 3 hold for the categories they were set on; `reverse-routing` (issue 18: Dortmund firms looking
 * in Südwestfalen) came later, is reported by `npm run eval` on its own, and is not tuned on here.
 */
const test = aggregate(bySplit(run.assistant, 'test').filter((result) => result.question.category !== 'reverse-routing'));

/**
 * Issue 3 asks this test to fail below 90 % hit@1 or above 10 % false answers; both floors are the issue's. Reached
 * on 2026-11-25, fifth round: 91.5 % and 0 % (0 of 16). The second figure is not a clean estimate: four of the
 * test split's out-of-scope questions had been seen by accident before the rule on questions for numbers was
 * written (docs/quality.md, fifth round).
 */
const HIT1_FLOOR = 0.9;
const FALSE_ANSWER_CEILING = 0.1;

describe('labelled evaluation set', () => {
  it('has at least 200 questions, every category in both splits, about half of them in each split', () => {
    expect(run.questions.length).toBeGreaterThanOrEqual(200);
    for (const category of categories) {
      for (const split of ['dev', 'test'] as const) {
        expect(run.questions.filter((q) => q.category === category && q.split === split).length, `${category}/${split}`).toBeGreaterThan(5);
      }
    }
    const testShare = run.questions.filter((q) => q.split === 'test').length / run.questions.length;
    expect(testShare).toBeGreaterThan(0.4);
    expect(testShare).toBeLessThan(0.6);
  });
});

describe('answer quality on the test split', () => {
  it(`gives the right first answer (hit@1) to at least ${HIT1_FLOOR * 100} % of the answerable questions`, () => {
    expect(test.hit1).toBeGreaterThanOrEqual(HIT1_FLOOR);
  });

  it(`answers at most ${FALSE_ANSWER_CEILING * 100} % of the out-of-scope questions confidently`, () => {
    expect(test.falseAnswerRate).toBeLessThanOrEqual(FALSE_ANSWER_CEILING);
  });

  it('beats a plain MiniSearch with the same out-of-scope threshold rule', () => {
    const baseline = aggregate(bySplit(run.baseline, 'test').filter((result) => result.question.category !== 'reverse-routing'));
    expect(test.hit1).toBeGreaterThan(baseline.hit1);
  });
});

describe('what the issues promise on the shipped folder', () => {
  const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
  const core = new AssistantCore(index);
  const reply = (text: string): Reply => core.respond({ text }, emptyMemory()).reply;

  it('puts the entry naming Hubertus Winterberg first for "Geschäftsführer Südwestfalen Agentur"', () => {
    const [first] = index.search('Geschäftsführer Südwestfalen Agentur').hits;
    expect(first?.doc.type === 'faq' && first.doc.body).toContain('Hubertus Winterberg');
  });

  it('routes "IT-Sicherheit nach einem Hackerangriff" to security providers, with reasons', () => {
    const answer = reply('Wir brauchen Unterstützung bei IT-Sicherheit nach einem Hackerangriff');
    expect(answer.kind).toBe('providers');
    if (answer.kind !== 'providers') return;
    expect(answer.matches.length).toBeGreaterThan(0);
    for (const match of answer.matches) {
      expect(match.provider.topics).toContain('it-sicherheit');
      expect(match.matchedTopics).toContain('it-sicherheit');
      expect(match.why.length).toBeGreaterThan(0);
    }
  });

  it('shows a Dortmund start-up looking for industry partners entries from Südwestfalen', () => {
    const answer = reply('Wir sind ein Dortmunder Start-up und suchen Industriepartner in Südwestfalen');
    expect(answer.kind).toBe('providers');
    if (answer.kind !== 'providers') return;
    expect(answer.matches.length).toBeGreaterThan(0);
    for (const match of answer.matches) expect(match.provider.region).toBe('suedwestfalen');
  });

  it('does not answer "Wie wird das Wetter morgen?" with a confident answer', () => {
    expect(['unknown', 'didYouMean', 'escalate']).toContain(reply('Wie wird das Wetter morgen?').kind);
  });

  it('treats "Weiterbildung für unsere Mitarbeiter" as a need, not as a request for a person', () => {
    expect(reply('Weiterbildungsangebote für unsere Mitarbeiter').kind).toBe('providers');
    expect(reply('Ich möchte mit einem Mitarbeiter sprechen').kind).toBe('escalate');
  });
});
