/**
 * Builds the Teams app package: the manifest template from `manifest/` with its placeholders filled, the
 * localization files it names, and the two icons rendered from the source drawing; validated offline and zipped
 * (manifest.json at the root of the zip, as Teams requires). Used by `npm run manifest` and by the tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { renderColorIcon, renderOutlineIcon } from './icons.js';
import { appPackageProblems } from './manifestValidation.js';
import { fillPlaceholders, ManifestTemplateError, type ManifestSettings } from './manifestTemplate.js';

/** A fixed time stamp for the zip entries, so that the same input gives a byte-identical package. */
const ZIP_MTIME = new Date('2018-06-25T12:00:00Z');

export interface AppPackage {
  /** File name in the package → content. */
  files: Map<string, Buffer>;
  /** Everything the offline validation found; empty when the package is valid. */
  problems: string[];
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestTemplateError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function jsonFile(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The localization files the manifest names (default language file first). */
function localizationFileNames(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] } | undefined;
  return [...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []), ...(info?.additionalLanguages ?? []).map((language) => language.file)];
}

/**
 * Assembles and validates the package from the template folder (`manifest/`).
 *
 * @example
 * const { files, problems } = await assembleAppPackage('manifest', settings);
 */
export async function assembleAppPackage(sourceDir: string, settings: ManifestSettings): Promise<AppPackage> {
  const manifest = fillPlaceholders(readJson(path.join(sourceDir, 'manifest.json')), settings);
  const files = new Map<string, Buffer>([['manifest.json', jsonFile(manifest)]]);
  for (const name of localizationFileNames(manifest)) {
    files.set(name, jsonFile(fillPlaceholders(readJson(path.join(sourceDir, name)), settings)));
  }
  const icons = manifest.icons as { color?: string; outline?: string } | undefined;
  if (icons?.color) files.set(icons.color, renderColorIcon());
  if (icons?.outline) files.set(icons.outline, renderOutlineIcon());
  return { files, problems: await appPackageProblems(files) };
}

/** The zip of `files`, deterministic (fixed order as given, fixed time stamps). */
export function zipAppPackage(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name, { mtime: ZIP_MTIME, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * Writes `appPackage.zip` and, for inspection, the unzipped files into `outDir/appPackage/`.
 * Returns the zip's path.
 */
export async function writeAppPackage(outDir: string, files: Map<string, Buffer>): Promise<string> {
  const unpacked = path.join(outDir, 'appPackage');
  mkdirSync(unpacked, { recursive: true });
  for (const [name, content] of files) writeFileSync(path.join(unpacked, name), content);
  const zipPath = path.join(outDir, 'appPackage.zip');
  writeFileSync(zipPath, await zipAppPackage(files));
  return zipPath;
}
