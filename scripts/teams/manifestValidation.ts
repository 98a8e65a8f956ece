/**
 * Offline validation of a Teams app package: the manifest and its localization files against the JSON schemas
 * that the `@microsoft/app-manifest` package ships (never fetched from the network), plus the checks the schema
 * cannot express: files that the manifest names are in the package, localization keys point at real manifest
 * strings, every language translates the same keys, the default language file matches the manifest, no
 * placeholder is left, and the icons have the sizes and colours Teams requires.
 *
 * Every problem is one line, `file: where: what`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icons.js';

type JsonObject = Record<string, unknown>;

/** Folder of the JSON schemas inside the installed @microsoft/app-manifest package. */
export function shippedSchemaDir(): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return path.join(path.dirname(entry), 'json-schemas');
}

/** Teams manifest versions whose schema the installed package ships, e.g. `['1.0', …, '1.22', …]`. */
export function shippedManifestVersions(): string[] {
  const dir = path.join(shippedSchemaDir(), 'teams');
  // Directory names are `v1.22`, `vDevPreview`; only numbered versions count as released.
  return (existsSync(dir) ? readdirSync(dir) : [])
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort(compareVersions);
}

/** Compares `1.9` and `1.22` numerically. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const schemaUrlPattern =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/(teams\/(v[^/]+)\/[^/]+\.json)$/i;

/** `1.22` for `https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json`. */
export function schemaVersion(schemaUrl: unknown): string | undefined {
  return typeof schemaUrl === 'string' ? schemaUrlPattern.exec(schemaUrl)?.[2]?.slice(1) : undefined;
}

/**
 * The shipped schema a `$schema` URL names (`https://developer.microsoft.com/[en-us/]json-schemas/teams/v1.22/…`),
 * or a problem when the package does not ship it.
 */
export function loadShippedSchema(schemaUrl: unknown): { schema?: JsonObject; problem?: string } {
  if (typeof schemaUrl !== 'string') return { problem: '$schema: missing' };
  const match = schemaUrlPattern.exec(schemaUrl);
  if (!match) return { problem: `$schema: ${schemaUrl} is not a Teams schema URL of developer.microsoft.com` };
  const file = path.join(shippedSchemaDir(), match[1]!);
  if (!existsSync(file)) {
    return { problem: `$schema: ${schemaUrl} is not shipped by @microsoft/app-manifest (it has ${shippedManifestVersions().join(', ')})` };
  }
  // Same clean-up as the package's own loader: some schema files contain `\a` / `\v` escapes that JSON lacks.
  const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return { schema: JSON.parse(raw) as JsonObject };
}

/** The JSON-schema validator that @microsoft/app-manifest itself uses (ajv, draft-04), loaded from beside it. */
interface SchemaValidator {
  (document: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: unknown }[] | null;
}

/**
 * Localization schemas are checked with the package's ajv set up like the package does it, except for
 * `unicodeRegExp: false`: the shipped localization schemas contain patterns (`…\b]\.description$`) that are valid
 * JavaScript regular expressions but not valid with the `u` flag that ajv uses by default, so the package's own
 * `validateAgainstSchema` cannot compile them.
 */
function compileLocalizationSchema(schema: JsonObject): SchemaValidator {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const AjvDraft04 = fromPackage('ajv-draft-04') as new (options: Record<string, unknown>) => { compile(schema: unknown): SchemaValidator };
  const addFormats = fromPackage('ajv-formats') as (ajv: unknown, formats: string[]) => void;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}

