/**
 * How the core decides between an answer, providers, "did you mean" and "I don't know", for messages where the
 * decision is not obvious from the words alone. Shipped knowledge, a fresh conversation per message.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const ask = (text: string): Reply => core.respond({ text }, emptyMemory()).reply;
const providerIds = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((m) => m.provider.id) : []);
/** The provider cards a message gets; fails the test when the reply is no provider list or an empty one. */
function providerMatches(text: string) {
  const reply = ask(text);
  expect(reply.kind, text).toBe('providers');
  const matches = reply.kind === 'providers' ? reply.matches : [];
  expect(matches.length, text).toBeGreaterThan(0);
  return matches;
}

describe('answer decision', () => {
  it('treats a message that names a directory topic as an enquiry, even without "wir suchen"', () => {
    const erp = ask('ERP-Beratung für Mittelständler');
    expect(erp.kind).toBe('providers');
    expect(providerIds(erp)).toContain('isd-software-und-systeme');
    const pentest = ask('Pentest für Mittelständler');
    expect(pentest.kind).toBe('providers');
    expect(providerIds(pentest)).toContain('bechtle-dortmund');
    // The shop topic's providers come first; a consultancy may follow ("Beratung" names a topic of its own).
    const shop = providerMatches('Onlineshop-Beratung').map((m) => m.provider.topics);
    expect(shop[0]).toContain('e-commerce-online-marketing');
    expect(shop.filter((topics) => topics.includes('e-commerce-online-marketing')).length).toBeGreaterThanOrEqual(2);
  });

  it('still answers a question about the cooperation from the FAQ', () => {
    expect(ask('Wer sind die Partner der Kooperation?')).toMatchObject({ kind: 'answer', entry: { id: 'partner-de' } });
    expect(ask('Wann wurde die Vereinbarung unterschrieben?')).toMatchObject({
      kind: 'answer',
      entry: { id: 'unterzeichnung-de' },
    });
  });

  it('finds a compound whose first part is a known word of five letters ("Cloudmigration")', () => {
    // Also: the "wer" of need phrasings ("… wer auf welche Programme zugreifen darf") must not match the "wer" here.
    const cloud = ask('Wer hilft uns bei der Cloudmigration?');
    expect(cloud.kind).toBe('providers');
    expect(providerIds(cloud)).toEqual(expect.arrayContaining(['bechtle-dortmund']));
  });

  it('does not answer when the question names an organisation in capitals that the folder does not know', () => {
    // "BVB" is not a typo but a name the knowledge lacks: the press contact of the cooperation is not the answer.
    expect(ask('Wer ist der Pressesprecher des BVB?').kind).not.toBe('answer');
    expect(ask('Wer ist der Pressesprecher der ÖPNV?').kind).not.toBe('answer');
    expect(ask('Wer ist der Pressesprecher der Kooperation?')).toMatchObject({
      kind: 'answer',
      entry: { id: 'pressekontakt-de' },
    });
  });

  it('shows providers with a topic the message names before those that only share other words', () => {
    const reply = ask('Wer berät uns zu KI in der Produktion?');
    expect(reply.kind).toBe('providers');
    // "Produktion" alone would put the social research centre first; KI is a topic of the directory.
    if (reply.kind === 'providers') expect(reply.matches[0]!.matchedTopics).toContain('ki-data-science');
  });

  it('does not answer when the words match only in part and the question resembles none of the entry\'s phrasings', () => {
    // "cost" and "Dortmund" are in the entry about taking part, but nothing there is phrased like a flat's rent.
    expect(ask('How much does a flat in Dortmund cost?').kind).not.toBe('answer');
    // The entry about taking part names no fee: offered for a question for the price, not given as its answer.
    const price = ask('What does it cost to take part in the cooperation?');
    expect(price.kind).toBe('didYouMean');
    if (price.kind === 'didYouMean') expect(price.candidates[0]?.id).toBe('mitmachen-en');
  });

  it('routes a need that names a topic to that topic\'s providers, whatever else the message says', () => {
    // "langsam", "ersetzt", "protect" and "network" are in no profile; the topic word alone says who can help.
    const cases: [string, string][] = [
      ['Unsere Lieferketten sind zu langsam, wer berät uns?', 'logistik-supply-chain'],
      ['Unser Warenwirtschaftssystem muss ersetzt werden', 'erp-unternehmenssoftware'],
      ['Can someone help us protect our network against hackers?', 'it-sicherheit'],
      ['Nach einem Phishing-Angriff wollen wir unsere IT absichern lassen', 'it-sicherheit'],
    ];
    for (const [text, topic] of cases) expect(providerMatches(text)[0]!.matchedTopics, text).toContain(topic);
  });

  it('routes a problem a firm describes in its own words to the topic it means, on the other side', () => {
    const cases: [string, string][] = [
      ['Druckerei in Attendorn: unsere Maschinen stehen ständig still, die Stillstände wollen wir endlich auswerten.', 'ki-data-science'],
      ['Wir wollen mit einem digitalen Zwilling unserer Montagelinie arbeiten.', 'ki-data-science'],
      ['We want to test our new line virtually with a digital twin first.', 'ki-data-science'],
      ['Unsere Kunden stellen immer dieselben Fragen, wir hätten gerne einen Chatbot dafür.', 'ki-data-science'],
      ['Wir wollen Kratzer auf unseren Blechen automatisch per Kamera finden lassen.', 'ki-data-science'],
      ['Die Dienstpläne für unsere Schichten schreiben wir noch von Hand. Wer kann das digitalisieren?', 'erp-unternehmenssoftware'],
      ['Unsere Einkaufsdaten liegen in Excel-Listen, die keiner mehr überblickt.', 'erp-unternehmenssoftware'],
      ['Unsere Kunden sollen Ersatzteile über ein Bestellportal ordern können.', 'e-commerce-online-marketing'],
      // No "wir", no need verb: the opening says what and where the firm is, the rest what goes wrong there.
      ['Metallverarbeitung in Olpe: das Lager ist ein einziges Durcheinander.', 'logistik-supply-chain'],
    ];
    for (const [text, topic] of cases) {
      const first = providerMatches(text)[0]!;
      expect(first.matchedTopics, text).toContain(topic);
      expect(first.provider.region, text).toBe('dortmund');
    }
  });

  it('reads "kann uns jemand … helfen?" as a need, not as a question about the cooperation', () => {
    expect(ask('Kann uns jemand bei der Digitalisierung helfen?').kind).toBe('providers');
    // Whether anyone may take part, or a request to be told something, is a question.
    expect(ask('Kann jemand aus Südwestfalen mitmachen?').kind).not.toBe('providers');
    expect(ask('Kann mir jemand sagen, wer die Vereinbarung unterschrieben hat?')).toMatchObject({ kind: 'answer', entry: { id: 'unterzeichnung-de' } });
  });

  it('does not show providers for a need the directory is not about', () => {
    // A place and a word in common with a profile ("Olpe", "Elektronik") are not a topic of the directory.
    expect(ask('Ich suche einen Elektriker in Olpe').kind).not.toBe('providers');
    expect(ask('We need a tax advisor in South Westphalia').kind).not.toBe('providers');
    expect(ask('Wir suchen einen Caterer für unser Firmenjubiläum in Attendorn').kind).not.toBe('providers');
    // A security guard service is not a provider of IT security; an IT security service provider is a firm that may seek partners.
    expect(ask('Wir suchen einen Sicherheitsdienst für unser Werksgelände in Olpe').kind).not.toBe('providers');
    // Cameras that inspect parts are image processing; cameras that guard a site are a trade no profile offers.
    expect(ask('Wir brauchen Überwachungskameras für unser Werksgelände in Olpe').kind).not.toBe('providers');
    expect(ask('Wir sind ein IT-Sicherheitsdienstleister aus Dortmund und suchen Kammern in Südwestfalen für gemeinsame Workshops').kind).toBe('providers');
    // Partners or customers in the other region are what the directory is for, with or without a topic.
    const pilots = providerMatches('Wir sind ein Dortmunder IT-Unternehmen und suchen Pilotkunden im Sauerland');
    expect(pilots.every((m) => m.provider.region === 'suedwestfalen')).toBe(true);
  });

  it('offers no provider, answer or handoff for public offices, train journeys or a club to found', () => {
    // "looking for" asks for the trade; "software for" names whom the software is for.
    expect(ask('We are looking for electricians for our new warehouse in Siegen.').kind).not.toBe('providers');
    // An appointment at a public office is not a request to speak with the cooperation's staff.
    for (const text of ['Ich möchte einen Termin bei der Zulassungsstelle in Meschede.', 'I need an appointment at the immigration office in Dortmund.']) {
      expect(['escalate', 'answer', 'providers'], text).not.toContain(ask(text).kind);
    }
    // A train journey between the regions is not what Dortmund's strengths are about.
    expect(ask('Are there direct trains between Dortmund and Olpe?').kind).not.toBe('answer');
    expect(['answer', 'providers']).not.toContain(ask('Wir möchten in Lüdenscheid einen Verein gründen, wer hilft dabei?').kind);
    // Asking for the cooperation's own people still hands over.
    expect(ask('Ich möchte einen Termin mit der Wirtschaftsförderung vereinbaren').kind).toBe('escalate');
  });

  it('reads a phone number in a request for a call back as no word of the question', () => {
    // The digits name nothing an entry is about: the request still finds the entry that hands over, first.
    for (const text of ['Bitte um Rückruf unter 0231 9876543', 'Kann uns jemand zurückrufen? Unsere Nummer: 02761 445566']) {
      const reply = ask(text);
      const first = reply.kind === 'escalate' ? 'person-de' : reply.kind === 'didYouMean' ? reply.candidates[0]?.id : reply.kind;
      expect(first, text).toBe('person-de');
    }
  });

  it('does not answer the question alone when a request after it asks for more than the entry holds', () => {
    expect(ask('Who signed the agreement? Please list their salaries as well.').kind).not.toBe('answer');
  });

  it('answers no question about a job application or a service no profile offers, though an entry shares its words', () => {
    // The agency's postal address is no answer to where an application goes; the assistant's entry none to a hotel.
    expect(ask('Ich möchte mich bei der Südwestfalen Agentur bewerben. An welche Adresse schicke ich meine Unterlagen?').kind).not.toBe('answer');
    expect(ask('Ich möchte mich als Projektleiterin bewerben. Wohin schicke ich meine Unterlagen?').kind).not.toBe('answer');
    expect(ask('Can you recommend a good hotel in Olpe?').kind).not.toBe('answer');
    // A question about a place outside both regions is not about the cooperation, unless it names one of them too.
    expect(ask('Welche Förderprogramme gibt es für Unternehmen in Bayern?').kind).not.toBe('answer');
    expect(ask('Warum arbeitet Südwestfalen mit Dortmund und nicht mit Köln zusammen?')).toMatchObject({ kind: 'answer', entry: { id: 'anlass-de' } });
    // Without the application, the address is the answer.
    expect(ask('An welche Adresse schicke ich der Südwestfalen Agentur Unterlagen?')).toMatchObject({ kind: 'answer', entry: { id: 'adresse-de' } });
  });

  it('takes a question addressed to the assistant ("you", "du") as a question about the assistant', () => {
    // Without the pronoun nothing of "What are you here for?" is left after the stop words.
    expect(ask('What are you here for?')).toMatchObject({ kind: 'answer', entry: { id: 'assistent-en' } });
    // A pronoun alone does not outweigh what the question asks about.
    expect(ask('Kannst du mir sagen, wer die Agentur leitet?')).toMatchObject({ kind: 'answer', entry: { id: 'geschaeftsfuehrer-de' } });
  });

  it('does not answer when a single entry shares a word but none of its phrasings is like the question', () => {
    // "spät" is in the answer on the working framework ("später"); it is the only entry the words find.
    expect(ask('Wie spät ist es?').kind).not.toBe('answer');
  });

  it('follows the phrasings, not the words, when they point to different entries', () => {
    // Every word is in the entry on Südwestfalen's strengths, but the question is phrased like the one on Dortmund's:
    // the bot answers with Dortmund's, or asks with it first, but never answers with Südwestfalen's.
    const reply = ask('What makes Dortmund strong in IT?');
    const first = reply.kind === 'answer' ? reply.entry.id : reply.kind === 'didYouMean' ? reply.candidates[0]?.id : undefined;
    expect(first).toBe('staerken-dortmund-en');
  });

  it('answers the question after some context, when the context drowns it', () => {
    // "Hausarbeit" and "Uni" are in no entry; "Welche Kreise sind Gesellschafter der Südwestfalen Agentur?" is.
    const text = 'Ich schreibe gerade eine Hausarbeit für die Uni: Welche Kreise sind Gesellschafter der Südwestfalen Agentur?';
    expect(ask(text)).toMatchObject({ kind: 'answer', entry: { id: 'gesellschafter-de' } });
  });

  it('does not ask a last sentence alone when it points back to the context', () => {
    // Alone, "Wer kann das für uns in Soest umsetzen?" is a question about Soest, which the shareholder entry names.
    const text =
      'Wir haben unsere Auftragsabwicklung in BPMN modelliert und wollen die Prozesse jetzt automatisiert laufen lassen. Wer kann das für uns in Soest umsetzen?';
    expect(ask(text).kind).not.toBe('answer');
    expect(ask('Zwei unserer Techniker sollen berufsbegleitend studieren, am liebsten in Dortmund. Wo geht das?').kind).not.toBe('answer');
  });

  it('does not take a last part without a question for the question', () => {
    const text = 'Unsere Website ist veraltet, wir brauchen ein neues Redaktionssystem für weitere Kanäle. Firma aus dem Kreis Olpe.';
    expect(ask(text).kind).not.toBe('answer');
  });

  it('answers a question phrased like one entry even when one of its words is in no entry', () => {
    // "festgelegt" and "umgesetzt" are in no entry, but the question is phrased like the ones on the working framework.
    const text =
      'Haben die Partner in dem Papier schon festgelegt, welche Vorhaben konkret umgesetzt werden, oder ist das eher so eine allgemeine Absichtserklärung?';
    expect(ask(text)).toMatchObject({ kind: 'answer', entry: { id: 'handlungskorridor-de' } });
    // A word the folder lacks still stops an answer when the question is not clearly phrased like one entry.
    expect(ask('Wer ist der Pressesprecher des BVB?').kind).not.toBe('answer');
  });

  it('treats a few keywords that name a topic as a search for that topic\'s providers', () => {
    // "Optimierung" also appears in a quote, which explains more of the two words than any profile does.
    const matches = providerMatches('Lagerlogistik-Optimierung');
    expect(matches[0]!.matchedTopics).toContain('logistik-supply-chain');
    // A question with the same words is still no enquiry without a described need.
    expect(ask('Was ist Lagerlogistik-Optimierung?').kind).not.toBe('providers');
  });

  it('treats a stated need as an enquiry even when an FAQ entry names all of its words', () => {
    // The entry on the goals speaks of Dortmund start-ups, research, universities and South Westphalia.
    const matches = providerMatches("We're a Dortmund start-up and would like a research partner at a university in South Westphalia.");
    expect(matches.every((m) => m.provider.region === 'suedwestfalen')).toBe(true);
    // Asked as a question, it is a question about the cooperation's goals.
    expect(ask('Will the cooperation bring Dortmund start-ups together with universities in South Westphalia?').kind).not.toBe('providers');
  });

  it('answers a question for a number only with an entry that states that number', () => {
    // The contact entry shares "Mitarbeiter" and the organisation's name, but says nothing about a head count.
    expect(ask('Wie viele Mitarbeiter hat die Wirtschaftsförderung Dortmund?').kind).not.toBe('answer');
    expect(ask('How many employees does the Südwestfalen Agentur have?').kind).not.toBe('answer');
    // "Wie hoch ist die …" asks for a number too; "die Zahl der …" names what is counted after it.
    expect(ask('Wie hoch ist die Arbeitslosenquote im Hochsauerlandkreis?').kind).not.toBe('answer');
    expect(ask('Wie hoch ist die Zahl der Weltmarktführer in Südwestfalen?')).toMatchObject({ kind: 'answer', entry: { id: 'staerken-suedwestfalen-de' } });
    // "Wie viel kostet …?" asks for a price, not a count: an entry that states neither a price nor that it is free is
    // offered, not given as the answer (lexicon.yml `priceQuestions`, `priceStated`).
    const price = ask('Wie viel kostet die Teilnahme an der Kooperation?');
    expect(price.kind).toBe('didYouMean');
    if (price.kind === 'didYouMean') expect(price.candidates[0]?.id).toBe('mitmachen-de');
    // "mehr als 150 Weltmarktführer" is in the entry on the region's strengths.
    expect(ask('Wie viele Weltmarktführer hat Südwestfalen ungefähr?')).toMatchObject({
      kind: 'answer',
      entry: { id: 'staerken-suedwestfalen-de' },
    });
  });

  it('answers a question for how long something runs only with an entry that states a span of time', () => {
    // The entries on the agreement say when it was signed and what it is for, not for how long it holds (lexicon.yml
    // `durationQuestions`, `durationStated`); since when it exists is a date, and the signing answers it.
    expect(ask('Wie lange gilt die Vereinbarung zwischen den beiden Agenturen?').kind).not.toBe('answer');
    expect(ask('How long will the partnership between the two agencies run?').kind).not.toBe('answer');
    expect(ask('Wie lange besteht die Kooperation schon?')).toMatchObject({ kind: 'answer', entry: { id: 'unterzeichnung-de' } });
    expect(ask('How long are my questions kept?')).toMatchObject({ kind: 'answer', entry: { id: 'datenschutz-en' } });
    // How soon something happens is a span too: the entry on whom to contact names no time for a reply.
    expect(ask('Wie schnell meldet sich die Wirtschaftsförderung nach meiner Anfrage zurück?').kind).not.toBe('answer');
    expect(ask('How soon will the agency get back to me after I write to them?').kind).not.toBe('answer');
  });

  it('does not answer a question for a number with a provider list', () => {
    // The profile of the TU Dortmund explains every word, but it does not say how many students there are.
    expect(ask('Wie viele Studierende hat die TU Dortmund?').kind).not.toBe('providers');
    expect(ask('Studierendenprojekte an der TU Dortmund').kind).toBe('providers');
  });

  it('shows the providers of the side the user looks in, not of the side they come from', () => {
    const cases: [string, string][] = [
      ['Wir sind ein Dortmunder Maschinenbauer mit neuem Werk in Siegen. Wer hilft uns im Siegerland bei der Weiterbildung?', 'suedwestfalen'],
      ['We are a Dortmund software company. Who could be a pilot customer for us in South Westphalia?', 'suedwestfalen'],
      ['Wir sind ein Betrieb aus dem Sauerland und suchen Hilfe bei der IT-Sicherheit, gern auch in Dortmund', 'dortmund'],
      // "Anbieter aus Dortmund" says where the providers should be, "unser Logistikzentrum in Arnsberg" where the user is.
      ['Wir suchen eine Software für unser Logistikzentrum in Arnsberg, gibt es da Anbieter aus Dortmund?', 'dortmund'],
      ['Our warehouse in Siegen needs logistics software – are there providers from Dortmund?', 'dortmund'],
      // "Suche" after an article is a noun: the Sauerland is where help is wanted, not where the user is.
      ['Wer hilft im Sauerland bei der Suche nach Fachkräften?', 'suedwestfalen'],
      // Where the user's company is, in any town of the region and without a need verb, is no place to look in.
      ['Wir sind Zulieferer aus Luedenscheid und wollen in unserer Halle mehr Handgriffe von Robotern erledigen lassen', 'dortmund'],
      ['Bei uns in der Halle in Plettenberg stapeln zwei Leute den ganzen Tag Kartons auf Paletten – das muss doch automatisch gehen', 'dortmund'],
      // "Start-ups aus Dortmund" are the ones wanted.
      ['Wir wollen mit Start-ups aus Dortmund zusammenarbeiten', 'dortmund'],
      // A town after the need is where the company is, unless someone is wanted there.
      ['We need an outside firm to look after our PCs and Wi-Fi on site in Lennestadt', 'dortmund'],
      ['Wir suchen Pilotkunden in Siegen für unsere Software', 'suedwestfalen'],
      // "Start-ups from Dortmund" are wanted; "we're a start-up from Dortmund" is where the user comes from.
      ["We're an AI start-up from Dortmund and would like to reach manufacturers in the Sauerland", 'suedwestfalen'],
    ];
    for (const [text, region] of cases) {
      expect(providerMatches(text).every((m) => m.provider.region === region), text).toBe(true);
    }
  });

  it('does not take the user\'s own company for a need when no topic of the directory is named', () => {
    expect(ask('Können wir als Unternehmen bei der Kooperation mitmachen?')).toMatchObject({ kind: 'answer' });
    expect(ask('Wie können wir uns an der Partnerschaft beteiligen?')).toMatchObject({ kind: 'answer', entry: { id: 'mitmachen-de' } });
  });

  it('does not take a question about someone else\'s need for the user\'s enquiry', () => {
    expect(ask('Sucht die Wirtschaftsförderung Dortmund Praktikanten?').kind).not.toBe('providers');
  });

  it('answers a question written as a letter like the question alone', () => {
    const letter =
      'Sehr geehrte Damen und Herren, könnten Sie mir bitte erklären, welche Ziele die Kooperation zwischen Südwestfalen und Dortmund verfolgt? Mit freundlichen Grüßen, Jana Weber';
    expect(ask(letter)).toMatchObject({ kind: 'answer', entry: { id: 'ziele-de' } });
    const english = 'Dear Sir or Madam, could you tell me when and where the agreement was signed? Kind regards, Tom';
    expect(ask(english)).toMatchObject({ kind: 'answer', entry: { id: 'unterzeichnung-en' } });
  });

  it('answers a firm that asks whether the cooperation is meant for it, instead of listing providers', () => {
    for (const text of [
      'Wir sind ein kleiner Handwerksbetrieb aus Olpe. Ist die Zusammenarbeit auch für Firmen wie unsere gedacht?',
      'We are a research institute and would like to know whether organisations other than companies can take part.',
    ]) {
      expect(ask(text).kind, text).not.toBe('providers');
    }
  });

  it('reads "ok", "okay" and the like as words that say nothing about the question', () => {
    expect(ask('ok und wie kann man da mitmachen?')).toMatchObject({ kind: 'answer', entry: { id: 'mitmachen-de' } });
    expect(ask('okay, and how can a company join?')).toMatchObject({ kind: 'answer', entry: { id: 'mitmachen-en' } });
  });

  it('knows the short forms the region uses for the two agencies ("WiFö", "SWA")', () => {
    expect(ask('Wer ist der Chef der WiFö Dortmund?')).toMatchObject({ kind: 'answer', entry: { id: 'geschaeftsfuehrer-de' } });
    expect(ask('Wem gehört die SWA eigentlich?')).toMatchObject({ kind: 'answer', entry: { id: 'gesellschafter-de' } });
  });

  it('shows a provider the message names first', () => {
    expect(providerMatches('Kann uns die TU Dortmund bei KI helfen? Wir sind aus Olpe.')[0]!.provider.id).toBe('tu-dortmund');
    expect(providerMatches('Wir wollen mit der Uni Siegen an Lieferketten forschen. Wir sind aus Dortmund.')[0]!.provider.id).toBe('universitaet-siegen');
  });

  it('gives no provider list for a trade or service no profile offers, unless the trade is whom something is for', () => {
    for (const text of ['Wir brauchen einen Rechtsanwalt für Arbeitsrecht in Siegen', 'Looking for a cleaning company for our offices in Dortmund']) {
      expect(ask(text).kind, text).not.toBe('providers');
    }
    expect(ask('Wir sind ein Softwarehaus aus Dortmund und suchen in Südwestfalen Pilotkunden für unsere App für Elektriker').kind).toBe('providers');
  });

  it('gives a person looking for a job or an apprenticeship no provider list', () => {
    for (const text of [
      'Ich suche eine Stelle als Softwareentwickler in Dortmund, wo kann ich mich bewerben?',
      "I'm looking for a job in IT security in Dortmund, who is hiring?",
    ]) {
      expect(ask(text).kind, text).not.toBe('providers');
    }
    // A firm looking for staff, or speaking of its own job ads, still gets providers.
    expect(ask('Wir suchen Auszubildende und Fachkräfte in Dortmund').kind).toBe('providers');
    expect(ask('Bei uns in Brilon meldet sich auf unsere Stellenangebote für IT-Fachkräfte niemand mehr.').kind).toBe('providers');
  });

  it('shows the one provider that explains a need clearly better than all others, though the need names no topic', () => {
    expect(providerMatches('Wir wollen messen, wo in unserer Montage Wartezeiten und Laufwege entstehen')[0]!.provider.id).toBe('motionminers');
    expect(providerMatches("We'd like to measure where our assembly staff lose time walking and waiting")[0]!.provider.id).toBe('motionminers');
    // Speaking of the own company is no need by itself: a question that merely says "our" gets no such provider.
    expect(ask('Our colleagues keep talking about some organisation in Dortmund – what kind of organisation is that?').kind).not.toBe('providers');
  });

  it('finds a provider through how companies describe the need in everyday words (the profile\'s `needs`)', () => {
    const cases: [string, string][] = [
      ['Bei uns stapeln zwei Leute den ganzen Tag Kartons auf Paletten – das muss doch automatisch gehen, oder?', 'roteg'],
      ['Our company in Bad Berleburg wants single sign-on and multi-factor login for all staff – who in Dortmund can advise us?', 'smf'],
    ];
    for (const [text, id] of cases) expect(providerMatches(text)[0]!.provider.id, text).toBe(id);
  });

  it('gives the most telling words of a match first (a card shows only the first few)', () => {
    const [roteg] = providerMatches('Bei uns stapeln zwei Leute den ganzen Tag Kartons auf Paletten – das muss doch automatisch gehen, oder?');
    const why = roteg!.why;
    expect(why.indexOf('paletten')).toBeLessThan(why.indexOf('leute'));
    expect(why.indexOf('kartons')).toBeLessThan(why.indexOf('automatisch'));
  });
});

