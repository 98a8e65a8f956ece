/**
 * A firm from one side whose need, in the cooperation's field, no profile on the other side covers clearly: the
 * cooperation partner of the side looked in comes first (it brokers contacts there), then the best partial matches,
 * each with its reason, instead of "I don't know". Out-of-scope requests stay refused. Shipped knowledge; sentences
 * worded here.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type ConversationMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { projectLexicon, wordsOf } from '../../src/knowledge/lexicon.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));

function reply(text: string, memory: ConversationMemory = emptyMemory()): Reply {
  return core.respond({ text, locale: /\b(we|our)\b/i.test(text) ? 'en-US' : 'de-DE' }, memory).reply;
}

describe('a need no profile covers clearly goes to the other side’s cooperation partner', () => {
  it.each([
    // Statements of a plan of the own company, without a need verb of the usual kind.
    'Wir sind eine Tischlerei aus Attendorn. Unsere Aufträge laufen noch über Zettel und Excel, das soll digital werden.',
    'Unsere Produktion in Meschede soll papierlos werden.',
    'Metallbau aus Lennestadt, 30 Leute. Unsere Angebote schreiben wir in Word, das soll eine Software übernehmen.',
    'We are a bakery chain from Arnsberg and want our orders to arrive digitally instead of by fax.',
  ])('a Südwestfalen firm: the Wirtschaftsförderung Dortmund first, then partial matches (%s)', (text) => {
    const r = reply(text);
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.unexplained).toBe(true);
    expect(r.search.region).toBe('dortmund');
    expect(r.matches[0]!.provider.id).toBe('wirtschaftsfoerderung-dortmund');
    expect(r.matches[0]!.brokers).toBe('dortmund');
    expect(r.matches.length).toBeGreaterThan(1);
    for (const match of r.matches.slice(1)) {
      expect(match.provider.region).toBe('dortmund');
      expect(match.why.length, `${match.provider.id} has a reason`).toBeGreaterThan(0);
    }
    // Of the partial matches, one that shares a word of the cooperation's field comes first ("digital", "Software").
    const field = (reason: string) => projectLexicon().need.field.has(wordsOf(reason.split(' → ')[0]!));
    const shareField = r.matches.slice(1).map((match) => match.why.some(field));
    expect(shareField).toEqual([...shareField].sort((a, b) => Number(b) - Number(a)));
  });

  it('a Dortmund firm: the Südwestfalen Agentur first', () => {
    const r = reply('Wir sind eine Dortmunder Versicherungsagentur und wollen unsere Kundenakten digitalisieren.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.id).toBe('suedwestfalen-agentur');
    expect(r.matches[0]!.brokers).toBe('suedwestfalen');
  });

  it.each([
    ['We want to find partners in Dortmund for vertical farming.', 'wirtschaftsfoerderung-dortmund'],
    ['Partner in Dortmund für Algenzucht gesucht.', 'wirtschaftsfoerderung-dortmund'],
    ['Looking for partners in South Westphalia to work on green ammonia.', 'suedwestfalen-agentur'],
  ])('partners sought in a region named, the user’s own side unsaid: that region’s partner first (%s)', (text, partner) => {
    const r = reply(text);
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.id).toBe(partner);
  });

  it.each([
    'Braucht jemand in Dortmund Testkunden für Lagerroboter? Unser Lager in Attendorn wäre dafür frei.',
    'Is anyone in Dortmund looking for pilot users for warehouse drones? Our site in Olpe could help.',
    'Sucht vielleicht jemand Pilotanwender für Software zur Tourenplanung? Wir sind eine Spedition in Brilon.',
  ])('a firm offering itself to whoever seeks test users: the profiles that fit, not the partner (%s)', (text) => {
    const r = reply(text);
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.region).toBe('dortmund');
    expect(r.matches[0]!.provider.id).not.toBe('wirtschaftsfoerderung-dortmund');
  });

  it('a question for a trade in a region named, no partners sought, stays unanswered', () => {
    const r = reply('Wer in Südwestfalen kennt sich mit Bienenzucht aus?');
    expect(r.kind === 'providers' && r.matches.length > 0).toBe(false);
  });

  it('the side known from the conversation: the firm said where it is before', () => {
    const first = core.respond({ text: 'Wir sind ein Betrieb aus Olpe.', locale: 'de-DE' }, emptyMemory());
    expect(first.memory.origin).toBe('suedwestfalen');
    const r = reply('Unser Fuhrpark soll digital verwaltet werden, bisher nutzen wir ein Fahrtenbuch aus Papier.', first.memory);
    expect(r.kind === 'providers' && r.matches[0]!.provider.id).toBe('wirtschaftsfoerderung-dortmund');
  });

  it('a profile that shares much of the need in words of the field comes first, the partner second', () => {
    const r = reply('Spedition aus Kreuztal: wir möchten unsere Touren digital planen und die Sendungsdaten automatisch weitergeben.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.unexplained).toBe(true);
    expect(r.matches[0]!.brokers).toBeUndefined();
    expect(r.matches[0]!.provider.region).toBe('dortmund');
    const field = (reason: string) => projectLexicon().need.field.has(wordsOf(reason.split(' → ')[0]!));
    expect(r.matches[0]!.why.filter(field).length).toBeGreaterThanOrEqual(2);
    expect(r.matches[1]!.provider.id).toBe('wirtschaftsfoerderung-dortmund');
    expect(r.matches[1]!.brokers).toBe('dortmund');
  });

  it.each([
    // A trade no profile offers, a job, a need outside the cooperation's field: no partner, no providers.
    'Wir sind ein Betrieb aus Olpe und suchen einen Steuerberater für unsere digitale Buchhaltung.',
    'Wir sind ein Betrieb aus Olpe und suchen einen Elektriker für unsere neue Halle.',
    'Wir sind eine Firma aus Olpe und suchen einen Getränkeautomaten für die Kantine.',
    'Ich komme aus Siegen und möchte mich bei einer Dortmunder Softwarefirma bewerben.',
  ])('out of scope stays refused: %s', (text) => {
    const r = reply(text);
    expect(r.kind === 'providers' && r.matches.length > 0).toBe(false);
  });

  it('a need a profile covers clearly is listed as before, without the partner first', () => {
    const r = reply('Wir sind ein Zulieferer aus Olpe und suchen Hilfe bei der IT-Sicherheit.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.unexplained).toBeUndefined();
    expect(r.matches[0]!.provider.topics).toContain('it-sicherheit');
  });
});

describe('a kind named for itself on the side named', () => {
  it('a university there is whom the user asks for, not the partner, though its profile lacks the topic', () => {
    const r = reply('Unser Dortmunder Softwarehaus plant mit einer Hochschule in Lippstadt ein Projekt zu KI.');
    expect(r.kind).toBe('providers');
    if (r.kind !== 'providers') return;
    expect(r.matches[0]!.provider.kind).toBe('hochschule');
    expect(r.matches[0]!.provider.region).toBe('suedwestfalen');
  });
});
