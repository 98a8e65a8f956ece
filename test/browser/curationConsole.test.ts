/**
 * The knowledge-gaps view of the staff console in a real browser: a website user's vote, "did you mean" click and
 * unanswered question appear with personal data masked, the weekly chart is drawn inline, and a curator adopts the
 * hedged question as a phrasing from the console, after which the same question is answered directly.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { launchChromium } from '../helpers/browser.js';
import { CURATOR, NOT_CURATOR, WebUser, cards, feedbackData, startCurationApp, type CurationApp } from '../curation/support.js';

const de = texts('de');
const HEDGED = 'Was hat ein mittelgroßer Betrieb konkret davon?';
const ANSWERED = 'Wann wurde die Kooperationsvereinbarung unterzeichnet?';
const UNKNOWN = 'Wie teuer ist eine Wohnung in Dortmund? Schreiben Sie mir an anna.muster@example.org';

let curation: CurationApp;
let browser: Browser;
const foreignRequests: string[] = [];

beforeAll(async () => {
  curation = await startCurationApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await curation?.close();
});

async function signedIn(token: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(curation.running.baseUrl)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  await page.goto(`${curation.running.baseUrl}/staff`);
  await page.getByLabel(de.handoff.console.tokenLabel).fill(token);
  await page.getByRole('button', { name: de.handoff.console.login }).click();
  await page.getByRole('button', { name: de.curation.tab }).click();
  await page.getByRole('heading', { name: de.curation.heading }).waitFor();
  return page;
}

const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';

describe('feedback in the website widget', () => {
  it('takes a 👎 with a reason under an answer and a "did you mean" click, and thanks the user', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'de-DE' });
    await page.goto(`${curation.running.baseUrl}/`);
    await page.getByRole('button', { name: 'Chat mit dem Brückenschlag-Assistenten' }).click();
    await page.locator(BOT_BUBBLE, { hasText: 'Willkommen beim Brückenschlag-Assistenten' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.activeElement?.matches('[data-id="webchat-sendbox-input"]') === true);

    await page.keyboard.type(HEDGED);
    await page.keyboard.press('Enter');
    const offer = page.locator(BOT_BUBBLE, { hasText: de.didYouMean });
    await offer.waitFor({ timeout: 20_000 });
    await offer.getByRole('button').first().click();
    await page.getByRole('button', { name: de.feedback.dislike }).first().waitFor({ timeout: 20_000 });

    await page.locator('[data-id="webchat-sendbox-input"]').fill(ANSWERED);
    await page.keyboard.press('Enter');
    const answer = page.locator(BOT_BUBBLE, { hasText: 'Arnsberg' }).last();
    await answer.waitFor({ timeout: 20_000 });
    // The feedback card is the answer's attachment, drawn by Web Chat as the bubble after the text.
    await page.getByRole('button', { name: de.feedback.tellMore }).last().click();
    await page.getByLabel(de.feedback.reasons.outdated!).last().check();
    await page.getByRole('button', { name: de.feedback.send }).last().click();
    await page.locator(BOT_BUBBLE, { hasText: de.feedback.thanks }).waitFor({ timeout: 20_000 });

    await expect
      .poll(async () => (await curation.running.app.questionLog.list()).find((row) => row.text === ANSWERED)?.reason, { timeout: 10_000 })
      .toBe('outdated');
    const hedged = (await curation.running.app.questionLog.list()).find((row) => row.text === HEDGED);
    expect(hedged?.clickedId).toBe(hedged?.chosen[0]?.id);
    await page.close();
  }, 90_000);
});

describe('the knowledge-gaps view in a browser', () => {
  let clickedId: string;

  it('shows a vote, a "did you mean" click and an unanswered question, masked, with the weekly chart', async () => {
    const user = await WebUser.open(curation.running.baseUrl);
    const offered = cards(await user.send({ text: HEDGED }))[0].actions.map((a: any) => a.data);
    clickedId = offered[0].id;
    await user.send({ value: offered[0] });
    const answered = await user.send({ text: ANSWERED });
    await user.send({ value: { ...feedbackData(answered, 'dislike'), reason: 'incomplete' } });
    await user.send({ text: UNKNOWN });

    const page = await signedIn(NOT_CURATOR.token);
    const gaps = page.locator('#gaps');
    await gaps.getByText('Wie teuer ist eine Wohnung in Dortmund? Schreiben Sie mir an [E-Mail]', { exact: true }).waitFor();
    // The widget test above asked and clicked too: two of each.
    await gaps.locator('.gap', { hasText: HEDGED }).getByText(de.curation.clicks(2), { exact: false }).waitFor();
    await gaps.locator('.gap', { hasText: ANSWERED }).getByText('2× 👎', { exact: false }).waitFor();
    expect(await gaps.textContent()).not.toContain('anna.muster@example.org');
    expect(await gaps.locator('svg.quality-chart rect').count()).toBeGreaterThan(0);
    // Staff who do not curate see the report, not the actions.
    expect(await gaps.getByRole('button', { name: de.curation.adopt }).count()).toBe(0);
    await page.close();
  }, 90_000);

  it('lets a curator adopt the hedged question as a phrasing; then it is answered directly', async () => {
    const page = await signedIn(CURATOR.token);
    const group = page.locator('#gaps .gap', { hasText: HEDGED });
    await group.locator('select.entry-picker').selectOption(clickedId);
    await group.getByRole('button', { name: de.curation.adopt }).click();
    await page.getByText(de.curation.done).waitFor();
    await page.locator('#gaps .gap', { hasText: HEDGED }).waitFor({ state: 'detached' });

    const reply = await (await WebUser.open(curation.running.baseUrl)).send({ text: HEDGED });
    const entry = curation.running.app.knowledge.get().index.get(clickedId);
    expect(entry?.type).toBe('faq');
    expect(reply[0]!.text).toContain(de.answerSource(entry!.type === 'faq' ? entry!.title : ''));
    expect(foreignRequests).toEqual([]);
    await page.close();
  }, 90_000);
});
