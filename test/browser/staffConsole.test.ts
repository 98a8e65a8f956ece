/**
 * The staff console in a real browser (Debian's chromium driven by playwright-core): sign in with a staff API token
 * outside Teams, see a ticket arrive live, read the transcript, claim, and write to the user. A `<script>` that a
 * user sent is shown as text and never runs; nothing is loaded from anywhere but the assistant's own server.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { postActivity, teamsMessage } from '../teams/teamsActivities.js';
import {
  STAFF,
  buttonData,
  cardText,
  cardsOf,
  removeDataDir,
  startFakeConnector,
  startHandoffApp,
  type FakeConnector,
  type Running,
} from '../handoff/support.js';

const de = texts('de').handoff;
const SCRIPT_TEXT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const conversationId = 'a:1browser-user';
const user = { id: '29:1nina', name: 'Nina <b>Neugier</b>', aadObjectId: 'n' };

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

/** A page whose requests may only reach the assistant's server. */
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(running.baseUrl)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  return page;
}

describe('the staff console in a browser', () => {
  it('signs in with a staff token, shows a user\'s <script> as text, claims the ticket and writes to the user', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${running.baseUrl}/staff`);

    // Outside Teams the console asks for a staff token.
    await page.getByLabel(de.console.tokenLabel).fill(STAFF.berta.token);
    await page.getByRole('button', { name: de.console.login }).click();
    await page.getByText(de.console.signedInAs(STAFF.berta.name)).waitFor();
    await page.locator('#connection', { hasText: de.console.live }).waitFor();

    // A user sends a script, then asks for a person: the ticket appears live in the list.
    await say({ text: SCRIPT_TEXT });
    await say({ text: 'Ich möchte mit einem Menschen sprechen' });
    const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
    await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
    const entry = page.locator('#queued button', { hasText: user.name });
    await entry.waitFor({ timeout: 10_000 });
    await entry.click();

    const transcript = page.locator('#transcript');
    await transcript.getByText(SCRIPT_TEXT, { exact: true }).waitFor();
    expect(await transcript.locator('script, img').count()).toBe(0);
    expect(await page.locator('#ticket-facts').textContent()).toContain(user.name); // "<b>" shown, not bold
    expect(await page.locator('#ticket b').count()).toBe(0);

    // Only who claimed the ticket can write; claim, then write: the message reaches the user under the staff name.
    expect(await page.locator('#compose').isHidden()).toBe(true);
    await page.getByRole('button', { name: de.claim }).click();
    await page.locator('#ticket-facts', { hasText: de.states.active }).waitFor();
    await page.getByLabel(de.console.message).fill('Guten Tag, ich helfe Ihnen gern weiter.');
    await page.getByRole('button', { name: de.console.send }).click();
    const delivered = await connector.waitFor(
      (call) => call.conversationId === conversationId && call.body?.text?.includes('Guten Tag, ich helfe Ihnen gern weiter.'),
    );
    expect(delivered.body.from.name).toBe(STAFF.berta.name);
    await transcript.locator('li.staff', { hasText: 'Guten Tag, ich helfe Ihnen gern weiter.' }).waitFor();

    // The user's answer arrives live, again as text.
    await say({ text: 'Danke! <i>kursiv?</i>' });
    await transcript.getByText('Danke! <i>kursiv?</i>', { exact: true }).waitFor();
    expect(await transcript.locator('i').count()).toBe(0);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('refuses a wrong token and stays on the sign-in form', async () => {
    const page = await newPage();
    await page.goto(`${running.baseUrl}/staff`);
    await page.getByLabel(de.console.tokenLabel).fill('wrong-token-123456');
    await page.getByRole('button', { name: de.console.login }).click();
    await page.getByText(de.console.loginFailed).waitFor();
    expect(await page.locator('#login').isVisible()).toBe(true);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  });
});
