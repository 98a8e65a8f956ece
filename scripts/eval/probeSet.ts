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
  return probeLines('inScope.txt').map(inScopeProbe);
}

/** The probes of one file between two comment blocks, named by the first line of the comment that opens them. */
export interface ProbeBatch {
  name: string;
  lines: string[];
}

/** The batches of a probe file, in file order; probes before the first comment block form a batch named "(start)". */
function batchesOf(file: string): ProbeBatch[] {
  const batches: ProbeBatch[] = [];
  let inComment = false;
  for (const raw of fs.readFileSync(path.join(probeDir, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      if (!inComment) batches.push({ name: line.replace(/^#\s*(---\s*)?/, '').slice(0, 90), lines: [] });
      inComment = true;
      continue;
    }
    if (line.length === 0) continue;
    inComment = false;
    if (batches.length === 0) batches.push({ name: '(start)', lines: [] });
    batches[batches.length - 1]!.lines.push(line);
  }
  return batches.filter((batch) => batch.lines.length > 0);
}

export function inScopeBatches(): { name: string; probes: InScopeProbe[] }[] {
  return batchesOf('inScope.txt').map(({ name, lines }) => ({ name, probes: lines.map(inScopeProbe) }));
}

export function outOfScopeBatches(): ProbeBatch[] {
  return batchesOf('outOfScope.txt');
}

function inScopeProbe(line: string): InScopeProbe {
  const [ids = '', question = ''] = line.split('|').map((part) => part.trim());
  return { question, expected: ids.split(',').map((id) => id.trim()) };
}
