/**
 * The layers of src/ and the rule between them: imports point downwards only, and no file imports itself back
 * through others. `npm run check:layers` prints every offending import; `npm test` runs the same check
 * (test/architecture/layers.test.ts).
 *
 * ```
 * main, app          composition: may use everything
 * http               routes
 * channels           Bot Framework and Direct Line adapters
 * bot                the ActivityHandler, rendering, the handoff's channel side (bot/handoff)
 * cards              Adaptive Cards; below them only core/types, knowledge/schema and the base
 * curation           the curator loop: gap report, curator changes, reloads (uses core, knowledge, store)
 * handoff | core     the handoff domain and the assistant's decisions; handoff may use core/types only
 * texts              every user-facing text (de + en)
 * knowledge | store  the knowledge folder and search; persistence
 * privacy            masking and pseudonyms for data kept about users
 * base               config, errors, logger, texts, projectRoot
 * ```
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const layerOrder: Record<string, number> = {
  composition: 0,
  http: 1,
  channels: 2,
  bot: 3,
  cards: 4,
  curation: 4.5,
  handoff: 5,
  core: 5,
  texts: 5.5,
  knowledge: 6,
  store: 6,
  privacy: 6.5,
  base: 7,
};

/** The layer of a file, by its folder under src/. */
export function layerOf(file: string): string {
  const [first, second] = file.split('/');
  if (second === undefined) {
    if (first === 'main.ts' || first === 'app.ts') return 'composition';
    return first === 'texts.ts' ? 'texts' : 'base';
  }
  if (!(first! in layerOrder)) throw new Error(`${file}: folder src/${first}/ has no layer; add it to scripts/checkLayers.ts`);
  return first!;
}

/** Exceptions to "strictly downwards": what a layer may use beside the layers below it. */
function allowed(from: string, to: string): boolean {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === b) return true;
  if (a === 'cards') return to === 'core/types.ts' || to === 'knowledge/schema.ts' || b === 'texts' || b === 'base';
  if (a === 'handoff' && b === 'core') return to === 'core/types.ts';
  return layerOrder[b]! > layerOrder[a]!;
}

function sourceFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full, root);
    return name.endsWith('.ts') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/** The src-relative files a file imports (relative imports only; packages are not layers). */
function importsOf(srcDir: string, file: string): string[] {
  const text = readFileSync(path.join(srcDir, file), 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)).replace(/\.js$/, '.ts');
    out.push(target);
  }
  for (const match of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)).replace(/\.js$/, '.ts'));
  }
  return out;
}

export interface LayerProblem {
  kind: 'upward' | 'cycle';
  message: string;
}

/** Every upward import and every import cycle under `srcDir`. */
export function layerProblems(srcDir: string): LayerProblem[] {
  const files = sourceFiles(srcDir);
  const graph = new Map(files.map((file) => [file, importsOf(srcDir, file).filter((target) => files.includes(target))]));
  const problems: LayerProblem[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (!allowed(file, target)) {
        problems.push({ kind: 'upward', message: `${file} (${layerOf(file)}) imports ${target} (${layerOf(target)})` });
      }
    }
  }
  // File-level cycles (depth-first search; each cycle reported once, by its smallest member first).
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const key = [...cycle.slice(start), ...cycle.slice(0, start)].join(' → ');
        if (!seen.has(key)) {
          seen.add(key);
          problems.push({ kind: 'cycle', message: `import cycle: ${key} → ${cycle[start]}` });
        }
      } else if (!state.has(target)) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  // Folder-level cycles: two folders importing each other.
  // The files at the top of src/ are two layers, not one folder: the composition and the base.
  const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : layerOf(file));
  const folderEdges = new Set<string>();
  for (const [file, targets] of graph) for (const target of targets) if (folderOf(file) !== folderOf(target)) folderEdges.add(`${folderOf(file)}|${folderOf(target)}`);
  for (const edge of folderEdges) {
    const [a, b] = edge.split('|');
    if (a! < b! && folderEdges.has(`${b}|${a}`)) problems.push({ kind: 'cycle', message: `folders import each other: src/${a} ⇄ src/${b}` });
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const problems = layerProblems(srcDir);
  for (const problem of problems) console.error(problem.message);
  console.log(problems.length === 0 ? 'layers ok' : `${problems.length} layer problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
