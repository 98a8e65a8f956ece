/**
 * A firm's need that no profile on the other side covers clearly, end to end on /api/messages (as Teams posts it): the
 * reply says why the cooperation partner comes first, its card gives brokering as the reason, and the partial
 * matches after it give theirs. Sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { teamsMessage } from '../teams/teamsActivities.js';
import { providerCardsSent } from '../helpers/providerCards.js';

const app = useTeamsApp();

let conversations = 0;

/** Sends one message in a new personal chat; returns the texts sent and the provider cards' names and reasons. */
async function ask(text: string, locale: string) {
  const { connector } = app;
  connector.clear();
  await app.send(teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale, conversationId: `a:broker-${++conversations}` }));
  const cards = providerCardsSent(connector, locale.startsWith('en') ? 'en' : 'de');
  return { texts: connector.messages().map((call) => (call.body as { text?: string }).text ?? ''), cards };
}

describe('a need no profile covers clearly (via /api/messages)', () => {
  it.each([
    ['de-DE', 'Schlosserei aus Finnentrop: unsere Wartungsprotokolle sollen digital auf dem Tablet entstehen statt auf Papier.', 'Wirtschaftsförderung Dortmund', 'dortmund'],
    ['en-US', 'We are a Dortmund insurance broker and want our paper client files digitised.', 'Südwestfalen Agentur', 'suedwestfalen'],
  ] as const)('(%s) %s → the partner first, with the reason it is shown', async (locale, text, partner, region) => {
    const t = texts(locale.startsWith('en') ? 'en' : 'de');
    const { texts: sent, cards } = await ask(text, locale);
    expect(cards.length).toBeGreaterThan(1);
    expect(cards[0]!.name).toContain(partner);
    expect(cards[0]!.reason).toContain(t.providerBrokers(region));
    expect(sent.some((s) => s === t.providersBrokered(cards[0]!.name, region, cards.length - 1)), sent.join(' / ')).toBe(true);
    for (const card of cards.slice(1)) expect(card.reason, card.name).toMatch(/[„“]/);
  });

  it('a profile covering a good part of the need first: the text names it and the partner after it', async () => {
    const t = texts('de');
    const { texts: sent, cards } = await ask('Spedition aus Kreuztal: wir möchten unsere Touren digital planen und die Sendungsdaten automatisch weitergeben.', 'de-DE');
    expect(cards.length).toBeGreaterThan(1);
    expect(cards[1]!.name).toContain('Wirtschaftsförderung Dortmund');
    expect(cards[1]!.reason).toContain(t.providerBrokers('dortmund'));
    expect(sent.some((s) => s === t.providersPartlyCovered(cards[0]!.name, cards[1]!.name, 'dortmund')), sent.join(' / ')).toBe(true);
  });

  it('a trade no profile offers gets no provider cards', async () => {
    const { cards } = await ask('Wir sind ein Betrieb aus Olpe und suchen einen Dachdecker für unsere Halle.', 'de-DE');
    expect(cards).toHaveLength(0);
  });
});

describe('a firm asking whether there is help it names by topic (via /api/messages)', () => {
  it('"Gibt es eine Beratung …" after "digitaler werden" gets consultancies for digitalisation, not "I don\'t know"', async () => {
    const { cards } = await ask('Druckerei in Lennestadt. Wir müssen digitaler werden. Gibt es eine Beratung, die uns begleitet?', 'de-DE');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]!.name).not.toContain('Wirtschaftsförderung');
    expect(cards[0]!.reason.length).toBeGreaterThan(0);
  });

  it('a forecast from sales data gets a data science provider first', async () => {
    const { cards } = await ask('We are a sawmill in Winterberg and want a demand forecast for our timber.', 'en-US');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]!.name).toBe('Point 8');
  });
});

describe('a Dortmund firm seeking pilot customers without naming Südwestfalen (via /api/messages)', () => {
  it.each([
    ['de-DE', 'Wir sind ein Dortmunder Softwarehaus und suchen Pilotkunden aus der Industrie.'],
    ['en-US', 'We are a logistics start-up from Dortmund and are looking for pilot customers among manufacturers.'],
  ] as const)('(%s) %s → the Südwestfalen Agentur first, as the broker of such contacts', async (locale, text) => {
    const t = texts(locale.startsWith('en') ? 'en' : 'de');
    const { cards } = await ask(text, locale);
    expect(cards.length).toBeGreaterThan(1);
    expect(cards[0]!.name).toContain('Südwestfalen Agentur');
    expect(cards[0]!.reason).toContain(t.providerBrokers('suedwestfalen'));
  });
});
