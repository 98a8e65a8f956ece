/**
 * The staff console's files (web/staff): the page, the style sheet, and the script bundled with esbuild from
 * web/staff/console.ts together with `@microsoft/teams-js` — served from this server, nothing from a CDN.
 *
 * The bundle is made once per process on first request into `DATA_DIR/web/staff/` (esbuild is a dev dependency and
 * present wherever `npm ci` ran); without esbuild the one from `npm run build:web` (dist/web/staff/) is served.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../projectRoot.js';

/** The folder that holds `web/staff/index.html` (the project folder). */
export function findRepoRoot(): string {
  const root = projectRoot();
  if (!existsSync(path.join(root, 'web', 'staff', 'index.html'))) throw new Error(`staff console: ${root}/web/staff/index.html not found`);
  return root;
}

/** Where `npm run build:web` puts the bundle. */
export const prebuiltBundlePath = (root: string): string => path.join(root, 'dist', 'web', 'staff', 'console.js');

/**
 * Bundles web/staff/console.ts for browsers and returns the script. With `outFile` it is also written there.
 *
 * @example
 * await bundleStaffConsole(root, 'dist/web/staff/console.js'); // what `npm run build:web` does
 */
export async function bundleStaffConsole(root: string, outFile?: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'web', 'staff', 'console.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'eof',
    // Not written by esbuild (write: false); names the output so that it can be told apart from anything else.
    outfile: outFile ?? path.join(root, 'console.js'),
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('console.js'))!.text;
  if (outFile) {
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, script);
  }
  return script;
}

export interface StaffConsoleAssets {
  page(): Promise<string>;
  styles(): Promise<string>;
  script(): Promise<string>;
}

/** Serves the console's files; the script is bundled on first use and cached (in memory and in `dataDir`). */
export function staffConsoleAssets(dataDir: string): StaffConsoleAssets {
  // Looked up on first request: a server without the console's files still serves the bot.
  let foundRoot: string | undefined;
  const root = (): string => (foundRoot ??= findRepoRoot());
  let script: Promise<string> | undefined;
  const load = async (): Promise<string> => {
    try {
      return await bundleStaffConsole(root(), path.join(dataDir, 'web', 'staff', 'console.js'));
    } catch (error) {
      const prebuilt = prebuiltBundlePath(root());
      if (existsSync(prebuilt)) return readFile(prebuilt, 'utf8');
      throw error;
    }
  };
  return {
    page: () => readFile(path.join(root(), 'web', 'staff', 'index.html'), 'utf8'),
    styles: () => readFile(path.join(root(), 'web', 'staff', 'console.css'), 'utf8'),
    script: () => {
      script ??= load().catch((error: unknown) => {
        script = undefined; // try again on the next request
        throw error;
      });
      return script;
    },
  };
}
