/**
 * Provider cards as a user sees them in the website widget (Debian's chromium driven by playwright-core): on a phone
 * (400 and 360 px wide, where the widget fills the screen) and on a desktop page (the widget's 400-px panel). Every
 * card must keep its text inside the card, break no label or word in the middle ("Waru m pass end", "The men"), keep
 * the reason it matches readable and its topic tags on one line, and say where its facts come from and how old they are.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceHost } from '../../src/cards/index.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { Language } from '../../src/knowledge/schema.js';
import { texts } from '../../src/texts.js';
import { launchChromium } from '../helpers/browser.js';
import { repoRoot, shippedKnowledgeDir } from '../helpers/app.js';
import { removeDataDir, start, type Running } from '../directline/harness.js';

/** The docs' screenshot of a provider answer on a phone is refreshed on request (`npm run screenshots`). */
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? path.join(repoRoot, 'docs', 'widget-providers.png')
  : path.join(repoRoot, 'test-results', 'widget-providers.png');

const { providers } = loadKnowledge(shippedKnowledgeDir);
let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
});

/** What the page reports about one provider card. */
interface CardLayout {
  /** The card's first line (the provider's name). */
  name: string;
  /** Text elements reaching past the card's edges or wider than their own box. */
  overflowing: string[];
  /** Words (pieces between spaces, hyphens and slashes) whose letters are spread over two lines. */
  brokenWords: string[];
  /** Labels of the card found in it, and how many visible lines each of their words takes. */
  labels: { label: string; found: boolean }[];
  /** Visible lines of the summary (the text block after name and kind). */
  summaryLines: number;
  /** Visible lines of the topic tags; the text shown there. */
  tagLines: number;
  tagText: string;
  /** The reason line: its text, and whether any of it is cut off. */
  reasonText: string;
  reasonClipped: boolean;
  /** The line naming the source and its date. */
  sourceText: string;
}

/** Measures every provider card on the page (the cards carrying the reason label). */
async function providerCardLayouts(page: Page, lang: Language): Promise<CardLayout[]> {
  const t = texts(lang);
  const labels = { why: t.providerWhy, topics: t.providerTopics, source: t.providerSourceLabel };
  return page.evaluate((labels) => {
    /** Distinct rendered lines of a text range, counting only lines inside `visibleBottom`. */
    const lineCount = (range: Range, visibleBottom = Infinity): number =>
      new Set(
        Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.top < visibleBottom - 1).map((rect) => Math.round(rect.top)),
      ).size;
    const textElements = (card: Element) => Array.from(card.querySelectorAll<HTMLElement>('.ac-textBlock, .ac-richTextBlock, .ac-factset'));
    const startingWith = (card: Element, label: string) => textElements(card).find((el) => el.innerText.trim().startsWith(label));

    const cards = Array.from(document.querySelectorAll<HTMLElement>('.ac-adaptiveCard')).filter((card) => card.innerText.includes(labels.why));
    return cards.map((card) => {
      const box = card.getBoundingClientRect();
      const overflowing = textElements(card)
        .filter((el) => {
          const rect = el.getBoundingClientRect();
          return rect.width > 0 && (rect.left < box.left - 1 || rect.right > box.right + 1 || el.scrollWidth > el.clientWidth + 1);
        })
        .map((el) => el.innerText.slice(0, 80));

      const brokenWords: string[] = [];
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const parent = node.parentElement?.closest<HTMLElement>('.ac-textBlock, .ac-richTextBlock, .ac-factset, .ac-pushButton');
        if (!parent) continue;
        const visibleBottom = parent.getBoundingClientRect().bottom;
        for (const word of node.data.matchAll(/[^\s\-–/]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (lineCount(range, visibleBottom) > 1) brokenWords.push(word[0]);
        }
      }

      const visibleLines = (element: HTMLElement | undefined) => {
        if (!element) return 0;
        const range = document.createRange();
        range.selectNodeContents(element);
        return lineCount(range, element.getBoundingClientRect().bottom);
      };
      const tags = startingWith(card, labels.topics);
      const reason = startingWith(card, labels.why);
      const source = startingWith(card, labels.source);
      return {
        name: card.innerText.trim().split('\n')[0] ?? '',
        overflowing,
        brokenWords,
        labels: Object.values(labels).map((label) => ({ label, found: card.innerText.includes(label) })),
        summaryLines: visibleLines(textElements(card)[2]),
        tagLines: visibleLines(tags),
        tagText: tags?.innerText.trim() ?? '',
        reasonText: reason?.innerText.trim() ?? '',
        reasonClipped: reason ? reason.scrollHeight > reason.clientHeight + 1 : true,
        // Web Chat puts zero-width spaces around a link's text.
        sourceText: source?.innerText.replace(/\u200b/g, '').trim() ?? '',
      };
    });
  }, labels);
}

