/**
 * The Markdown report of an evaluation run: the tables that docs/quality.md and the README take.
 */
import { aggregate, byCategory, bySplit, type Aggregate, type QuestionResult } from './metrics.js';
import { categories, type Split } from './questions.js';
import type { EvalRun, Latency } from './run.js';

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const num = (value: number) => value.toFixed(3);

function row(label: string, a: Aggregate, b: Aggregate): string {
  if (a.answerable === 0) {
    return `| ${label} | ${a.outOfScope} | – | – | – | ${pct(a.falseAnswerRate)} | – | ${pct(b.falseAnswerRate)} |`;
  }
  const oos = a.outOfScope > 0 ? pct(a.falseAnswerRate) : '–';
  const oosB = b.outOfScope > 0 ? pct(b.falseAnswerRate) : '–';
  return `| ${label} | ${a.answerable + a.outOfScope} | ${pct(a.hit1)} | ${pct(a.hit3)} | ${num(a.mrr)} | ${oos} | ${pct(b.hit1)} | ${oosB} |`;
}

/** One table: overall and per category for one split (or all questions). */
export function splitTable(run: EvalRun, split?: Split): string {
  const a = bySplit(run.assistant, split);
  const b = bySplit(run.baseline, split);
  const lines = [
    `| ${split ? `${split} split` : 'all questions'} | n | hit@1 | hit@3 | MRR | false answers (out of scope) | baseline hit@1 | baseline false answers |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('**overall**', aggregate(a), aggregate(b)),
  ];
  for (const category of categories) {
    const ca = byCategory(a, category);
    if (ca.length === 0) continue;
    lines.push(row(category, aggregate(ca), aggregate(byCategory(b, category))));
  }
  return lines.join('\n');
}

function latencyRow(label: string, l: Latency): string {
  return `| ${label} | ${l.p50.toFixed(3)} ms | ${l.p99.toFixed(3)} ms | ${l.samples} |`;
}

/** Summary: assistant vs baseline per split, and latency. */
export function comparisonTable(run: EvalRun): string {
  const lines = [
    '| system | split | hit@1 | hit@3 | MRR | false answers (out of scope) |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const [name, results] of [
    ['assistant', run.assistant],
    [`plain MiniSearch, score threshold ${run.baselineThreshold.toFixed(1)} (chosen on dev)`, run.baseline],
    ['plain MiniSearch, always answers (no threshold)', run.baselineNoThreshold],
  ] as const) {
    for (const split of ['dev', 'test'] as const) {
      const a = aggregate(bySplit(results as QuestionResult[], split));
      lines.push(`| ${name} | ${split} | ${pct(a.hit1)} | ${pct(a.hit3)} | ${num(a.mrr)} | ${pct(a.falseAnswerRate)} |`);
    }
  }
  if (run.latency) {
    lines.push('', '| latency per query | p50 | p99 | samples |', '|---|---:|---:|---:|');
    lines.push(latencyRow('assistant turn (`AssistantCore.respond`)', run.latency.assistant));
    lines.push(latencyRow('assistant search (`KnowledgeIndex.search`)', run.latency.search));
    lines.push(latencyRow('plain MiniSearch search', run.latency.baseline));
  }
  return lines.join('\n');
}

/** The questions a system got wrong, for tuning (only printed for the dev split by default). */
export function failures(results: QuestionResult[]): string[] {
  return results
    .filter((r) => (r.question.expected.length > 0 ? !r.hit1 : r.falseAnswer))
    .map(
      (r) =>
        `${r.question.id} [${r.question.category}/${r.question.split}] ${JSON.stringify(r.question.q)} → ${r.shown.kind}` +
        `${r.shown.ids.length ? ` ${r.shown.ids.join(', ')}` : ''}${r.question.expected.length ? ` (expected ${r.question.expected.slice(0, 4).join(', ')}${r.question.expected.length > 4 ? ', …' : ''})` : ''}`,
    );
}
