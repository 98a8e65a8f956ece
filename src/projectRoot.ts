/**
 * The project folder (the one with package.json, web/ and knowledge/), found by walking up from this module: the
 * server runs from src/ (tsx) and from dist/src/ (built), and the benchmark runs it from a mirrored copy.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function projectRoot(): string {
  if (found) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    if (existsSync(path.join(dir, 'package.json'))) return (found = dir);
    dir = path.dirname(dir);
  }
  throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
}

/** A path inside the project folder. */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}
