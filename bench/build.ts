/**
 * Builds what the benchmark starts, the way production runs it: the app compiled by `tsc` (as `npm start` does) and
 * the echo bot and start-up probe as plain JavaScript. Everything goes into a temporary folder that mirrors the
 * checkout (links to its folders, a copy of package.json) with a `dist/` of its own, so the checkout's `dist/` is left
 * alone while the server still finds web/, knowledge/ and node_modules where it looks for them.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Left out of the mirrored checkout: build output, local data and settings, VCS, and bench/ (the build writes its
 * own bench/ with the compiled echo bot and probe; a link would put them into the checkout).
 */
const notMirrored = new Set(['dist', 'data', 'build', 'coverage', 'test-results', '.env', '.git', 'bench']);

export interface Build {
  /** Root of the build: package.json, node_modules link, dist/, bench/. */
  dir: string;
  /** Compiled src/ of the app (dist/src). */
  srcDir: string;
  main: string;
  echoBot: string;
  startupProbe: string;
  /**
   * The Node flags of `npm run serve` (heap sizes and the like): the app runs with them in production, so the
   * benchmark starts the app with them, and the echo bot too, so that both are started the same way.
   */
  nodeFlags: string[];
  /** tsc's complaints when the checkout does not type-check (the JavaScript is still emitted). */
  typeErrors?: string;
}

export async function buildForBench(root: string, dir: string): Promise<Build> {
  mkdirSync(dir, { recursive: true });
  // The server finds its files (web/, knowledge/, package.json) by walking up from its own code, as in a checkout.
  for (const entry of readdirSync(root)) {
    if (notMirrored.has(entry)) continue;
    if (entry === 'package.json') copyFileSync(path.join(root, entry), path.join(dir, entry));
    else symlinkSync(path.join(root, entry), path.join(dir, entry));
  }

  let typeErrors: string | undefined;
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', path.join(dir, 'dist')], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    typeErrors = String((error as { stdout?: Buffer }).stdout ?? error).trim();
  }
  const main = path.join(dir, 'dist/src/main.js');
  if (!existsSync(main)) throw new Error(`tsc did not emit ${main}:\n${typeErrors ?? ''}`);

  await build({
    entryPoints: [path.join(root, 'bench/echoBot.ts'), path.join(root, 'bench/startupProbe.ts')],
    outdir: path.join(dir, 'bench'),
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  return {
    dir,
    nodeFlags: serveNodeFlags(root),
    srcDir: path.join(dir, 'dist/src'),
    main,
    echoBot: path.join(dir, 'bench/echoBot.js'),
    startupProbe: path.join(dir, 'bench/startupProbe.js'),
    typeErrors,
  };
}

/** The flags between `node` and `dist/src/main.js` in package.json's `serve` script. */
export function serveNodeFlags(root: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts;
  const match = /^node((?: --?[\w-]+(?:=\S+)?)*) dist\/src\/main\.js$/.exec(scripts?.serve ?? '');
  if (!match) throw new Error(`package.json has no "serve" script of the form "node [flags] dist/src/main.js": ${scripts?.serve}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

/** Removes a build folder: the links to the checkout first (never followed), then the rest. */
export function removeBuild(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (lstatSync(full).isSymbolicLink()) unlinkSync(full);
  }
  rmSync(dir, { recursive: true, force: true });
}