async function schemaProblems(fileName: string, document: JsonObject, kind: 'manifest' | 'localization'): Promise<string[]> {
  const { schema, problem } = loadShippedSchema(document.$schema);
  if (!schema) return [`${fileName}: ${problem}`];
  let errors: string[];
  if (kind === 'manifest') {
    errors = await AppManifestUtils.validateAgainstSchema(document as unknown as AppManifest, schema as never);
  } else {
    const validate = compileLocalizationSchema(schema);
    errors = validate(document)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}. Details: ${JSON.stringify(e.params ?? {})}`);
  }
  return errors.map((error) => `${fileName}: ${error.trim() || 'schema error'}`);
}

/** The value at a localization key such as `bots[0].commandLists[1].commands[0].title`. */
export function valueAtKey(document: unknown, key: string): unknown {
  let current: unknown = document;
  for (const part of key.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    current = (current as JsonObject | undefined)?.[match[1]!];
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) current = (current as unknown[] | undefined)?.[Number(index[1])];
  }
  return current;
}

function placeholdersLeft(value: unknown, where: string): string[] {
  if (typeof value === 'string') return /\{\{\w+\}\}/.test(value) ? [`${where}: placeholder left: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => placeholdersLeft(item, `${where}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => placeholdersLeft(item, `${where}.${key}`));
  return [];
}

function translatedKeys(localization: JsonObject): string[] {
  return Object.keys(localization).filter((key) => key !== '$schema' && key !== 'localizationKeys');
}

/** Problems of the localization files beyond their schema. */
function localizationProblems(manifest: JsonObject, files: Map<string, Buffer>): { problems: string[]; documents: [string, JsonObject][] } {
  const info = manifest.localizationInfo as
    | { defaultLanguageFile?: string; additionalLanguages?: { languageTag: string; file: string }[] }
    | undefined;
  if (!info) return { problems: [], documents: [] };
  const problems: string[] = [];
  const documents: [string, JsonObject][] = [];
  const names = [...(info.defaultLanguageFile ? [info.defaultLanguageFile] : []), ...(info.additionalLanguages ?? []).map((l) => l.file)];
  for (const name of names) {
    const buffer = files.get(name);
    if (!buffer) {
      problems.push(`manifest.json: localizationInfo names ${name}, which is not in the package`);
      continue;
    }
    let document: JsonObject;
    try {
      document = JSON.parse(buffer.toString('utf8')) as JsonObject;
    } catch (error) {
      problems.push(`${name}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    documents.push([name, document]);
    if (schemaVersion(document.$schema) !== schemaVersion(manifest.$schema)) {
      problems.push(`${name}: $schema is not for manifest version ${String(schemaVersion(manifest.$schema))} like manifest.json`);
    }
    for (const key of translatedKeys(document)) {
      const original = valueAtKey(manifest, key);
      if (typeof original !== 'string') problems.push(`${name}: ${key}: no such text in manifest.json`);
      else if (name === info.defaultLanguageFile && original !== document[key]) {
        problems.push(`${name}: ${key}: differs from manifest.json (the default language file must repeat its texts)`);
      }
    }
  }
  const [first, ...others] = documents;
  if (first) {
    const expected = translatedKeys(first[1]).sort();
    for (const [name, document] of others) {
      const keys = translatedKeys(document).sort();
      const missing = expected.filter((key) => !keys.includes(key));
      const extra = keys.filter((key) => !expected.includes(key));
      if (missing.length > 0) problems.push(`${name}: not translated: ${missing.join(', ')}`);
      if (extra.length > 0) problems.push(`${name}: not in ${first[0]}: ${extra.join(', ')}`);
    }
  }
  return { problems, documents };
}

/** Problems of the two icons: size, and for the outline icon white on transparent. */
function iconProblems(manifest: JsonObject, files: Map<string, Buffer>): string[] {
  const icons = (manifest.icons ?? {}) as { color?: string; outline?: string };
  const problems: string[] = [];
  const read = (name: string | undefined, role: string): PNG | undefined => {
    if (!name) return undefined;
    const buffer = files.get(name);
    if (!buffer) {
      problems.push(`manifest.json: icons.${role} names ${name}, which is not in the package`);
      return undefined;
    }
    try {
      return PNG.sync.read(buffer);
    } catch {
      problems.push(`${name}: not a PNG image`);
      return undefined;
    }
  };
  const color = read(icons.color, 'color');
  if (color && (color.width !== COLOR_ICON_SIZE || color.height !== COLOR_ICON_SIZE)) {
    problems.push(`${icons.color}: ${color.width}×${color.height}, expected ${COLOR_ICON_SIZE}×${COLOR_ICON_SIZE}`);
  }
  const outline = read(icons.outline, 'outline');
  if (outline) {
    if (outline.width !== OUTLINE_ICON_SIZE || outline.height !== OUTLINE_ICON_SIZE) {
      problems.push(`${icons.outline}: ${outline.width}×${outline.height}, expected ${OUTLINE_ICON_SIZE}×${OUTLINE_ICON_SIZE}`);
    }
    let opaque = 0;
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const alpha = outline.data[i + 3]!;
      if (alpha === 0) transparent++;
      else {
        if (alpha === 255) opaque++;
        if (outline.data[i] !== 255 || outline.data[i + 1] !== 255 || outline.data[i + 2] !== 255) coloured++;
      }
    }
    if (coloured > 0) problems.push(`${icons.outline}: ${coloured} visible pixels are not white (Teams wants white on transparent)`);
    if (transparent === 0) problems.push(`${icons.outline}: no transparent pixels (Teams wants white on transparent)`);
    if (opaque === 0) problems.push(`${icons.outline}: nothing is drawn`);
  }
  return problems;
}

/**
 * Every problem of an app package given as its files (name → content); empty when Teams' schema and the
 * package rules are met. Works fully offline.
 *
 * @example
 * const problems = await appPackageProblems(new Map([['manifest.json', …], ['color.png', …], …]));
 */
export async function appPackageProblems(files: Map<string, Buffer>): Promise<string[]> {
  const manifestBuffer = files.get('manifest.json');
  if (!manifestBuffer) return ['manifest.json: missing from the package'];
  let manifest: JsonObject;
  try {
    manifest = JSON.parse(manifestBuffer.toString('utf8')) as JsonObject;
  } catch (error) {
    return [`manifest.json: not valid JSON (${(error as Error).message})`];
  }
  const problems = [...(await schemaProblems('manifest.json', manifest, 'manifest')), ...placeholdersLeft(manifest, 'manifest.json: $')];
  const localization = localizationProblems(manifest, files);
  for (const [name, document] of localization.documents) problems.push(...(await schemaProblems(name, document, 'localization')));
  problems.push(...localization.problems, ...iconProblems(manifest, files));
  return problems;
}
