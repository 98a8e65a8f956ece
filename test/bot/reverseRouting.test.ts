/**
 * The cooperation's other direction, end to end: a Dortmund firm asks on /api/messages (as Teams posts it) for a
 * partner in Südwestfalen and gets provider cards from Südwestfalen, each with the reason it matches, a fitting one
 * first. The questions are worded here, apart from the evaluation set (test/eval/questions.jsonl, reverse-routing).
 *
 * Which profiles fit follows the labelling rule of that category (docs/quality.md): the profile states an offer
 * that serves the need.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderProfile } from '../../src/knowledge/schema.js';
import { startApp, type RunningApp } from '../helpers/app.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { postActivity, teamsMessage } from '../teams/teamsActivities.js';
import { providerCardsSent } from '../helpers/providerCards.js';

let running: RunningApp;
let connector: FakeConnector;
let providers: ProviderProfile[];

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startApp();
  providers = running.app.knowledge.get().index.knowledge.providers;
});

afterAll(async () => {
  await running?.close();
  await connector?.close();
});

/** Universities of Südwestfalen and their research centres. */
const universities = ['fh-suedwestfalen', 'hochschule-hamm-lippstadt', 'universitaet-siegen', 'zess-universitaet-siegen', 'marketing-handel-universitaet-siegen', 'akis-ki-infrastruktur-suedwestfalen'];
/** Software and IT companies of Südwestfalen. */
const itCompanies = ['buhl-data-service', 'invers', 'open-xchange', 'the-summit-siegen'];
/** Where a start-up finds industrial pilot users: the cooperation's agency, test sites in real production, start-up networks that connect founders with the region's firms. */
const pilotRoutes = ['suedwestfalen-agentur', 'achenbach-buschhuetten', 'smarte-demonstrationsfabrik-siegen', 'startpunkt57', 'innovation-factory-luedenscheid'];
/** Where an Industry 4.0 pilot project finds a partner who runs or builds connected production. */
const pilotProjectPartners = ['smarte-demonstrationsfabrik-siegen', 'achenbach-buschhuetten', 'the-summit-siegen', 'zess-universitaet-siegen'];
/** Test sites in real production: the research factory and the firm whose campus hosts it. */
const testSites = ['smarte-demonstrationsfabrik-siegen', 'achenbach-buschhuetten'];
/** Supply-chain software and intralogistics in Südwestfalen. */
const supplyChain = ['the-summit-siegen', 'ssi-schaefer'];
/** Skilled-worker training and partial qualifications in the Hochsauerlandkreis. */
const qualificationArnsberg = ['ihk-arnsberg', 'wfg-hochsauerlandkreis'];
/** Funding and its advice in Südwestfalen: the districts' business development agencies and the regional fund. */
const fundingAdvice = ['wfg-hochsauerlandkreis', 'wfg-kreis-soest', 'siegerlandfonds'];
/** Start-up centres and founder networks of Südwestfalen. */
const founderSupport = ['haus-der-innovation-siegen', 'innovation-quarter-lippstadt', 'innovation-factory-luedenscheid', 'startpunkt57', 'ihk-siegen'];

interface ShownCard {
  provider: ProviderProfile | undefined;
  name: string;
  reason: string;
}

let conversations = 0;

/** Sends one message in a new personal chat and returns the provider cards of the answer, in order. */
async function ask(text: string, locale: string): Promise<ShownCard[]> {
  connector.clear();
  const message = teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale, conversationId: `a:reverse-${++conversations}` });
  const response = await postActivity(running.baseUrl, message);
  expect(response.status).toBeLessThan(300);
  return providerCardsSent(connector, locale.startsWith('en') ? 'en' : 'de').map((card) => ({ ...card, provider: providers.find((p) => p.name === card.name) }));
}

