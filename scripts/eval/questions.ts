/**
 * The labelled evaluation set (`test/eval/questions.jsonl`): one question per line, validated by zod, with expected
 * document ids checked against the knowledge folder so that a renamed entry cannot silently turn into a miss.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Knowledge } from '../../src/knowledge/schema.js';

export const categories = [
  'fact',
  'paraphrase',
  'typo',
  'no-umlaut',
  'compound',
  'synonym',
  'english',
  'routing',
  /** Dortmund firms looking for partners in Südwestfalen (the cooperation's other direction). */
  'reverse-routing',
  'out-of-scope',
] as const;
export type Category = (typeof categories)[number];

export const splits = ['dev', 'test'] as const;
export type Split = (typeof splits)[number];

export const evalQuestionSchema = z.strictObject({
  id: z.string().regex(/^q\d{3,}$/),
  q: z.string().trim().min(1),
  /** Any of these ids counts as right; empty for out-of-scope questions (right = no confident answer). */
  expected: z.array(z.string().min(1)),
  category: z.enum(categories),
  split: z.enum(splits),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads and validates the JSONL file; throws one error listing every bad line. */
export function loadQuestions(file: string, knowledge?: Knowledge): EvalQuestion[] {
  const problems: string[] = [];
  const out: EvalQuestion[] = [];
  const known = knowledge ? new Set([...knowledge.faqs, ...knowledge.providers].map((d) => d.id)) : undefined;
  const seen = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        problems.push(`line ${index + 1}: invalid JSON`);
        return;
      }
      const parsed = evalQuestionSchema.safeParse(json);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((i) => `line ${index + 1}: ${i.path.join('.')}: ${i.message}`));
        return;
      }
      const question = parsed.data;
      if (seen.has(question.id)) problems.push(`line ${index + 1}: id: duplicate ${question.id}`);
      seen.add(question.id);
      if ((question.category === 'out-of-scope') !== (question.expected.length === 0)) {
        problems.push(`line ${index + 1}: expected: must be empty exactly for out-of-scope questions`);
      }
      for (const id of question.expected) {
        if (known && !known.has(id)) problems.push(`line ${index + 1}: expected: unknown id "${id}"`);
      }
      out.push(question);
    });
  if (problems.length > 0) throw new Error(`eval: ${file} is invalid:\n${problems.join('\n')}`);
  return out;
}