/** Opens the widget on the demo page at `width`, asks `question` and waits until the provider cards are laid out. */
async function providerAnswer(width: number, lang: Language, question: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 860 }, locale: lang === 'de' ? 'de-DE' : 'en-US' });
  await page.goto(`${running.baseUrl}/`);
  await page.locator('.bs-chat-launcher').click();
  // As a user does: write once the welcome is there (the connection is up); keys typed before could be lost when the
  // send box is drawn anew on connecting.
  await page.locator('.webchat__bubble').first().waitFor({ timeout: 20_000 });
  await page.locator('[data-id="webchat-sendbox-input"]').focus();
  await page.waitForFunction(() => document.activeElement?.matches('[data-id="webchat-sendbox-input"]') === true, undefined, { timeout: 20_000 });
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  await page.locator('.ac-adaptiveCard', { hasText: texts(lang).providerWhy }).first().waitFor({ timeout: 20_000 });
  // Web Chat scrolls the new message into view and the card images of the carousel settle.
  await page.waitForTimeout(500);
  return page;
}

function expectReadable(layouts: CardLayout[], lang: Language): void {
  const t = texts(lang);
  expect(layouts.length).toBeGreaterThan(0);
  for (const card of layouts) {
    expect(card.overflowing, `${card.name}: text outside the card`).toEqual([]);
    expect(card.brokenWords, `${card.name}: words broken over two lines`).toEqual([]);
    expect(card.labels.filter((label) => !label.found).map((label) => label.label), `${card.name}: labels`).toEqual([]);
    expect(card.reasonText, card.name).toMatch(new RegExp(`^${t.providerWhy}:? \\S`));
    expect(card.reasonClipped, `${card.name}: the reason is cut off`).toBe(false);
    expect(card.summaryLines, `${card.name}: lines of the summary`).toBeGreaterThan(0);
    expect(card.summaryLines, `${card.name}: lines of the summary`).toBeLessThanOrEqual(4);
    expect(card.tagText, card.name).toMatch(new RegExp(`^${t.providerTopics}:? \\S`));
    expect(card.tagLines, `${card.name}: lines of topic tags`).toBe(1);
    // What the profile says about its source, as the card must show it ("Quelle: tu-dortmund.de, Stand 2024").
    const provider = providers.find((p) => p.name === card.name);
    expect(provider, `a profile named ${card.name}`).toBeDefined();
    expect(card.sourceText).toBe(t.providerSource(sourceHost(provider!.source), provider!.sourceDate));
  }
}

describe('provider cards in the widget', () => {
  it('read well on a 400-px phone: a Dortmund firm looking for a university in Südwestfalen', async () => {
    const page = await providerAnswer(400, 'de', 'Wir sind ein Dortmunder IT-Unternehmen und suchen eine Hochschule in Südwestfalen für ein Forschungsprojekt');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expectReadable(await providerCardLayouts(page, 'de'), 'de');
    await page.close();
  }, 60_000);

  it('read well on a 360-px phone in English', async () => {
    const page = await providerAnswer(360, 'en', 'We are looking for help with AI in our production');
    expectReadable(await providerCardLayouts(page, 'en'), 'en');
    await page.close();
  }, 60_000);

  it('read well in the widget panel of a desktop page', async () => {
    const page = await providerAnswer(1280, 'de', 'Wir suchen Unterstützung bei IT-Sicherheit nach einem Hackerangriff');
    expectReadable(await providerCardLayouts(page, 'de'), 'de');
    await page.close();
  }, 60_000);
});
