/**
 * The calibrated probability that the best FAQ entry of a search is the right answer: a small logistic model over the
 * answer evidence (`features.ts`), fitted on the dev split by `npm run tune` and stored as data in calibration.json.
 */
import fitted from './calibration.json' with { type: 'json' };
import type { AnswerEvidence } from './features.js';

/** A logistic model: P(right) = 1 / (1 + e^-(bias + Σ weight·input)). */
export interface Calibration {
  /** The inputs, by name (see {@link calibrationInputs}). */
  inputs: string[];
  weights: number[];
  bias: number;
  /** Mean and spread of each input on the data it was fitted on (inputs are standardised with them). */
  mean: number[];
  scale: number[];
  /** The ANSWER_MIN_PRECISION (percent) `npm run tune` recommends from dev (for information; not applied by itself). */
  recommendedMinPrecision?: number;
}

/** The inputs the model weighs, each a number computed from the evidence. */
export const calibrationInputs: Record<string, (e: Omit<AnswerEvidence, 'probability'>) => number> = {
  coverage: (e) => e.coverage,
  gap: (e) => (e.gap ? 1 : 0),
  onlyNames: (e) => (e.onlyNames ? 1 : 0),
  phrasing: (e) => e.phrasing ?? 0,
  noPhrasing: (e) => (e.phrasing === undefined ? 1 : 0),
  rivalPhrasing: (e) => e.rivalPhrasing,
  wordsLead: (e) => Math.min(e.wordsLead, 1),
  lead: (e) => Math.min(e.lead, 1),
  /** Words and phrasings agreeing on the entry. */
  coverageAndPhrasing: (e) => e.coverage * (e.phrasing ?? 0),
  /** The next entry is a curated related one, weighted by the phrasings' probability for the two together. */
  sameMatterRival: (e) => (e.rivalRelated ? e.pairPhrasing : 0),
  /** A telling word left open, in an entry the question is not phrased like. */
  gapUnlikePhrasings: (e) => (e.gap ? 1 - (e.phrasing ?? 0) : 0),
};

/** The model's input vector for `evidence`. */
export function inputVector(evidence: Omit<AnswerEvidence, 'probability'>, names: readonly string[]): number[] {
  return names.map((name) => {
    const input = calibrationInputs[name];
    if (!input) throw new Error(`calibration: unknown input "${name}"`);
    return input(evidence);
  });
}

/** P(right) under `model`. */
export function probability(model: Calibration, evidence: Omit<AnswerEvidence, 'probability'>): number {
  const x = inputVector(evidence, model.inputs);
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** The shipped model (src/core/calibration.json, written by `npm run tune`). */
export const shippedCalibration: Calibration = fitted as Calibration;


/**
 * Fits a logistic model by plain gradient descent from zero weights, a fixed number of steps and a small L2 penalty:
 * deterministic, the same data gives the same model.
 */
export function fitCalibration(rows: { evidence: Omit<AnswerEvidence, 'probability'>; right: boolean }[], steps = 4000): Calibration {
  const inputs = Object.keys(calibrationInputs);
  const xs = rows.map((r) => inputVector(r.evidence, inputs));
  const mean = inputs.map((_, j) => xs.reduce((sum, x) => sum + x[j]!, 0) / Math.max(1, xs.length));
  const scale = inputs.map((_, j) => {
    const variance = xs.reduce((sum, x) => sum + (x[j]! - mean[j]!) ** 2, 0) / Math.max(1, xs.length);
    // An input (nearly) constant on the rows tells nothing: scale 1 keeps it at zero instead of dividing by ~0.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const zs = xs.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const weights = inputs.map(() => 0);
  let bias = 0;
  const rate = 0.1;
  const l2 = 0.01;
  for (let step = 0; step < steps; step++) {
    const gradient = inputs.map(() => 0);
    let gradientBias = 0;
    zs.forEach((z, i) => {
      const p = 1 / (1 + Math.exp(-(bias + z.reduce((sum, v, j) => sum + v * weights[j]!, 0))));
      const error = p - (rows[i]!.right ? 1 : 0);
      gradientBias += error;
      z.forEach((v, j) => (gradient[j]! += error * v));
    });
    const n = Math.max(1, zs.length);
    bias -= (rate * gradientBias) / n;
    weights.forEach((w, j) => (weights[j] = w - rate * (gradient[j]! / n + l2 * w)));
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { inputs, weights: weights.map(round), bias: round(bias), mean: mean.map(round), scale: scale.map(round) };
}