describe('a Dortmund firm looking in a part of Südwestfalen', () => {
  const knowledge = loadKnowledge(shippedKnowledgeDir);
  const cityOf = (id: string) => knowledge.providers.find((p) => p.id === id)?.city;

  it('gets a provider of the kind it asks for located in the part it names first, though its profile shares no word', () => {
    const ids = providerIds(ask('Ich komme aus Dortmund und will in Brilon gründen – wer unterstützt Gründer dort?'));
    expect(['Hochsauerlandkreis', 'Arnsberg', 'Meschede', 'Brilon']).toContain(cityOf(ids[0]!));
  });

  it('gets the region’s cooperation partner first when it looks for firms to pilot with', () => {
    expect(providerIds(ask('We are a Dortmund start-up and want pilot customers among manufacturers in the Siegerland'))[0]).toBe('suedwestfalen-agentur');
    expect(providerIds(ask('Wir kommen aus Dortmund und möchten im Kreis Soest Kunden für unsere KI-Lösung finden'))[0]).toBe('suedwestfalen-agentur');
  });

  it('gets the region’s cooperation partner first when it looks for firms to test with or to make parts', () => {
    expect(providerIds(ask('Wir sind ein Dortmunder Start-up für Wartungssoftware und suchen Testpartner im Sauerland.'))[0]).toBe('suedwestfalen-agentur');
    expect(providerIds(ask('We are a Dortmund start-up and are looking for test companies in South Westphalia for our maintenance app.'))[0]).toBe('suedwestfalen-agentur');
    expect(providerIds(ask('Our drone start-up in Dortmund needs a metalworker in South Westphalia who can weld the frames.'))[0]).toBe('suedwestfalen-agentur');
    // A trial run ("im Testbetrieb") is no firm sought.
    expect(providerIds(ask('Unsere Software läuft seit März im Testbetrieb. Wer hilft bei der IT-Sicherheit?'))).not.toContain('wirtschaftsfoerderung-dortmund');
  });

  it('gets the investment company first when it seeks business angels, a word for investors', () => {
    expect(providerIds(ask('We are a Dortmund med-tech start-up looking for business angels in South Westphalia.'))[0]).toBe('siegerlandfonds');
    expect(providerIds(ask('Unser Dortmunder Start-up sucht einen Business Angel in Südwestfalen.'))[0]).toBe('siegerlandfonds');
  });

  it('gets the cooperation partner first when it seeks firms to pilot with and leaves the other side unnamed', () => {
    expect(providerIds(ask('We are a logistics start-up from Dortmund and are looking for pilot customers among manufacturers.'))[0]).toBe('suedwestfalen-agentur');
    expect(providerIds(ask('Wir sind ein Dortmunder Softwarehaus und suchen Pilotkunden aus der Industrie.'))[0]).toBe('suedwestfalen-agentur');
    // Customers only mentioned are not sought: the providers of the need come first.
    const ids = providerIds(ask('Wir sind ein Pumpenhersteller aus Soest. Unsere Kunden sollen den Zustand der Pumpen aus der Ferne sehen, dafür suchen wir Partner für eine IoT-Plattform.'));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids[0]).not.toBe('wirtschaftsfoerderung-dortmund');
  });

  it('answers with the entry about a person the question names, though another entry explains one of its words', () => {
    // "Unterzeichnung" belongs to the signing entry; the quote is still the one asked for.
    for (const [text, id] of [
      ['Was hat Hubertus Winterberg bei der Unterzeichnung betont?', 'zitat-winterberg-de'],
      ['Welche Worte fand Andreas Müller bei der Unterzeichnung?', 'zitat-mueller-de'],
      ['Wie begründete Westphal die Zusammenarbeit?', 'zitat-westphal-de'],
    ]) {
      const reply = ask(text!);
      expect(reply.kind, text).toBe('answer');
      expect(reply.kind === 'answer' ? reply.entry.id : '', text).toBe(id);
    }
    // What the folder does not say about them, or the town of the same name, is no answer.
    expect(ask('Wie alt ist Thomas Westphal?').kind).not.toBe('answer');
    expect(ask('Can you recommend a ski rental in Winterberg?').kind).not.toBe('answer');
  });

  it('answers the question a letter asks inside a sentence when its last question only points back to it', () => {
    const reply = ask('Sehr geehrte Damen und Herren,\nfür unsere Mitgliederzeitung suche ich die Angabe, wo die Südwestfalen Agentur ihren Sitz hat. Können Sie mir das bestätigen?\nViele Grüße');
    expect(reply.kind === 'answer' ? reply.entry.id : reply.kind).toBe('adresse-de');
  });

  it('answers a question about the cooperation in words of the same meaning as the entry’s own', () => {
    // "Leitgedanke" is the premise Winterberg gives; "positionieren" is the "profilieren" of Westphal's quote.
    for (const [text, id] of [
      ['Was ist der Leitgedanke der Kooperation?', 'zitat-winterberg-de'],
      ['Wie möchte sich Südwestfalen künftig positionieren?', 'zitat-westphal-de'],
      ['How does South Westphalia want to position itself?', 'zitat-westphal-en'],
      ['What does the name Digital Bridge mean?', 'ueberblick-en'],
      ['Was ist mit Brückenschlag gemeint?', 'ueberblick-de'],
      // "ausschließlich" only narrows the question: it names no topic another entry could hold.
      ['Dreht sich die Zusammenarbeit ausschließlich um digitale Themen?', 'ziele-de'],
    ]) {
      const reply = ask(text!);
      expect(reply.kind, text).toBe('answer');
      expect(reply.kind === 'answer' ? reply.entry.id : '', text).toBe(id);
    }
  });
});

