/**
 * A firm's need end to end on /api/messages (as Teams posts it): the provider cards come in the order the core gives
 * (a profile covering more of the topics named first; a need naming a kind of provider met by one of that kind).
 * Sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { teamsMessage } from '../teams/teamsActivities.js';
import { providerCardsSent } from '../helpers/providerCards.js';

const app = useTeamsApp();

let conversations = 0;

/** Sends one message in a new personal chat; returns the names of the provider cards sent. */
async function cardNames(text: string): Promise<string[]> {
  const { connector } = app;
  connector.clear();
  await app.send(teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale: 'de-DE', conversationId: `a:need-${++conversations}` }));
  return providerCardsSent(connector, 'de').map((card) => card.name);
}

describe('a firm’s need (via /api/messages)', () => {
  it('training on AI: the digital innovation hub, which offers both, comes first', async () => {
    const names = await cardNames('Wir sind eine Spedition aus Siegen und suchen Weiterbildung für unsere Disponenten zum Thema KI.');
    expect(names.length).toBeGreaterThan(1);
    expect(names[0]).toMatch(/EDIH|Innovation Hub/i);
  });

  it('a project with a university: a Dortmund university first instead of "I don’t know"', async () => {
    const names = await cardNames('Metallbetrieb aus Brilon: wir würden gern mit einer Hochschule ein Projekt zur Lackierqualität starten.');
    expect(names.length).toBeGreaterThan(0);
    const universities = loadKnowledge(shippedKnowledgeDir)
      .providers.filter((p) => p.region === 'dortmund' && p.kind === 'hochschule')
      .map((p) => p.name);
    expect(universities).toContain(names[0]);
  });
});
