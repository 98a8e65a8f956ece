/**
 * The provider card as a user reads it: where its facts come from and how old that source is (instead of a "checked
 * on" day that made old facts look fresh), the reason it matches as running text after its label, and one line of
 * topic tags. How it looks in a browser is tested in test/browser/providerCards.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { providerCard, sourceHost } from '../../src/cards/index.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { Language, ProviderProfile } from '../../src/knowledge/schema.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { sourceDateText, texts } from '../../src/texts.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

type Element = Record<string, unknown> & { type: string };

let index: KnowledgeIndex;
let providers: ProviderProfile[];

beforeAll(() => {
  index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
  providers = index.knowledge.providers;
});

const labels = (provider: ProviderProfile, lang: Language) => provider.topics.map((id) => ({ id, label: index.topic(id)![lang] }));

function cardFor(provider: ProviderProfile, lang: Language, options: { matchedTopics?: string[]; why?: string[] } = {}) {
  const match = { provider, matchedTopics: options.matchedTopics ?? [], why: options.why ?? [], score: 1 };
  return providerCard(match, labels(provider, lang), lang, 'Wir suchen eine Hochschule') as { body: Element[] };
}

/** The text a reader sees in a body element: a text block's text, or a rich text block's runs one after the other. */
function shown(element: Element): string {
  if (element.type === 'RichTextBlock') return (element.inlines as { text: string }[]).map((run) => run.text).join('');
  return String(element.text ?? '');
}

const startingWith = (card: { body: Element[] }, start: string) => card.body.find((element) => shown(element).replace(/\*\*/g, '').startsWith(start));

/** A shipped profile with the given kind of source date, with its source date replaced (the rest as shipped). */
function withSourceDate(sourceDate: string): ProviderProfile {
  const provider = providers.find((p) => p.id === 'tu-dortmund')!;
  return { ...provider, source: 'https://www.tu-dortmund.de/transfer/', sourceDate };
}

describe('the source line of a provider card', () => {
  it.each([
    ['2024', 'de', 'Quelle: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), Stand 2024'],
    ['2024', 'en', 'Source: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), as of 2024'],
    ['2024-05', 'de', 'Quelle: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), Stand Mai 2024'],
    ['2024-05', 'en', 'Source: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), as of May 2024'],
    ['2024-05-13', 'de', 'Quelle: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), Stand 13. Mai 2024'],
    ['2024-05-13', 'en', 'Source: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), as of 13 May 2024'],
    ['undated', 'de', 'Quelle: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), ohne Datum'],
    ['undated', 'en', 'Source: [tu-dortmund.de](https://www.tu-dortmund.de/transfer/), undated'],
  ] as const)('names the source site and its date %s (%s), linked to the page', (sourceDate, lang, line) => {
    const card = cardFor(withSourceDate(sourceDate), lang);
    expect(startingWith(card, texts(lang).providerSourceLabel)?.text).toBe(line);
  });

  it('is on every shipped provider card, in both languages, and no card claims a day it was checked', () => {
    for (const provider of providers) {
      for (const lang of ['de', 'en'] as const) {
        const card = cardFor(provider, lang);
        const line = startingWith(card, texts(lang).providerSourceLabel);
        expect(line?.text, provider.id).toBe(texts(lang).providerSource(`[${sourceHost(provider.source)}](${provider.source})`, provider.sourceDate));
        expect(JSON.stringify(card), provider.id).not.toMatch(/Geprüft am|Verified on/);
        expect(JSON.stringify(card), provider.id).not.toContain(provider.verified);
      }
    }
  });

  it('links a page whose address has brackets without ending the link early', () => {
    const provider = { ...withSourceDate('2024'), source: 'https://de.wikipedia.org/wiki/Kunststoff-Institut_(Lüdenscheid)' };
    expect(startingWith(cardFor(provider, 'de'), 'Quelle')?.text).toBe(
      'Quelle: [de.wikipedia.org](https://de.wikipedia.org/wiki/Kunststoff-Institut_%28L%C3%BCdenscheid%29), Stand 2024',
    );
  });

  it('shows the site without "www."', () => {
    expect(sourceHost('https://www.come-on.de/luedenscheid/x.html?cmp=defrss')).toBe('come-on.de');
    expect(sourceHost('http://westfalenlob.bankstil.de/die-softwareindustrie-in-westfalen')).toBe('westfalenlob.bankstil.de');
  });
});

describe('source dates as a reader says them', () => {
  it.each([
    ['de', '2020-03', 'März 2020'],
    ['en', '2020-03', 'March 2020'],
    ['de', '2022-11-03', '3. November 2022'],
    ['en', '2022-11-03', '3 November 2022'],
    ['de', '2019', '2019'],
  ] as const)('%s: %s → %s', (lang, date, text) => {
    expect(sourceDateText(lang, date)).toBe(text);
  });
});

describe('the reason and the tags of a provider card', () => {
  const provider = () => providers.find((p) => p.id === 'fh-suedwestfalen')!;

  it('puts the label in front of the reason as running text, not in a narrow label column', () => {
    const card = cardFor(provider(), 'de', { matchedTopics: ['forschungstransfer-studierendenprojekte'], why: ['Hochschule', 'Forschungsprojekt'] });
    expect(card.body.some((element) => element.type === 'FactSet')).toBe(false);
    const reason = startingWith(card, 'Warum passend')!;
    expect(reason.type).toBe('RichTextBlock');
    expect(reason.inlines).toEqual([
      { type: 'TextRun', text: 'Warum passend: ', weight: 'Bolder' },
      { type: 'TextRun', text: 'Forschungstransfer & Studierendenprojekte, „Hochschule“, „Forschungsprojekt“' },
    ]);
  });

  it('shows the words a user typed as they are, never as Markdown', () => {
    const card = cardFor(provider(), 'en', { why: ['**bold**', '[link](https://example.org)'] });
    expect(shown(startingWith(card, 'Why it matches')!)).toBe('Why it matches: “**bold**”, “[link](https://example.org)”');
    expect(startingWith(card, 'Why it matches')!.type).toBe('RichTextBlock');
  });

  it('says "—" when nothing in particular matched', () => {
    expect(shown(startingWith(cardFor(provider(), 'de'), 'Warum passend')!)).toBe('Warum passend: —');
  });

  it('keeps the topic tags to one line, the matched topic first', () => {
    const card = cardFor(provider(), 'en', { matchedTopics: ['weiterbildung-fachkraefte'] });
    const tags = startingWith(card, 'Topics')!;
    expect(tags).toMatchObject({ type: 'TextBlock', maxLines: 1 });
    expect(tags.text).toBe('**Topics:** Training & skilled workers · Research transfer & student projects');
  });
});

describe('the reason on the cooperation partner’s card when it brokers a need', () => {
  it.each(['de', 'en'] as const)('(%s) brokering contacts in the region comes first, before the words it shares', (lang) => {
    const provider = providers.find((p) => p.id === 'wirtschaftsfoerderung-dortmund')!;
    const match = { provider, matchedTopics: [], why: ['Digitalisierung'], score: 1, brokers: 'dortmund' as const };
    const card = providerCard(match, labels(provider, lang), lang, 'Unsere Rechnungen sollen digital werden') as { body: Element[] };
    const t = texts(lang);
    const reason = startingWith(card, `${t.providerWhy}: `)!;
    expect(shown(reason)).toBe(`${t.providerWhy}: ${t.providerBrokers('dortmund')}, ${t.quoted('Digitalisierung')}`);
  });
});
