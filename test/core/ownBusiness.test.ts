/**
 * A Dortmund firm looking in Südwestfalen: what the firm is tells whom it seeks only where the request names no one
 * itself. Its own trade is not searched as what is wanted when it names a kind of provider; a firm of the field that
 * seeks partners gets companies of its trade; a firm that offers something at firms there gets the partner who brokers
 * them. Shipped knowledge; sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { projectLexicon, wordsOf } from '../../src/knowledge/lexicon.js';
import { introductionSpans, ownBusinessSpans } from '../../src/core/ownBusiness.js';
import { textWithout } from '../../src/knowledge/wordSpans.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const knowledge = loadKnowledge(shippedKnowledgeDir);
const core = new AssistantCore(new KnowledgeIndex(knowledge));

function reply(text: string): Reply {
  return core.respond({ text, locale: /\b(we|we're|our)\b/i.test(text) ? 'en-US' : 'de-DE' }, emptyMemory()).reply;
}

/** The shown providers' ids, and their kinds, best first. */
function shown(text: string): { ids: string[]; kinds: string[] } {
  const r = reply(text);
  expect(r.kind, text).toBe('providers');
  if (r.kind !== 'providers') return { ids: [], kinds: [] };
  expect(r.search.region).toBe('suedwestfalen');
  return { ids: r.matches.map((m) => m.provider.id), kinds: r.matches.map((m) => m.provider.kind) };
}

/** Topics of the directory that a provider has. */
const topicsOf = (id: string) => knowledge.providers.find((p) => p.id === id)?.topics ?? [];

describe('where users say what their own business is', () => {
  const lexicon = projectLexicon();
  const spanText = (text: string, spans: [number, number][]) => {
    const words = wordsOf(text);
    return spans.map(([start, end]) => text.slice(words[start]!.from, words[end - 1]!.to));
  };

  it('an introduction runs to the need verb, or to "und" when a problem follows', () => {
    const introduction = 'Wir sind ein Dortmunder Softwarehaus und suchen Partner.';
    expect(spanText(introduction, introductionSpans(wordsOf(introduction), lexicon))).toEqual(['Wir sind ein Dortmunder Softwarehaus']);
    const problem = 'Wir sind eine Gießerei in Olpe und bekommen täglich gefälschte Rechnungen.';
    expect(spanText(problem, introductionSpans(wordsOf(problem), lexicon))).toEqual(['Wir sind eine Gießerei in Olpe']);
  });

  it('"als" opening its clause, with the user later in the sentence, introduces the user; "als" elsewhere does not', () => {
    const opening = 'Als Druckerei aus Hagen brauchen wir eine neue Auftragssoftware.';
    expect(spanText(opening, introductionSpans(wordsOf(opening), lexicon))).toEqual(['Als Druckerei aus Hagen']);
    const english = 'As a bakery from Soest, we need an online shop.';
    expect(spanText(english, introductionSpans(wordsOf(english), lexicon))).toEqual(['As a bakery from Soest']);
    const other = 'Wir suchen einen Betrieb als Pilotkunden.';
    expect(introductionSpans(wordsOf(other), lexicon)).toEqual([]);
  });

  it('the subject before the first need verb names the business; a purpose or a possession of the user does not', () => {
    const subject = 'Dortmunder Hosting-Firma sucht Partner im Sauerland.';
    expect(spanText(subject, ownBusinessSpans(wordsOf(subject), lexicon, 0))).toEqual(['Dortmunder Hosting-Firma']);
    const purpose = 'Für ein neues Rechenzentrum suchen wir einen Standort im Sauerland.';
    expect(ownBusinessSpans(wordsOf(purpose), lexicon, 0)).toEqual([]);
    const possession = 'Unsere Lieferkette ist ein Chaos. Wir suchen Hilfe.';
    expect(ownBusinessSpans(wordsOf(possession), lexicon, 0)).toEqual([]);
  });

  it('a possessive and a word for a firm opening a clause, then a verb of offering, introduce the user too', () => {
    const doing = 'Unser junges Start-up baut Roboter für Bäckereien. Wir suchen ein Reallabor.';
    expect(spanText(doing, introductionSpans(wordsOf(doing), lexicon))).toEqual(['Unser junges Start-up baut Roboter für Bäckereien']);
    const english = 'Our company develops chatbots. We need a test site.';
    expect(spanText(english, introductionSpans(wordsOf(english), lexicon))).toEqual(['Our company develops chatbots']);
    // No verb of offering: the clause tells a need or a problem of the firm.
    const problem = 'Unser Betrieb hat ständig Ärger mit Phishing-Mails.';
    expect(introductionSpans(wordsOf(problem), lexicon)).toEqual([]);
    const need = 'Unsere Firma braucht jemanden, der Software entwickelt.';
    expect(introductionSpans(wordsOf(need), lexicon)).toEqual([]);
  });

  it('the rest of the message without the spans', () => {
    const text = 'Wir sind ein Robotik-Start-up und suchen eine Softwarefirma.';
    const words = wordsOf(text);
    expect(textWithout(text, words, introductionSpans(words, lexicon)).trim()).toBe('und suchen eine Softwarefirma.');
  });
});

