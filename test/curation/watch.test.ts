/**
 * KNOWLEDGE_WATCH=true: a curator edits the folder on the server, and the assistant rebuilds by itself (no restart, no
 * reload call); the knowledge version in /healthz changes and the new phrasing is answered directly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQuestionToFile } from '../../src/knowledge/curatorChanges.js';
import { WebUser, startCurationApp, type CurationApp } from './support.js';

const QUESTION = 'Was hat ein mittelgroßer Betrieb konkret davon?';
let curation: CurationApp;

beforeAll(async () => {
  curation = await startCurationApp({ KNOWLEDGE_WATCH: 'true' });
});

afterAll(async () => {
  await curation?.close();
});

const version = async () => ((await (await fetch(`${curation.running.baseUrl}/healthz`)).json()) as any).knowledge.version as string;

describe('KNOWLEDGE_WATCH', () => {
  it('rebuilds when a file of the folder changes', async () => {
    const before = await version();
    const first = await (await WebUser.open(curation.running.baseUrl)).send({ text: QUESTION });
    expect(first[0]!.text ?? '').not.toContain('Quelle:');
    const file = path.join(curation.knowledgeDir, 'faq', 'de', 'mitmachen-de.md');
    writeFileSync(file, addQuestionToFile(readFileSync(file, 'utf8'), QUESTION));
    await expect.poll(version, { timeout: 20_000, interval: 200 }).not.toBe(before);
    const again = await (await WebUser.open(curation.running.baseUrl)).send({ text: QUESTION });
    expect(again[0]!.text).toContain('Quelle:');
  });
});
