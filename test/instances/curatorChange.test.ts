/**
 * Two instances on one PostgreSQL database: a curator change made on one is announced with NOTIFY, and the other
 * rebuilds its index by itself; both then serve the same knowledge version and answer the adopted question directly.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, start, type Running } from '../directline/harness.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { CURATOR, NOT_CURATOR, WebUser, staffApi } from '../curation/support.js';

const QUESTION = 'Was hat ein mittelgroßer Betrieb konkret davon?';
let a: Running;
let b: Running;
let knowledgeDir: string;

beforeAll(async () => {
  knowledgeDir = path.join(mkdtempSync(path.join(tmpdir(), 'instances-knowledge-')), 'knowledge');
  cpSync(shippedKnowledgeDir, knowledgeDir, { recursive: true });
  const env = {
    KNOWLEDGE_DIR: knowledgeDir,
    STAFF_API_TOKENS: `${CURATOR.name}:${CURATOR.token},${NOT_CURATOR.name}:${NOT_CURATOR.token}`,
    STAFF_CURATORS: `token:${CURATOR.name}`,
  };
  a = await start({ env });
  b = await start({ env, dataDir: a.dataDir });
});

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  if (a) await removeDataDir(a.dataDir);
  rmSync(path.dirname(knowledgeDir), { recursive: true, force: true });
});

const version = async (running: Running) => ((await (await fetch(`${running.baseUrl}/healthz`)).json()) as any).knowledge.version as string;

describe('a curator change with two instances', () => {
  it('rebuilds the other instance through the database notice', async () => {
    expect(await version(b)).toBe(await version(a));
    const before = await version(b);
    const changed = await staffApi(a, 'POST', '/api/staff/curation/changes', CURATOR.token, { action: 'phrasing', entryId: 'mitmachen-de', question: QUESTION });
    expect(changed.status).toBe(201);
    await expect.poll(() => version(b), { timeout: 20_000, interval: 200 }).not.toBe(before);
    expect(await version(b)).toBe(await version(a));
    const reply = await (await WebUser.open(b.baseUrl)).send({ text: QUESTION });
    expect(reply[0]!.text).toContain('Quelle:');
  });
});
