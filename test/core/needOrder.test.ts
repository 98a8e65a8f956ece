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
import { ProviderOrder, topicGroups } from '../../src/core/providerOrder.js';
import { kindsByName } from '../../src/knowledge/providerNames.js';
import { projectLexicon } from '../../src/knowledge/lexicon.js';
import type { SearchHit } from '../../src/knowledge/searchResult.js';
import type { RegionReading } from '../../src/core/regionReading.js';
import type { WantedKinds } from '../../src/core/wantedKinds.js';

const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
const core = new AssistantCore(index);

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

describe('a profile explaining clearly less than the best keeps its search place among those with a topic named', () => {
  /** A found provider with made-up coverage and topics; the documents are shipped profiles. */
  const hit = (id: string, coverage: number, matchedTopics: string[]): SearchHit => {
    const doc = index.get(id)!;
    return { id, type: 'provider', doc, score: coverage, coverage, vote: 0, why: [], matchedTopics, gaps: [], onlyNames: [] };
  };
  const regions = { target: 'dortmund', targetNamed: false, originNamed: false, targetDistricts: [], targetPlaces: [], originSpans: [], firmIntroduced: false, placeSpans: [] } as unknown as RegionReading;
  const none = { kinds: new Set<string>(), partnerKinds: new Set<string>(), overTopics: false, firms: false, sought: false, named: false } as unknown as WantedKinds;
  const order = new ProviderOrder(index, projectLexicon(), { shown: 4, topicSlack: 0.3, coverMoreSlack: 0.1 });

  it('second in the search, one topic, well below the best: still second', () => {
    const hits = [hit('prologistik', 0.4, ['erp-unternehmenssoftware']), hit('mausbrand', 0.26, ['e-commerce-online-marketing']),
      hit('brytes', 0.35, ['e-commerce-online-marketing']), hit('crownpeak-e-spirit', 0.36, ['e-commerce-online-marketing'])];
    expect(order.order(hits, none, regions).map((h) => h.id)).toEqual(['prologistik', 'mausbrand', 'brytes', 'crownpeak-e-spirit']);
  });

  it('one nearly as good as the best that covers two topics named still comes first', () => {
    const hits = [hit('prologistik', 0.4, ['erp-unternehmenssoftware']), hit('adesso', 0.35, ['erp-unternehmenssoftware', 'softwareentwicklung'])];
    expect(order.order(hits, none, regions).map((h) => h.id)).toEqual(['adesso', 'prologistik']);
  });
});

