/**
 * The questions the benchmark asks: the labelled evaluation questions (test/eval/questions.jsonl) when they exist,
 * else the realistic list in bench/questions.txt.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface QuestionSet {
  /** Where the questions came from, relative to the project root. */
  source: string;
  questions: string[];
}

/** The question text of one JSONL line, whatever the evaluation file calls the field. */
function questionOf(line: string): string | undefined {
  const value = JSON.parse(line) as Record<string, unknown>;
  for (const key of ['question', 'q', 'text', 'query', 'utterance']) {
    if (typeof value[key] === 'string' && value[key].trim()) return value[key].trim();
  }
  return undefined;
}

export function loadQuestions(root: string): QuestionSet {
  const labelled = path.join(root, 'test/eval/questions.jsonl');
  if (existsSync(labelled)) {
    const questions = readFileSync(labelled, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map(questionOf)
      .filter((q): q is string => q !== undefined);
    if (questions.length > 0) return { source: 'test/eval/questions.jsonl', questions };
  }
  const questions = readFileSync(path.join(root, 'bench/questions.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return { source: 'bench/questions.txt', questions };
}