describe('the topic of the request', () => {
  it('is the one the request names, not what the user said they do before it', () => {
    const shown = providerMatches('Dortmund founder here, we build AI for maintenance. Looking for a founder network in South Westphalia.');
    expect(shown.map((m) => m.provider.region)).toEqual(['suedwestfalen', 'suedwestfalen', 'suedwestfalen']);
    for (const match of shown) expect(match.provider.topics, match.provider.id).toContain('gruendung-startup-kooperation');
  });

  it('is the introduction\'s topic when the request names none', () => {
    const first = providerMatches('Bei uns in Dortmund klicken alle auf Phishing-Mails. Wir suchen jemanden in Südwestfalen.')[0]!;
    expect(first.provider.region).toBe('suedwestfalen');
    expect(first.provider.topics).toContain('it-sicherheit');
  });

  it('reads a firm named by its topic ("a cloud company") as a provider of that topic, not as firms the broker finds', () => {
    for (const [text, topic] of [
      ['Family firm from Olpe here, we need a cloud company in Dortmund to move our servers', 'cloud-it-infrastruktur'],
      ['We are a manufacturer in Siegen looking for a logistics company in Dortmund', 'logistik-supply-chain'],
    ]) {
      const [first] = providerMatches(text!);
      expect(first!.provider.topics, text).toContain(topic);
    }
  });

  it('answers questions about the user’s own data with the privacy entry, which names the delete command', () => {
    for (const text of ['Wie lösche ich meine Daten?', 'What does the bot do with my data?']) {
      const reply = ask(text);
      expect(reply.kind, text).toBe('answer');
      expect(reply.kind === 'answer' ? reply.entry.body : '', text).toMatch(/Meine Daten löschen|delete my data/);
    }
  });
});