describe('a Dortmund firm looking in Südwestfalen', () => {
  it.each([
    'Wir sind ein Dortmunder Start-up für maschinelles Lernen und suchen in Südwestfalen eine IT-Firma für den gemeinsamen Vertrieb.',
    'Wir sind ein KI-Start-up aus Dortmund und suchen im Siegerland eine Softwarefirma als Vertriebspartnerin.',
  ])('its own trade is not what it looks for when it names whom it wants (%s)', (text) => {
    const { ids } = shown(text);
    expect(ids.length).toBeGreaterThan(0);
    expect(topicsOf(ids[0]!), ids[0]).not.toContain('ki-data-science');
  });

  it.each([
    "We're a Dortmund hosting company looking for partners in South Westphalia for on-site service at customers there.",
    'Wir sind ein Dortmunder Anbieter für Datenanalyse und suchen Partner in Südwestfalen, die Cloud-Hosting betreiben.',
  ])('a firm of the field seeking partners gets companies of the trade, no research project among the first (%s)', (text) => {
    const { ids, kinds } = shown(text);
    expect(ids[0]).not.toBe('suedwestfalen-agentur');
    expect(topicsOf(ids[0]!)).toContain('cloud-it-infrastruktur');
    expect(kinds.slice(0, 3)).not.toContain('forschung');
  });

  it('a firm that offers courses at firms there: the partner who brokers them comes first', () => {
    const r = reply('Wir sind eine Dortmunder Akademie und möchten Seminare bei Firmen im Sauerland anbieten. Wer stellt den Kontakt her?');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.id).toBe('suedwestfalen-agentur');
    expect(r.matches[0]!.brokers).toBe('suedwestfalen');
  });
});

describe('a request naming no topic after an introduction that names one', () => {
  it('asks for none of the introduction’s topics: plastics research, not start-up support', () => {
    const { ids } = shown('Als junges Start-up aus Dortmund suchen wir in Lüdenscheid Unterstützung bei Kunststoffprodukten.');
    expect(ids[0]).toBe('kunststoff-institut-luedenscheid');
  });

  it.each([
    'Unsere Firma entwickelt Chatbots für Behörden. Wir suchen in Südwestfalen eine Testumgebung.',
    'Unser Startup baut Roboter für Bäckereien. Gibt es in Südwestfalen ein Reallabor, wo wir das zeigen können?',
    'Our startup offers cloud tools for carpenters. We are looking for a test site in South Westphalia.',
  ])('what the firm makes, said in a clause of its own, asks for none of its topics: a test environment (%s)', (text) => {
    const { ids } = shown(text);
    expect(['achenbach-buschhuetten', 'smarte-demonstrationsfabrik-siegen']).toContain(ids[0]);
  });

  it('"Fabriken" are firms sought: the region’s partner brokers them', () => {
    const { ids } = shown('Unser Start-up programmiert Lernsoftware. Wir suchen Fabriken im Sauerland, in denen wir sie ausprobieren dürfen.');
    expect(ids[0]).toBe('suedwestfalen-agentur');
  });

  it('"echte Fabrik" is a test environment, as "real factory" is', () => {
    const { ids } = shown('Wir sind ein Start-up aus Dortmund und würden unsere Steuerung gern in einer echten Fabrik im Siegerland erproben.');
    expect(ids[0]).toBe('smarte-demonstrationsfabrik-siegen');
  });
});