const cases = [
  ['de', 'a university', 'Unser Softwarehaus sitzt in Dortmund. Mit welcher Hochschule in Südwestfalen könnten wir gemeinsam forschen?', universities],
  ['en', 'a university', 'Our engineering office in Dortmund would like to do research together with a university in South Westphalia.', universities],
  ['de', 'an IT partner', 'Wir sind ein Dortmunder Systemhaus und suchen in Südwestfalen ein Softwareunternehmen als Partner.', itCompanies],
  ['en', 'an IT partner', 'We are an IT firm from Dortmund and want a software company in South Westphalia as a partner.', itCompanies],
  ['de', 'a pilot customer', 'Unser Start-up aus Dortmund sucht einen Pilotkunden aus der Industrie in Südwestfalen.', pilotRoutes],
  ['en', 'a pilot customer', 'Our Dortmund start-up needs an industrial pilot customer in South Westphalia.', pilotRoutes],
  ['de', 'founder support', 'Ich gründe gerade in Dortmund und ziehe nach Südwestfalen. Wer unterstützt dort Gründerinnen?', founderSupport],
  ['en', 'founder support', 'I am starting a company in Dortmund and moving to South Westphalia. Who supports founders there?', founderSupport],
  // A project is what the partner is for, not a firm to be brokered: the providers of its topic come first.
  ['de', 'a pilot-project partner', 'Für ein Pilotprojekt zur vernetzten Produktion suchen wir in Südwestfalen einen Partner; wir sind ein Softwarehaus aus Dortmund.', pilotProjectPartners],
  ['en', 'a pilot-project partner', 'We are a Dortmund software house looking for a partner in South Westphalia for an Industry 4.0 pilot project.', pilotProjectPartners],
  // The suppliers' region is named; the user's own firm is in Dortmund.
  ['en', 'supply-chain help', 'Our Dortmund logistics company keeps waiting for late deliveries from suppliers in the Sauerland and cannot see where the goods are.', supplyChain],
  // Home in Dortmund, a new site in Südwestfalen: help at the site.
  ['de', 'training at its new site', 'Dortmunder Spedition mit neuem Standort in Arnsberg: Wir wollen dort Angelernte zu Fachkräften qualifizieren, wer hilft vor Ort?', qualificationArnsberg],
  ['de', 'a lab for steel parts', 'Wir sind aus Dortmund und suchen in Südwestfalen ein Labor an einer Hochschule, das Bauteile aus Stahl prüfen kann.', ['werkstoffpruefung-universitaet-siegen']],
  // Whom a helper helps is the user: who supports start-ups there, not a start-up.
  ['en', 'start-up support at a new office', "I'm a Dortmund founder opening a branch in Meschede. Who helps start-ups there?", ['wfg-hochsauerlandkreis']],
  // "wir als Dortmunder Start-up" is what the user is; the customers it looks for are brokered by the agency.
  ['de', 'customers', 'Wie finden wir als Dortmunder Software-Start-up Kunden in Südwestfalen?', ['suedwestfalen-agentur']],
  // Both regions read as looked in: the one that describes the user ("a Dortmund …", "our Dortmund …") is home.
  ['en', 'logistics automation', 'Which providers in South Westphalia could automate the warehouse of a Dortmund retailer?', supplyChain],
  ['en', 'an applied-sciences university', 'Is there a university of applied sciences in South Westphalia our Dortmund team could run a data project with?', universities],
  // A kind named for itself comes before other kinds with the topic; one no profile's words match still comes.
  ['de', 'graduates', 'Wir sind ein IT-Dienstleister aus Dortmund und finden keine Leute. Gibt es in Südwestfalen Absolventen?', universities],
  // What the user says it is after the request ("Wir sind ein Start-up.") is not what it asks for.
  ['de', 'funding advice', 'Wer kann uns in Südwestfalen bei Fördermitteln helfen? Wir sind ein Dortmunder Start-up.', ['wfg-hochsauerlandkreis', 'wfg-kreis-soest', 'siegerlandfonds']],
  // A test site is asked of those who offer one, not brokered like customers.
  ['de', 'a test site', 'Wir sind ein Dortmunder Start-up für Produktionssoftware und brauchen ein Testfeld in einer echten Fabrik in Südwestfalen.', testSites],
  ['en', 'a test site', 'We build digital twins in Dortmund and need a pilot site at a manufacturer in South Westphalia.', testSites],
  // A question for funding names the firm of the user's project only as context: funding providers, not the broker.
  ['de', 'funding for a joint project', 'Gibt es im Kreis Soest Förderprogramme, wenn wir als Dortmunder Firma dort ein Projekt mit einem Hersteller beginnen?', fundingAdvice],
  ['en', 'funding for a joint project', 'Are there grants in South Westphalia for our Dortmund firm if we start a project with a manufacturer there?', fundingAdvice],
  // A need no profile explains: the region's partner brokers contacts.
  ['de', 'a lacking contact', 'Uns fehlen als Dortmunder Möbelhändler Kontakte zu Schreinereien in Südwestfalen.', ['suedwestfalen-agentur']],
  // What the user says it is ("ein KI-Start-up") is no need a profile with that topic explains: the partner brokers.
  ['de', 'a partner with machine data', 'Wir sind ein KI-Start-up aus Dortmund und suchen im Sauerland einen Ansprechpartner mit vielen Maschinendaten.', ['suedwestfalen-agentur']],
  ['en', 'a partner with production data', "We're a Dortmund AI start-up looking for a partner in the Sauerland with lots of sensor data from production.", ['suedwestfalen-agentur']],
  // A topic named in a part of the region where no profile has it (robotics firms are in Siegen): the partner brokers.
  ['de', 'robotics near Olpe', 'Unser Dortmunder Betrieb sucht im Raum Olpe jemanden für Robotik in der Montage.', ['suedwestfalen-agentur']],
  ['en', 'robotics near Meschede', 'A Dortmund manufacturer is looking for a company for robotics and automation around Meschede.', ['suedwestfalen-agentur']],
  // A new site of the user's firm in Südwestfalen: the region's partner brokers contacts there, or the chamber.
  ['de', 'contacts for a new branch', 'Dortmunder Ingenieurbüro plant eine Filiale im Kreis Olpe – an wen wenden wir uns vor Ort?', ['suedwestfalen-agentur', 'ihk-siegen']],
  ['en', 'contacts for a new office', 'Our Dortmund software firm is opening an office in Siegen. Who can help us get to know local businesses?', ['suedwestfalen-agentur', 'ihk-siegen']],
] as const;

describe('a Dortmund firm looking for partners in Südwestfalen (via /api/messages)', () => {
  it.each(cases)('(%s) asking for %s gets Südwestfalen providers with reasons, a fitting one first', async (lang, _need, question, fitting) => {
    const cards = await ask(question, lang === 'en' ? 'en-US' : 'de-DE');
    expect(cards.length, 'provider cards in the answer').toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.provider, `a profile named ${card.name}`).toBeDefined();
      expect(card.provider!.region, card.name).toBe('suedwestfalen');
      expect(card.reason, `${card.name}: the reason it matches`).toMatch(/\S/);
      expect(card.reason, `${card.name}: the reason it matches`).not.toBe('—');
    }
    expect(fitting, `first card: ${cards.map((card) => card.provider?.id).join(', ')}`).toContain(cards[0]!.provider!.id);
  });
});
