/**
 * `npm run manifest [-- --source manifest --out build]`: builds the Teams app package.
 *
 * Fills the app id and host from the config (MicrosoftAppId, PUBLIC_URL; `.env` is read), renders the icons,
 * validates everything offline against the schema that @microsoft/app-manifest ships, and writes
 * `build/appPackage.zip` (plus the unzipped files in `build/appPackage/`). Exit code 1 on any problem, with every
 * problem printed; missing settings only warn, so that a fresh clone builds a (not installable) package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { assembleAppPackage, writeAppPackage } from './teams/appPackage.js';
import { ManifestTemplateError, manifestSettings } from './teams/manifestTemplate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: path.join(repoRoot, 'manifest') }, out: { type: 'string', default: path.join(repoRoot, 'build') } },
  });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail([error.message]);
    throw error;
  }
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const { settings, warnings } = manifestSettings(config, version);
  for (const warning of warnings) process.stderr.write(`WARNING: ${warning}\n`);

  const appPackage = await assembleAppPackage(path.resolve(values.source!), settings);
  if (appPackage.problems.length > 0) {
    fail([`The Teams app package is not valid (${appPackage.problems.length} problems):`, ...appPackage.problems.map((p) => `  - ${p}`)]);
  }
  const zipPath = await writeAppPackage(path.resolve(values.out!), appPackage.files);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), zipPath) || zipPath} (${[...appPackage.files.keys()].join(', ')}) for app id ${settings.appId} at ${settings.baseUrl}; valid against the shipped schema.\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ManifestTemplateError) fail([error.message]);
  fail([`manifest: ${(error as Error).stack ?? String(error)}`]);
});
