/**
 * The staff console's privacy tools in a real browser: a staff member exports a ticket's user data as a JSON file
 * (Art. 15) and deletes it after a confirmation; the ticket stays, anonymised, and the audit log has both. A Markdown
 * image the user wrote stays text: the console makes no request to its host.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANONYMISED } from '../../src/handoff/personalData.js';
import { texts } from '../../src/texts.js';
import { STAFF, buttonData, cardText, cardsOf, removeDataDir, startFakeConnector, startHandoffApp, staffApi, type FakeConnector, type Running } from '../handoff/support.js';
import { launchChromium } from '../helpers/browser.js';
import { rowsMentioning } from '../privacy/support.js';
import { postActivity, teamsMessage } from '../teams/teamsActivities.js';

const de = texts('de').handoff;
const conversationId = 'a:1privacy-console-user';
const user = { id: '29:1paula', name: 'Paula Privat', aadObjectId: 'p' };
const IMAGE = 'Unser Logo: ![Logo](http://198.51.100.7/logo.png) PAULAMARK';

let running: Running;
let connector: FakeConnector;
let browser: Browser;
const foreignRequests: string[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startHandoffApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
});

function say(message: { text?: string; value?: unknown }) {
  return postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, from: user, ...message }));
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', acceptDownloads: true });
  page.on('request', (request) => {
    if (!request.url().startsWith(running.baseUrl) && !request.url().startsWith('blob:')) foreignRequests.push(request.url());
  });
  return page;
}

it('exports the user data as JSON and deletes it from the console, with audit entries', async () => {
  await say({ text: IMAGE });
  await say({ text: 'Ich möchte mit einem Menschen sprechen' });
  const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
  await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });

  const page = await newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto(`${running.baseUrl}/staff`);
  await page.getByLabel(de.console.tokenLabel).fill(STAFF.berta.token);
  await page.getByRole('button', { name: de.console.login }).click();
  const entry = page.locator('#queued button', { hasText: user.name });
  await entry.waitFor({ timeout: 10_000 });
  await entry.click();
  await page.locator('#transcript').getByText(IMAGE, { exact: true }).waitFor();

  // Export: a JSON file with this user's data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: de.console.exportData }).click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { subject: { conversationIds: string[] }; data: Record<string, unknown[]> };
  expect(exported.subject.conversationIds).toEqual([conversationId]);
  expect(JSON.stringify(exported.data['handoff transcripts'])).toContain('PAULAMARK');

  // Delete, after the confirmation: the ticket stays, anonymised.
  await page.getByRole('button', { name: de.console.deleteData }).click();
  await page.locator('#ticket-facts', { hasText: ANONYMISED }).waitFor();
  expect(dialogs).toEqual([de.console.deleteConfirm]);
  expect(await rowsMentioning(running.app.db, ['PAULAMARK', user.name, conversationId])).toEqual({});

  const audit = (await staffApi(running, 'GET', '/api/staff/audit', STAFF.berta.token)).body.entries as { action: string; actor: { name: string } }[];
  expect(audit.filter((e) => e.actor.name === STAFF.berta.name).map((e) => e.action)).toEqual(expect.arrayContaining(['transcript.read', 'export', 'delete']));
  expect(foreignRequests).toEqual([]);
  await page.close();
});
