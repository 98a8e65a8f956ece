/**
 * A Dortmund firm looking in Südwestfalen, end to end on /api/messages (as Teams posts it): its own trade is not
 * searched as what it wants, a firm of the field seeking partners gets a company of its trade, and a firm offering
 * courses at firms there gets the partner who brokers them. Sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { teamsMessage } from '../teams/teamsActivities.js';
import { providerCardsSent } from '../helpers/providerCards.js';

const app = useTeamsApp();
const providers = loadKnowledge(shippedKnowledgeDir).providers;

let conversations = 0;

/** Sends one message in a new personal chat; returns the provider cards' names and reasons. */
async function cards(text: string, locale: string) {
  const { connector } = app;
  connector.clear();
  await app.send(teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale, conversationId: `a:own-business-${++conversations}` }));
  return providerCardsSent(connector, locale.startsWith('en') ? 'en' : 'de');
}

describe('a Dortmund firm looking in Südwestfalen (via /api/messages)', () => {
  it('an AI start-up seeking a software house as sales partner gets no AI lab first', async () => {
    const shown = await cards('Wir sind ein KI-Start-up aus Dortmund und suchen im Siegerland eine Softwarefirma als Vertriebspartnerin.', 'de-DE');
    expect(shown.length).toBeGreaterThan(0);
    const aiProviders = providers.filter((p) => p.region === 'suedwestfalen' && p.topics.includes('ki-data-science')).map((p) => p.name);
    expect(aiProviders.some((name) => shown[0]!.name.includes(name)), shown[0]!.name).toBe(false);
  });

  it('a hosting firm seeking partners for on-site service gets an IT service company of the region first', async () => {
    const shown = await cards("We're a Dortmund hosting company looking for partners in South Westphalia for on-site service at customers there.", 'en-US');
    expect(shown[0]?.name).toContain('IT Südwestfalen');
  });

  it('a training firm offering seminars at firms there gets the Südwestfalen Agentur, which brokers them', async () => {
    const shown = await cards('Wir sind eine Dortmunder Akademie und möchten Seminare bei Firmen im Sauerland anbieten. Wer stellt den Kontakt her?', 'de-DE');
    expect(shown[0]?.name).toContain('Südwestfalen Agentur');
    expect(shown[0]!.reason).toContain(texts('de').providerBrokers('suedwestfalen'));
  });
});
