import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { contentWords } from '../../src/knowledge/analyzer.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { fixtureKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(fixtureKnowledgeDir));

/** Labelled questions against the fixture folder: what a user asks → the entry that must come first. */
const labelled: [question: string, expectedFirstId: string][] = [
  ['Wann wurde die Vereinbarung unterzeichnet?', 'unterzeichnung-de'],
  ['Wo wurde die Brücke unterschrieben?', 'unterzeichnung-de'],
  ['Datum der Unterzeichnung', 'unterzeichnung-de'],
  ['Fand die Unterzeichnung im Rathaus statt?', 'unterzeichnung-de'],
  ['When was the agreement signed?', 'unterzeichnung-en'],
  ['Where did the signing take place?', 'unterzeichnung-en'],
  ['signing date of the bridge', 'unterzeichnung-en'],
  ['Wer sind die Partner?', 'partner-de'],
  ['Welche Organisationen stecken hinter der Brücke?', 'partner-de'],
  ['Who are the partners?', 'partner-en'],
  ['Which organisations are behind the bridge?', 'partner-en'],
  ['Wer ist Geschäftsführerin der Musterstadt Agentur?', 'geschaeftsfuehrer-de'],
  ['Wer leitet die Wirtschaftsförderung Beispielhausen?', 'geschaeftsfuehrer-de'],
  ['Wer ist Erika Mustermann?', 'geschaeftsfuehrer-de'],
  ['Geschaeftsfuehrer', 'geschaeftsfuehrer-de'],
  ['Who is the managing director?', 'geschaeftsfuehrer-en'],
  ['Who is Max Beispiel?', 'geschaeftsfuehrer-en'],
  ['Who runs the Musterstadt Agentur?', 'geschaeftsfuehrer-en'],
  ['Welche Ziele hat die Kooperation?', 'ziele-de'],
  ['Was will die Brücke erreichen?', 'ziele-de'],
  ['Gibt es Beratung für Handwerksbetriebe?', 'ziele-de'],
  ['What are the goals of the cooperation?', 'ziele-en'],
  ['What does the bridge want to achieve?', 'ziele-en'],
  ['Was ist der KI-Lotse?', 'ki-lotse-de'],
  ['Gibt es eine Sprechstunde zu künstlicher Intelligenz?', 'ki-lotse-de'],
  ['What is the KI-Lotse?', 'ki-lotse-en'],
  ['Are there office hours for artificial intelligence?', 'ki-lotse-en'],
  ['Wo finden die Treffen statt?', 'treffpunkt-de'],
  ['Was ist der Zwiebelturm?', 'treffpunkt-de'],
  ['Where do the meetings take place?', 'treffpunkt-en'],
  ['Where does the network meet?', 'treffpunkt-en'],
  ['Was kostet die Teilnahme?', 'kosten-de'],
  ['Ist die Teilnahme kostenlos?', 'kosten-de'],
  ['Fallen Gebühren an?', 'kosten-de'],
  ['What does it cost to take part?', 'kosten-en'],
  ['Is there a fee?', 'kosten-en'],
  ['Welche Hochschule ist beteiligt?', 'hochschule-de'],
  ['Which university takes part?', 'hochschule-en'],
  ['An wen kann ich mich wenden?', 'kontakt-de'],
  ['Wie erreiche ich das Kontaktbüro?', 'kontakt-de'],
  ['Telefonnummer Ansprechpartner', 'kontakt-de'],
  ['Whom can I contact?', 'kontakt-en'],
  ['How do I reach the contact office?', 'kontakt-en'],
  ['Kollaborierende Roboter für kleine Serien', 'greifarm-robotik'],
  ['Greifer aus dem 3D-Drucker', 'greifarm-robotik'],
  ['Penetrationstest für unser Netzwerk', 'schlosswacht-security'],
  ['Hilfe nach einem Hackerangriff', 'schlosswacht-security'],
  ['Simulation unserer Lieferkette', 'institut-warenfluss'],
  ['Lagerplanung', 'institut-warenfluss'],
  ['Meisterkurs im Handwerk', 'handwerkskammer-beispielhausen'],
  ['Zuschüsse für ein Digitalisierungsprojekt', 'foerderlotsen-beispielhausen'],
  ['Antrag für ein Förderprogramm', 'foerderlotsen-beispielhausen'],
  ['Abschlussarbeit mit Studierenden', 'hochschule-musterstadt'],
  ['cybersecurity penetration tests', 'schlosswacht-security'],
  ['warehouse planning', 'institut-warenfluss'],
  ['wer ist der chef der musterstadt agentur', 'geschaeftsfuehrer-de'],
  ['AI office hours', 'ki-lotse-en'],
  ['Roboter', 'greifarm-robotik'],
  ['Kosten', 'kosten-de'],
  ['contact', 'kontakt-en'],
  ['Wann wurde die Vereinbarung unterzeichent?', 'unterzeichnung-de'],
  ['Gesprächstermin im Büro', 'person-de'],
  ['appointment with the office', 'person-en'],
];

describe('ranking of labelled questions (fixture folder)', () => {
  it('has at least 40 labelled questions covering every entry', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(labelled.map(([, id]) => id));
    for (const faq of index.knowledge.faqs) expect(ids, faq.id).toContain(faq.id);
    for (const provider of index.knowledge.providers) expect(ids, provider.id).toContain(provider.id);
  });

  it.each(labelled)('%s → %s', (question, expectedFirstId) => {
    const { hits } = index.search(question);
    expect(hits[0]?.id).toBe(expectedFirstId);
  });
});

describe('each hit says why it matched', () => {
  it.each([
    ['Wann wurde die Vereinbarung unterzeichnet?', ['vereinbarung', 'unterzeichnet']],
    ['Wer ist Erika Mustermann?', ['erika', 'mustermann']],
    ['Lagerplanung Lieferkette', ['lagerplanung', 'lieferkette']],
    ['Which university takes part?', ['university']],
  ])('%s → why contains %j', (question, words) => {
    const [first] = index.search(question).hits;
    expect(first).toBeDefined();
    for (const word of words) expect(first!.why).toContain(word);
  });

  it('names only words of the query (or a synonym of one) in why', () => {
    for (const [question] of labelled) {
      const queryWords = new Set(contentWords(question));
      for (const hit of index.search(question).hits) {
        expect(hit.why.length, `${question} → ${hit.id}`).toBeGreaterThan(0);
        for (const reason of hit.why) {
          const trigger = reason.split(' → ')[0]!;
          for (const word of trigger.split(' ')) expect(queryWords, `${question} → ${hit.id}: ${reason}`).toContain(word);
        }
      }
    }
  });

  it('explains a synonym hit with the word typed and the synonym found', () => {
    const hit = index.search('AI', { type: 'faq', lang: 'de' }).hits.find((h) => h.id === 'ki-lotse-de');
    expect(hit?.why).toContain('ai → ki');
  });

  it('returns no hits for a question the folder cannot answer', () => {
    expect(index.search('Xylophon Quastenflosser').hits).toEqual([]);
  });
});
