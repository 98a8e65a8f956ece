/** Clauses of a message read as words (`Word.clause`). */
import type { Word } from '../knowledge/lexicon.js';

/** The first word of the clause of `position`. */
export function clauseStartOf(words: readonly Word[], position: number): number {
  let first = position;
  while (first > 0 && words[first - 1]!.clause === words[position]!.clause) first--;
  return first;
}
