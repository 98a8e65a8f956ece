/**
 * One evaluation run: load the knowledge folder and the labelled questions, build the assistant and the baseline,
 * ask every question of both, and (optionally) time them. Used by `npm run eval` and by test/eval/quality.test.ts.
 */
import { performance } from 'node:perf_hooks';
import { AssistantCore } from '../../src/core/respond.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { percentile, scoreQuestion, type QuestionResult } from './metrics.js';
import { loadQuestions, type EvalQuestion } from './questions.js';
import { assistantSystem, baselineSystem, buildBaseline, chooseBaselineThreshold, type System } from './systems.js';

export interface EvalOptions {
  knowledgeDir: string;
  questionsFile: string;
  /** Rounds over all questions for latency figures; 0 skips timing. */
  latencyRounds?: number;
}

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

export interface EvalRun {
  questions: EvalQuestion[];
  assistant: QuestionResult[];
  /** The baseline with the score threshold chosen on the dev split. */
  baseline: QuestionResult[];
  /** The baseline answering every question with its top result (no threshold). */
  baselineNoThreshold: QuestionResult[];
  /** The baseline's score threshold, chosen on the dev split. */
  baselineThreshold: number;
  latency?: {
    /** A whole `AssistantCore.respond` turn (language detection, FAQ and provider searches, decision). */
    assistant: Latency;
    /** One `KnowledgeIndex.search` call over all documents. */
    search: Latency;
    baseline: Latency;
  };
}

export function evaluate(system: System, questions: EvalQuestion[]): QuestionResult[] {
  return questions.map((question) => scoreQuestion(question, system(question.q)));
}

/** Per-call durations in milliseconds after one untimed warm-up round. */
export function measure(call: (text: string) => unknown, questions: EvalQuestion[], rounds: number): Latency {
  for (const q of questions) call(q.q);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const start = performance.now();
      call(q.q);
      samples.push(performance.now() - start);
    }
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}

export function runEvaluation(options: EvalOptions): EvalRun {
  const knowledge = loadKnowledge(options.knowledgeDir);
  const questions = loadQuestions(options.questionsFile, knowledge);
  const index = new KnowledgeIndex(knowledge);
  const core = new AssistantCore(index);
  const baselineSearch = buildBaseline(knowledge);
  const baselineThreshold = chooseBaselineThreshold(
    baselineSearch,
    questions.filter((q) => q.split === 'dev'),
  );
  const assistant = assistantSystem(core);
  const baseline = baselineSystem(baselineSearch, baselineThreshold);
  const run: EvalRun = {
    questions,
    assistant: evaluate(assistant, questions),
    baseline: evaluate(baseline, questions),
    baselineNoThreshold: evaluate(baselineSystem(baselineSearch, 0), questions),
    baselineThreshold,
  };
  const rounds = options.latencyRounds ?? 0;
  if (rounds > 0) {
    run.latency = {
      assistant: measure(assistant, questions, rounds),
      search: measure((text) => index.search(text), questions, rounds),
      baseline: measure((text) => baselineSearch.search(text), questions, rounds),
    };
  }
  return run;
}
