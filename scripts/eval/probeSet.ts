/**
 * The hand-written probe questions (scripts/eval/probes/), outside test/eval/questions.jsonl:
 * - outOfScope.txt: one question per line; right is no confident reply.
 * - inScope.txt: `id, id | question`; right is a confident reply whose first id is listed.
 * Blank lines and lines starting with `#` are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const probeDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probes');

export interface InScopeProbe {
  question: string;
  expected: string[];
}

function probeLines(file: string): string[] {
  return fs
    .readFileSync(path.join(probeDir, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

export function outOfScopeProbes(): string[] {
  return probeLines('outOfScope.txt');
}

export function inScopeProbes(): InScopeProbe[] {
  return probeLines('inScope.txt').map((line) => {
    const [ids = '', question = ''] = line.split('|').map((part) => part.trim());
    return { question, expected: ids.split(',').map((id) => id.trim()) };
  });
}