describe('a provider the message names comes before the broker', () => {
  it('a Dortmund firm seeking firms in Südwestfalen through a provider it names: that provider first, then the partner', () => {
    const r = reply('Wir als Dortmunder Start-up wollen über das Kompetenzzentrum Siegen Firmen für einen Test gewinnen.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches.map((m) => m.provider.id).slice(0, 2)).toEqual(['mittelstand-kompetenzzentrum-siegen', 'suedwestfalen-agentur']);
  });
});

describe('a unit of a university counts as a university when one is asked for', () => {
  it('its parent named in its name gives it the parent’s kind', () => {
    const kinds = kindsByName(loadKnowledge(shippedKnowledgeDir).providers);
    expect([...kinds.get('zess-universitaet-siegen')!].sort()).toEqual(['forschung', 'hochschule']);
    expect([...kinds.get('sfs-tu-dortmund')!].sort()).toEqual(['forschung', 'hochschule']);
    expect([...kinds.get('fraunhofer-iml')!]).toEqual(['forschung']);
  });

  it('a university’s centre explaining more of the need keeps its place before universities explaining less', () => {
    const hit = (id: string, coverage: number): SearchHit => {
      const doc = index.get(id)!;
      return { id, type: 'provider', doc, score: coverage, coverage, vote: 0, why: ['sensorik', 'forschung'], matchedTopics: [], gaps: [], onlyNames: [] };
    };
    const regions = { target: 'suedwestfalen', targetNamed: true, originNamed: false, targetDistricts: [], targetPlaces: [], originSpans: [], firmIntroduced: false, placeSpans: [] } as unknown as RegionReading;
    const university = { kinds: new Set(['hochschule']), partnerKinds: new Set<string>(), overTopics: true, firms: false, sought: true, named: false } as unknown as WantedKinds;
    const order = new ProviderOrder(index, projectLexicon(), { shown: 4, topicSlack: 0.3, coverMoreSlack: 0.1 });
    const hits = [hit('zess-universitaet-siegen', 0.4), hit('fh-suedwestfalen', 0.3), hit('viega', 0.35)];
    expect(order.order(hits, university, regions).map((h) => h.id)).toEqual(['zess-universitaet-siegen', 'fh-suedwestfalen', 'viega']);
  });

  it('a unit found only through its parent’s name is no university partner: it needs two words of its own', () => {
    const hit = (id: string, coverage: number, why: string[]): SearchHit => {
      const doc = index.get(id)!;
      return { id, type: 'provider', doc, score: coverage, coverage, vote: 0, why, matchedTopics: [], gaps: [], onlyNames: [] };
    };
    const order = new ProviderOrder(index, projectLexicon(), { shown: 4, topicSlack: 0.3, coverMoreSlack: 0.1 });
    expect(order.isWanted(hit('zess-universitaet-siegen', 0.4, ['uni → universität', 'siegen']), new Set(['hochschule']))).toBe(false);
    expect(order.isWanted(hit('zess-universitaet-siegen', 0.4, ['uni → universität', 'sensorik', 'messtechnik']), new Set(['hochschule']))).toBe(true);
    expect(order.isWanted(hit('fh-suedwestfalen', 0.4, ['uni → hochschule']), new Set(['hochschule']))).toBe(true);
  });
});

describe('firms sought on the other side for joint work: a firm whose profile explains the need comes before the broker', () => {
  const ids = (text: string) => {
    const r = reply(text);
    expect(r.kind).toBe('providers');
    return r.kind === 'providers' ? r.matches.map((m) => m.provider.id) : [];
  };

  it('developing a product together with a manufacturer: the manufacturer of that field first, then the partner', () => {
    expect(ids('Wir aus Dortmund wollen mit einem Hersteller im Sauerland gemeinsam ein Smart-Home-Produkt entwickeln.').slice(0, 2)).toEqual([
      'busch-jaeger',
      'suedwestfalen-agentur',
    ]);
  });

  it('trying something out together with firms: they are test users, the partner brokers them', () => {
    expect(ids('Wir sind aus Dortmund und möchten mit Firmen im Siegerland gemeinsam eine Logistiklösung testen.')[0]).toBe('suedwestfalen-agentur');
  });

  it('no joint work named: the partner first, as for any firms sought', () => {
    expect(ids('Wir aus Dortmund suchen einen Hersteller im Sauerland für unser Smart-Home-Produkt.')[0]).toBe('suedwestfalen-agentur');
  });
});

describe('a site of the user’s own on the other side with a need named there', () => {
  it('the providers of that need come first, not the partner brokering contacts', () => {
    const r = reply('Wir aus Dortmund eröffnen eine Filiale in Iserlohn. Wer hilft uns, dort Azubis zu finden?');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    // The chamber seated in Hagen works in the Märkischer Kreis, which its profile names.
    expect(r.matches[0]!.provider.id).toBe('sihk-hagen');
  });

  it('a site with no need named: the partner brokers contacts there', () => {
    const r = reply('Wir sind ein Dortmunder Betrieb und eröffnen ein zweites Büro in Meschede.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.id).toBe('suedwestfalen-agentur');
  });
});

describe('a provider named by its short name', () => {
  it('is found through its alias, also with the town apart ("die IHK in Arnsberg")', () => {
    const r = reply('Als Dortmunder Betrieb suchen wir den Kontakt zur IHK in Arnsberg.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.id).toBe('ihk-arnsberg');
  });
});

describe('a provider’s kind is no searched word', () => {
  it('"unser Netzwerk" (the user’s IT) does not find every network organisation before the security firms', () => {
    const r = reply('Unser Netzwerk braucht eine Firewall.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.kind).toBe('unternehmen');
    expect(r.matches[0]!.provider.topics).toContain('it-sicherheit');
  });
});
