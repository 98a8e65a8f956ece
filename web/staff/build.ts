/**
 * `npm run build:web` (part of `npm run build`): bundles the staff console (web/staff/console.ts with
 * @microsoft/teams-js) with esbuild into dist/web/staff/, next to copies of its page and style sheet. The server only
 * serves these files (src/http/routes/staffConsole.ts); nothing is bundled at run time and nothing comes from a CDN.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(root, 'web', 'staff');
const out = path.join(root, 'dist', 'web', 'staff');

await mkdir(out, { recursive: true });
const result = await esbuild.build({
  entryPoints: [path.join(source, 'console.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  outfile: path.join(out, 'console.js'),
  logLevel: 'silent',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
});
for (const file of ['index.html', 'console.css']) await copyFile(path.join(source, file), path.join(out, file));
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
process.stdout.write(`staff console: ${path.relative(root, out)}/ (${Math.round(bytes / 1024)} KiB script)\n`);
