/**
 * `npm run build:web`: bundles the staff console (web/staff/console.ts with @microsoft/teams-js) into
 * dist/web/staff/console.js, which the server serves when esbuild is not installed (production without dev deps).
 */
import path from 'node:path';
import { bundleStaffConsole, findRepoRoot, prebuiltBundlePath } from '../../src/handoff/staffConsoleAssets.js';

const root = findRepoRoot();
const outFile = prebuiltBundlePath(root);
const script = await bundleStaffConsole(root, outFile);
process.stdout.write(`staff console: ${path.relative(root, outFile)} (${Math.round(script.length / 1024)} KiB)\n`);
