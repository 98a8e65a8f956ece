/**
 * `npm run gaps` as a curator without console access uses it: the report from the app's database (masked), exported
 * as Markdown and CSV, and `--write` putting an adopted phrasing into the entry's file of a temp copy of the folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/app.js';
import { storeEnv } from '../helpers/testStore.js';
import { CURATOR, WebUser, staffApi, startCurationApp, type CurationApp } from './support.js';

const HEDGED = 'Welche Rolle spielt die TU bei dem Projekt?';
const UNKNOWN = 'Wer bezahlt das alles eigentlich? Ruf an: +49 231 1234567';

let curation: CurationApp;
let env: Record<string, string>;

beforeAll(async () => {
  curation = await startCurationApp();
  const user = await WebUser.open(curation.running.baseUrl);
  await user.send({ text: HEDGED });
  await user.send({ text: UNKNOWN });
  const adopted = await staffApi(curation.running, 'POST', '/api/staff/curation/changes', CURATOR.token, {
    action: 'phrasing',
    entryId: 'anlass-de',
    question: 'Wie kam es eigentlich zu dieser Partnerschaft?',
  });
  expect(adopted.status).toBe(201);
  await curation.running.stop();
  env = { DATA_DIR: curation.running.dataDir, KNOWLEDGE_DIR: curation.knowledgeDir, ...(await storeEnv(curation.running.dataDir)) };
});

afterAll(async () => {
  await curation?.close().catch(() => undefined);
});

describe('npm run gaps', () => {
  it('prints the report and exports it as Markdown and CSV, masked', async () => {
    const md = path.join(path.dirname(curation.knowledgeDir), 'gaps.md');
    const csv = path.join(path.dirname(curation.knowledgeDir), 'gaps.csv');
    const exported = await runScript('scripts/gaps.ts', ['--days', '7', '--lang', 'de', '--export', md], env, 60_000);
    expect(exported.code, exported.stderr).toBe(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toMatch(/^# Knowledge gaps/);
    expect(markdown).toContain(HEDGED);
    expect(markdown).toContain('Wer bezahlt das alles eigentlich? Ruf an: [Telefon]');
    expect(markdown).not.toContain('1234567');
    expect((await runScript('scripts/gaps.ts', ['--export', csv], env, 60_000)).code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^count,lang,first_seen/);
    expect(rows.length).toBe(3);
    expect(readFileSync(csv, 'utf8')).toContain('[Telefon]');
  }, 120_000);

  it('--write puts the adopted phrasing into the entry\'s file and retires the change', async () => {
    const file = path.join(curation.knowledgeDir, 'faq', 'de', 'anlass-de.md');
    expect(readFileSync(file, 'utf8')).not.toContain('Wie kam es eigentlich zu dieser Partnerschaft?');
    const written = await runScript('scripts/gaps.ts', ['--write'], env, 60_000);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('faq/de/anlass-de.md');
    expect(readFileSync(file, 'utf8')).toContain('  - "Wie kam es eigentlich zu dieser Partnerschaft?"');
    const check = await runScript('scripts/knowledgeCheck.ts', [curation.knowledgeDir], env, 60_000);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 120_000);
});