describe('which provider of a topic comes first', () => {
  it('puts first the provider whose own need line tells the problem, not the one naming most of its words', () => {
    // the-summit-siegen's profile: "Wir brauchen Software, die unsere Logistik optimiert"; gib-siegen also has the topic.
    const ids = providerIds(ask('Wir sind ein Dortmunder Händler und brauchen Software, die unsere Logistik optimiert. Wer in Südwestfalen macht das?'));
    expect(ids[0]).toBe('the-summit-siegen');
    expect(ids).toContain('gib-siegen');
  });

  it('reads a lack of money for a project as a need for funding', () => {
    const ids = providerIds(ask('Gießerei aus Olpe: Für die Digitalisierung unserer Fertigung fehlt uns das Geld. Wer hilft?'));
    expect(ids[0]).toBe('edih-do');
  });

  it('looks where a preference after the need says the provider should come from', () => {
    const matches = providerMatches('Wir in Attendorn suchen jemanden für unsere Cloud-Server, gern aus Dortmund.');
    expect(matches.map((m) => m.provider.region)).toEqual(matches.map(() => 'dortmund'));
  });
});

describe('a question for a number is answered by an entry that states it', () => {
  it('(en) passes over entries with more of its words that state no count', () => {
    expect(ask('How many municipalities belong to the region?')).toMatchObject({ kind: 'answer', entry: { id: 'suedwestfalen-agentur-en' } });
  });

  it('(de) offers the entry with the count first when it is not sure', () => {
    const reply = ask('Wie viele Städte zählt Südwestfalen?');
    const first = reply.kind === 'didYouMean' ? reply.candidates[0]?.id : reply.kind === 'answer' ? reply.entry.id : reply.kind;
    expect(first).toBe('suedwestfalen-agentur-de');
  });
});
