/**
 * Privacy in a real browser (Debian's chromium via playwright-core):
 * - the widget's first screen links the privacy notice, which the server serves in German and English;
 * - a Markdown image in a message (e.g. from staff) is shown as a link: the browser sends no request to its host,
 *   also on a partner page without a CSP of ours; the demo page refuses foreign images by CSP too;
 * - the widget's "Meine Daten löschen" asks, deletes, shows what was deleted and forgets the conversation.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts, widgetTexts } from '../../src/texts.js';
import { removeDataDir, start, type Running } from '../directline/harness.js';
import { launchChromium } from '../helpers/browser.js';
import { rowsMentioning } from '../privacy/support.js';

const de = texts('de');
const CONTROLLER = 'Südwestfalen Agentur GmbH, Olpe';

let running: Running;
let browser: Browser;
let partner: Server;
let partnerOrigin: string;
/** A third party: any request reaching it is a leak. */
let foreign: Server;
let foreignOrigin: string;
const foreignHits: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  foreign = createServer((req, res) => {
    foreignHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end();
  });
  foreignOrigin = await listen(foreign);
  partner = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="de"><head><title>Partner</title></head><body><h1>Partner</h1>
      <script src="${running.baseUrl}/widget.js" defer></script></body></html>`);
  });
  partnerOrigin = await listen(partner);
  running = await start({ env: { WIDGET_ALLOWED_ORIGINS: partnerOrigin, PRIVACY_CONTROLLER: CONTROLLER, PRIVACY_CONTACT: 'datenschutz@example.org' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await new Promise((resolve) => partner?.close(resolve));
  await new Promise((resolve) => foreign?.close(resolve));
  if (running) await removeDataDir(running.dataDir);
});

async function openWidget(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'de-DE' });
  await page.goto(url);
  await page.getByRole('button', { name: /Chat mit dem Brückenschlag-Assistenten/ }).click();
  await page.locator('.webchat__bubble', { hasText: 'Willkommen beim Brückenschlag-Assistenten' }).waitFor({ timeout: 20_000 });
  return page;
}

const conversationOf = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem('brueckenschlag-chat') ?? 'null') as { conversationId: string } | null)?.conversationId);

/** The conversation the widget keeps, once it has stored one (it may store it just after the welcome is shown). */
async function storedConversation(page: Page): Promise<string | undefined> {
  await page
    .waitForFunction(() => (JSON.parse(sessionStorage.getItem('brueckenschlag-chat') ?? 'null') as { conversationId?: string } | null)?.conversationId, undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  return conversationOf(page);
}

describe('privacy in the widget', () => {
  it('links the privacy notice on the first screen, and /privacy tells what is stored, in German and English', async () => {
    const page = await openWidget(`${running.baseUrl}/`);
    const link = page.getByRole('link', { name: widgetTexts.de.privacyLink });
    expect(await link.getAttribute('href')).toBe(`${running.baseUrl}/privacy?lang=de`);
    await page.close();

    const german = await fetch(`${running.baseUrl}/privacy`);
    expect(german.status).toBe(200);
    expect(german.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await german.text();
    expect(html).toContain('Datenschutzhinweise');
    expect(html).toContain(CONTROLLER);
    expect(html).toContain('30 Tage nach der letzten Nachricht');
    expect(html).toContain('180 Tage nach dem Abschluss');
    const english = await (await fetch(`${running.baseUrl}/privacy?lang=en`)).text();
    expect(english).toContain('Privacy notice');
    expect(english).toContain('90 days');
  });

  it('shows a Markdown image in a message as a link and never contacts its host', async () => {
    // On a partner page: no CSP of ours protects it, the widget itself must not load the image.
    const page = await openWidget(`${partnerOrigin}/`);
    const conversationId = await storedConversation(page);
    expect(conversationId).toBeTruthy();
    await running.app.conversations.append(conversationId!, {
      type: 'message',
      from: { id: 'staff', name: 'Berta Berger', role: 'bot' } as never,
      text: `**Berta Berger:** Unser Logo: ![Logo](${foreignOrigin}/pixel.png?from=widget)`,
      textFormat: 'markdown',
      timestamp: new Date().toISOString(),
    } as never);
    const link = page.locator(`a[href="${foreignOrigin}/pixel.png?from=widget"]`);
    await link.waitFor({ timeout: 15_000 });
    expect(await page.locator(`img[src^="${foreignOrigin}"]`).count()).toBe(0);
    await page.waitForTimeout(500);
    expect(foreignHits).toEqual([]);
    await page.close();

    // The pages this server shows allow images from itself only.
    const demo = await fetch(`${running.baseUrl}/`);
    expect(demo.headers.get('content-security-policy')).toBe("img-src 'self' data: blob:");
  });

  it('deletes the data from the widget menu after confirmation and starts afresh next time', async () => {
    const page = await openWidget(`${running.baseUrl}/`);
    const conversationId = (await storedConversation(page))!;
    await page.locator('[data-id="webchat-sendbox-input"]').fill('Wer leitet die Südwestfalen Agentur? BROWSERMARK');
    await page.keyboard.press('Enter');
    await page.locator('.webchat__bubble--from-user', { hasText: 'BROWSERMARK' }).waitFor();

    await page.getByRole('button', { name: widgetTexts.de.deleteData }).click();
    await page.locator('.ac-pushButton', { hasText: de.privacy.confirmYes }).click();
    await page.locator('.webchat__bubble', { hasText: 'Erledigt. Gelöscht bzw. anonymisiert' }).waitFor({ timeout: 15_000 });
    await page.getByText(widgetTexts.de.ended).waitFor();
    expect(await conversationOf(page)).toBeUndefined();
    expect(await page.getByRole('button', { name: widgetTexts.de.deleteData }).isDisabled()).toBe(true);
    expect(await rowsMentioning(running.app.db, ['BROWSERMARK'])).toEqual({});

    // Closing and opening again starts a new conversation.
    await page.getByRole('button', { name: 'Chat schließen' }).click();
    await page.getByRole('button', { name: /Chat mit dem Brückenschlag-Assistenten/ }).click();
    await page.locator('.webchat__bubble', { hasText: 'Willkommen beim Brückenschlag-Assistenten' }).waitFor({ timeout: 20_000 });
    const next = await storedConversation(page);
    expect(next).toBeTruthy();
    expect(next).not.toBe(conversationId);
    await page.close();
  });
});
