/**
 * The widget in a real browser (Debian's chromium driven by playwright-core): the demo page, a keyboard user opening
 * the chat, asking a question and reading the answer; and an English page on another website embedding the widget.
 * Nothing may be loaded from anywhere but the assistant's own server.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.js';
import { ANSWER_WORD, QUESTION, removeDataDir, start, type Running } from '../directline/harness.js';

/** The README's screenshot is refreshed on request (`npm run screenshots`), so that a test run changes no tracked file. */
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? path.join(repoRoot, 'docs', 'widget.png')
  : path.join(repoRoot, 'test-results', 'widget.png');

let running: Running;
let browser: Browser;
/** A partner website (another origin) whose English page embeds the widget with one script tag. */
let partner: Server;
let partnerOrigin: string;
const requests: string[] = [];

beforeAll(async () => {
  partner = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Partner</title></head><body><h1>Partner site</h1>
      <script src="${running.baseUrl}/widget.js" defer></script></body></html>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const address = partner.address();
  partnerOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  running = await start({ env: { WIDGET_ALLOWED_ORIGINS: partnerOrigin } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await new Promise((resolve) => partner?.close(resolve));
  if (running) await removeDataDir(running.dataDir);
});

/** A page whose requests may only reach the assistant's server and the partner site; everything else is cut off. */
async function newPage(locale: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(running.baseUrl) || url.startsWith(partnerOrigin)) return route.continue();
    return route.abort();
  });
  return page;
}

const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';

describe('the chat widget in a browser', () => {
  it('opens from the keyboard on the German demo page, answers a question and closes with Escape', async () => {
    const page = await newPage('de-DE');
    await page.goto(`${running.baseUrl}/`);
    await expect(page.title()).resolves.toContain('Digitaler Brückenschlag');

    const launcher = page.getByRole('button', { name: 'Chat mit dem Brückenschlag-Assistenten' });
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const dialog = page.getByRole('dialog', { name: 'Brückenschlag-Assistent' });
    await dialog.waitFor();

    await page.locator(BOT_BUBBLE, { hasText: 'Willkommen beim Brückenschlag-Assistenten' }).waitFor({ timeout: 20_000 });
    // Focus moves into the chat: the user can type right away.
    await page.waitForFunction(() => document.activeElement?.matches('[data-id="webchat-sendbox-input"]') === true);
    expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).not.toMatch(/Type your message/);

    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    await page.locator('.webchat__bubble--from-user', { hasText: QUESTION }).waitFor();
    const answer = page.locator(BOT_BUBBLE, { hasText: ANSWER_WORD });
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.innerText()).toContain('25. Juni 2018');
    // The echo came back with the server's id, so Web Chat does not flag the message as failed.
    await page.waitForTimeout(300);
    expect(await dialog.innerText()).not.toMatch(/fehlgeschlagen|failed/i);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await launcher.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.close();
  }, 60_000);

  it('works in English on a partner website that embeds it with one script tag', async () => {
    const page = await newPage('en-US');
    await page.goto(`${partnerOrigin}/`);
    const launcher = page.getByRole('button', { name: 'Chat with the Brückenschlag assistant' });
    await launcher.click();
    await page.locator(BOT_BUBBLE, { hasText: 'Welcome to the Brückenschlag assistant' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.activeElement?.matches('[data-id="webchat-sendbox-input"]') === true);
    await page.keyboard.type('When and where was the cooperation agreement signed?');
    await page.keyboard.press('Enter');
    const answer = page.locator(BOT_BUBBLE, { hasText: ANSWER_WORD });
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.innerText()).toMatch(/June 2018/);
    await page.getByRole('button', { name: 'Close chat' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.close();
  }, 60_000);

  it('loaded nothing from a CDN or any other outside address', () => {
    const outside = requests.filter((url) => !url.startsWith(running.baseUrl) && !url.startsWith(partnerOrigin));
    expect(outside).toEqual([]);
    expect(requests).toContain(`${running.baseUrl}/widget/webchat.js`);
  });
});
