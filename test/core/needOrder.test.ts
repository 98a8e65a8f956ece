/**
 * The order of the providers for a firm's need: among the profiles with a topic the message names, one that covers more
 * of the topics named comes first when it explains nearly as much as the best. Shipped knowledge; sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { topicGroups } from '../../src/core/providerOrder.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));

function reply(text: string): Reply {
  return core.respond({ text, locale: 'de-DE' }, emptyMemory()).reply;
}

describe('a profile covering more of the topics named comes first', () => {
  it('training on AI: a profile with both training and AI before one with AI alone', () => {
    const r = reply('Wir sind eine Spedition aus Siegen und suchen Weiterbildung für unsere Disponenten zum Thema KI.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.topics).toEqual(expect.arrayContaining(['ki-data-science', 'weiterbildung-fachkraefte']));
  });

  it('cloud and security: a profile with both first', () => {
    const r = reply('Gießerei aus Olpe: wir brauchen eine Cloud-Lösung und mehr IT-Sicherheit für unsere Server.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.topics).toEqual(expect.arrayContaining(['cloud-it-infrastruktur', 'it-sicherheit']));
  });

  it('topics sharing a term count as one: a phrase naming both is one topic named', () => {
    const groups = topicGroups(loadKnowledge(shippedKnowledgeDir).topics);
    // "vorausschauende Wartung" is a term of both KI and IoT (topics.yml).
    expect(groups.get('industrie-4-0-iot')).toBe(groups.get('ki-data-science'));
    expect(groups.get('it-sicherheit')).not.toBe(groups.get('weiterbildung-fachkraefte'));
  });
});

describe('a need for a kind of provider asked for by name', () => {
  it('a university found for it is listed, though it explains little of a long message', () => {
    const r = reply('Metallbetrieb aus Brilon: wir würden gern mit einer Hochschule ein Projekt zur Lackierqualität starten.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.kind).toBe('hochschule');
    expect(r.matches[0]!.provider.region).toBe('dortmund');
  });
});
