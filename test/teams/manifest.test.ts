/**
 * The Teams app package: `npm run manifest` builds build/appPackage.zip from manifest/, fills ids and host from the
 * config, renders the icons, and validates offline against the schema @microsoft/app-manifest ships.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assembleAppPackage, zipAppPackage } from '../../scripts/teams/appPackage.js';
import { ICON_BACKGROUND, renderColorIcon, renderOutlineIcon } from '../../scripts/teams/icons.js';
import { PLACEHOLDER_APP_ID, PLACEHOLDER_HOST, manifestSettings } from '../../scripts/teams/manifestTemplate.js';
import { appPackageProblems, compareVersions, shippedManifestVersions } from '../../scripts/teams/manifestValidation.js';
import { repoRoot, runScript } from '../helpers/app.js';
import { zipEntries } from './zipEntries.js';

const appId = '0d6c2a55-5b4c-4b7e-9a33-7a7f2b9d1e11';
const configured = { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-here', PUBLIC_URL: 'https://assistent.example.org' };
const manifestDir = path.join(repoRoot, 'manifest');
const packageFiles = ['manifest.json', 'de.json', 'en.json', 'color.png', 'outline.png'];

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'teams-manifest-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

// Manifest JSON is read field by field.
type Json = any;
const json = (buffer: Buffer | undefined): Json => JSON.parse(buffer!.toString('utf8'));

describe('npm run manifest with MicrosoftAppId and PUBLIC_URL set', () => {
  let outDir: string;
  let result: Awaited<ReturnType<typeof runScript>>;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    outDir = tempDir();
    result = await runScript('scripts/buildManifest.ts', ['--out', outDir], configured, 60_000);
    entries = existsSync(path.join(outDir, 'appPackage.zip')) ? zipEntries(readFileSync(path.join(outDir, 'appPackage.zip'))) : new Map();
  });

  it('exits 0 without warnings and writes appPackage.zip with manifest, icons and both languages at its root', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/appPackage\.zip/);
    expect([...entries.keys()].sort()).toEqual([...packageFiles].sort());
  });

  it('uses a current manifest version (1.22 or later) whose schema the installed package ships', () => {
    const manifest = json(entries.get('manifest.json'));
    expect(compareVersions(manifest.manifestVersion, '1.22')).toBeGreaterThanOrEqual(0);
    expect(shippedManifestVersions()).toContain(manifest.manifestVersion);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('fills the app id and host from the config everywhere Teams needs them', () => {
    const manifest = json(entries.get('manifest.json'));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.webApplicationInfo).toEqual({ id: appId, resource: `api://assistent.example.org/${appId}` });
    expect(manifest.validDomains).toEqual(['assistent.example.org']);
    const staffTab = manifest.staticTabs.find((tab: Json) => tab.entityId === 'staff-console');
    expect(staffTab.contentUrl).toBe('https://assistent.example.org/staff');
    expect(manifest.accentColor).toBe(ICON_BACKGROUND);
    expect(JSON.stringify([...entries].filter(([name]) => name.endsWith('.json')).map(([, b]) => b.toString()))).not.toMatch(/\{\{/);
  });

  it('declares a bot for personal chats, teams and group chats with the commands in German and English', () => {
    const manifest = json(entries.get('manifest.json'));
    const [bot] = manifest.bots;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const personal = bot.commandLists.find((list: Json) => list.scopes.includes('personal'));
    expect(personal.commands.map((c: Json) => c.title)).toEqual(['Hilfe', 'Anbieter finden', 'Mit einem Menschen sprechen']);
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('de');
    const english = json(entries.get('en.json'));
    const index = bot.commandLists.indexOf(personal);
    expect([0, 1, 2].map((i) => english[`bots[0].commandLists[${index}].commands[${i}].title`])).toEqual([
      'Help',
      'Find providers',
      'Talk to a person',
    ]);
  });

  it('lets staff read ticket threads without @mentions (RSC ChannelMessage.Read.Group)', () => {
    const manifest = json(entries.get('manifest.json'));
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
  });

  it('validates the zipped files offline: no network request is made', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network is not allowed in this test'));
    try {
      expect(await appPackageProblems(entries)).toEqual([]);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('contains icons of 192×192 (colour, opaque) and 32×32 (white on transparent)', () => {
    const color = PNG.sync.read(entries.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const alphas = new Set<number>();
    for (let i = 3; i < color.data.length; i += 4) alphas.add(color.data[i]!);
    expect([...alphas]).toEqual([255]);
    const corner = [...color.data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
    expect(`#${corner}`.toUpperCase()).toBe(ICON_BACKGROUND.toUpperCase());
    const centre = (96 * 192 + 96) * 4;
    expect([...color.data.subarray(centre, centre + 3)]).toEqual([255, 255, 255]);

    const outline = PNG.sync.read(entries.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3]! > 0) {
        visible++;
        expect([...outline.data.subarray(i, i + 3)]).toEqual([255, 255, 255]);
      }
    }
    expect(outline.data[3]).toBe(0); // top-left corner is transparent
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32 - 100);
  });
});

describe('npm run manifest on a fresh clone (no settings)', () => {
  it('still builds a valid package with marked placeholders, and warns', async () => {
    const outDir = tempDir();
    const result = await runScript('scripts/buildManifest.ts', ['--out', outDir], {}, 60_000);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/WARNING: MicrosoftAppId is not set/);
    expect(result.stderr).toMatch(/WARNING: PUBLIC_URL is not set/);
    const manifest = json(zipEntries(readFileSync(path.join(outDir, 'appPackage.zip'))).get('manifest.json'));
    expect(manifest.bots[0].botId).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.validDomains).toEqual([PLACEHOLDER_HOST]);
  });
});

describe('npm run manifest with a broken manifest', () => {
  it('exits 1 and prints every schema error', async () => {
    const source = tempDir();
    cpSync(manifestDir, source, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(source, 'manifest.json'), 'utf8')) as Json;
    manifest.bots[0].scopes.push('everyone');
    delete manifest.developer.name;
    writeFileSync(path.join(source, 'manifest.json'), JSON.stringify(manifest));
    const outDir = tempDir();
    const result = await runScript('scripts/buildManifest.ts', ['--source', source, '--out', outDir], configured, 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/manifest\.json: \/developer must have required property 'name'/);
    expect(result.stderr).toMatch(/manifest\.json: \/bots\/0\/scopes\/3 must be equal to one of the allowed values/);
    expect(existsSync(path.join(outDir, 'appPackage.zip'))).toBe(false);
  });
});

describe('package rules beyond the schema', () => {
  const { settings } = manifestSettings({ MicrosoftAppId: appId, PUBLIC_URL: 'https://assistent.example.org' }, '1.2.3');
  let valid: Map<string, Buffer>;

  beforeAll(async () => {
    const built = await assembleAppPackage(manifestDir, settings);
    expect(built.problems).toEqual([]);
    valid = built.files;
  });

  afterEach(() => vi.restoreAllMocks());

  function changed(name: string, edit: (document: Json) => void): Map<string, Buffer> {
    const files = new Map(valid);
    const document = json(files.get(name));
    edit(document);
    files.set(name, Buffer.from(JSON.stringify(document)));
    return files;
  }

  it('finds icons of the wrong size or colour', async () => {
    const swapped = new Map(valid);
    swapped.set('color.png', valid.get('outline.png')!);
    swapped.set('outline.png', valid.get('color.png')!);
    const problems = (await appPackageProblems(swapped)).join('\n');
    expect(problems).toMatch(/color\.png: 32×32, expected 192×192/);
    expect(problems).toMatch(/outline\.png: 192×192, expected 32×32/);
    expect(problems).toMatch(/outline\.png: .* not white/);
  });

  it('finds a localization key that points nowhere and a language that misses a text', async () => {
    const problems = await appPackageProblems(
      changed('en.json', (english) => {
        english['bots[0].commandLists[0].commands[7].title'] = 'Extra';
        delete english['staticTabs[1].name'];
      }),
    );
    expect(problems).toContain('en.json: bots[0].commandLists[0].commands[7].title: no such text in manifest.json');
    expect(problems).toContain('en.json: not translated: staticTabs[1].name');
  });

  it('finds a default language file that differs from the manifest', async () => {
    const problems = await appPackageProblems(changed('de.json', (german) => (german['name.short'] = 'Anders')));
    expect(problems).toContain('de.json: name.short: differs from manifest.json (the default language file must repeat its texts)');
  });

  it('finds placeholders that were not filled and schemas that are not shipped', async () => {
    const problems = await appPackageProblems(
      changed('manifest.json', (manifest) => {
        manifest.validDomains = ['{{host}}'];
        manifest.$schema = 'https://developer.microsoft.com/en-us/json-schemas/teams/v9.99/MicrosoftTeams.schema.json';
      }),
    );
    expect(problems.join('\n')).toMatch(/validDomains\[0\]: placeholder left/);
    expect(problems.join('\n')).toMatch(/v9\.99.*is not shipped by @microsoft\/app-manifest/);
  });

  it('takes a base path from PUBLIC_URL for the tab and warns about what Teams cannot use', () => {
    const withPath = manifestSettings({ MicrosoftAppId: appId, PUBLIC_URL: 'https://www.example.org/assistent/' }, '1.0.0');
    expect(withPath.settings.baseUrl).toBe('https://www.example.org/assistent');
    expect(withPath.settings.host).toBe('www.example.org');
    expect(withPath.warnings).toEqual([]);
    const local = manifestSettings({ MicrosoftAppId: appId, PUBLIC_URL: 'http://localhost:3978' }, '1.0.0');
    expect(local.warnings.join('\n')).toMatch(/not https/);
    expect(local.warnings.join('\n')).toMatch(/port \(3978\)/);
  });

  it('points privacyUrl and termsOfUseUrl at the privacy notice on PUBLIC_URL, or at PRIVACY_URL when set', async () => {
    const developer = json(valid.get('manifest.json')).developer as Json;
    expect(developer.privacyUrl).toBe('https://assistent.example.org/privacy');
    expect(developer.termsOfUseUrl).toBe('https://assistent.example.org/privacy');
    const external = manifestSettings(
      { MicrosoftAppId: appId, PUBLIC_URL: 'https://assistent.example.org', PRIVACY_URL: 'https://www.example.org/datenschutz' },
      '1.0.0',
    );
    const built = await assembleAppPackage(manifestDir, external.settings);
    expect(built.problems).toEqual([]);
    expect((json(built.files.get('manifest.json')).developer as Json).privacyUrl).toBe('https://www.example.org/datenschutz');
  });

  it('renders icons and zips deterministically (same input, same bytes)', async () => {
    expect(renderColorIcon().equals(renderColorIcon())).toBe(true);
    expect(renderOutlineIcon().equals(renderOutlineIcon())).toBe(true);
    const again = await assembleAppPackage(manifestDir, settings);
    expect((await zipAppPackage(again.files)).equals(await zipAppPackage(valid))).toBe(true);
  });
});
