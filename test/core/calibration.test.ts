/**
 * The answer calibration (src/core/calibration.ts): fitted deterministically, ranks stronger evidence higher, and the
 * shipped model (src/core/calibration.json) is one the core can read.
 */
import { describe, expect, it } from 'vitest';
import { calibrationInputs, fitCalibration, probability, shippedCalibration } from '../../src/core/calibration.js';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const evidence = (coverage: number, phrasing: number, gap = false) => ({
  entry: 'x',
  coverage,
  gap,
  onlyNames: false,
  phrasing,
  rivalPhrasing: 0.1,
  wordsLead: coverage / 4,
  lead: coverage / 3,
  rivalRelated: false,
  pairPhrasing: 0.8,
  rivalAlike: false,
  statesAmount: true,
  handoff: false,
  namesSubject: false,
});

// Synthetic rows: the entry is right when words and phrasings both explain the question, wrong otherwise.
const rows = Array.from({ length: 40 }, (_, i) => {
  const right = i % 2 === 0;
  const jitter = (i % 7) / 50;
  return { evidence: right ? evidence(0.7 + jitter, 0.6 + jitter) : evidence(0.35 + jitter, 0.1 + jitter, i % 3 === 0), right };
});

describe('answer calibration', () => {
  it('gives the same model for the same rows', () => {
    expect(fitCalibration(rows, 500)).toEqual(fitCalibration(rows, 500));
  });

  it('says right-looking evidence is likely right and weak evidence unlikely', () => {
    const model = fitCalibration(rows, 500);
    expect(probability(model, evidence(0.8, 0.7))).toBeGreaterThan(0.8);
    expect(probability(model, evidence(0.35, 0.1, true))).toBeLessThan(0.2);
  });

  it('ships a model over known inputs with a recommended setting', () => {
    expect(shippedCalibration.inputs.length).toBeGreaterThan(0);
    for (const name of shippedCalibration.inputs) expect(calibrationInputs).toHaveProperty(name);
    expect(shippedCalibration.weights).toHaveLength(shippedCalibration.inputs.length);
    expect(shippedCalibration.recommendedMinPrecision).toBeGreaterThan(0);
    const p = probability(shippedCalibration, evidence(0.9, 0.9));
    expect(p).toBeGreaterThan(probability(shippedCalibration, evidence(0.3, 0.05, true)));
  });

  it('weighs a related runner-up the question is phrased like as no doubt about the answer', () => {
    const level = { ...evidence(0.9, 0.3), wordsLead: 0.02, lead: 0.02, pairPhrasing: 0.6 };
    expect(probability(shippedCalibration, { ...level, rivalRelated: true })).toBeGreaterThan(
      probability(shippedCalibration, { ...level, rivalRelated: false }),
    );
  });

  it('names an unknown input in its error', () => {
    expect(() => probability({ ...shippedCalibration, inputs: ['nonsense'], weights: [1], mean: [0], scale: [1] }, evidence(0.5, 0.5))).toThrow(
      'calibration: unknown input "nonsense"',
    );
  });

  it('ANSWER_MIN_PRECISION decides what the user gets: an answer, or "did you mean" with that entry first', () => {
    const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
    const question = 'Wer sind die Partner der Kooperation?';
    const ask = (answerMinPrecision?: number) => new AssistantCore(index, { answerMinPrecision }).respond({ text: question }, emptyMemory()).reply;
    expect(ask()).toMatchObject({ kind: 'answer', entry: { id: 'partner-de' } });
    expect(ask(0.7)).toMatchObject({ kind: 'answer', entry: { id: 'partner-de' } });
    const strict = ask(0.9999);
    expect(strict.kind).toBe('didYouMean');
    expect(strict.kind === 'didYouMean' ? strict.candidates[0]?.id : undefined).toBe('partner-de');
  });
});
