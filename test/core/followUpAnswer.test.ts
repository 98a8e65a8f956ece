/**
 * Follow-ups that lean on who or what the last answer was about (src/core/followUp.ts, `personIn` in
 * src/core/subjects.ts): a pronoun for the person it named, another organisation, something new about it. Shipped
 * knowledge, two turns each.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { EntrySubjects } from '../../src/core/subjects.js';
import { projectLexicon } from '../../src/knowledge/lexicon.js';
import { asksAboutLastAnswer } from '../../src/core/followUp.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { kindsByName } from '../../src/knowledge/providerNames.js';

const knowledge = loadKnowledge(shippedKnowledgeDir);
const index = new KnowledgeIndex(knowledge);
const core = new AssistantCore(index);
const universityKinds = kindsByName(knowledge.providers);

/** The replies to `first` and then `second` in one conversation. */
function conversation(first: string, second: string): [Reply, Reply] {
  const one = core.respond({ text: first }, emptyMemory());
  return [one.reply, core.respond({ text: second }, one.memory).reply];
}
const answered = (reply: Reply) => (reply.kind === 'answer' ? reply.entry.id : reply.kind);

describe('"the other side" after a quote whose question named no one', () => {
  it.each([
    ['Wer sagte, man wolle die Menschen in den Regionen halten?', 'und die andere Seite?', 'zitat-winterberg-de', 'zitat-westphal-de'],
    ['Who said they want to keep people and jobs in the regions?', 'and what did the other side say?', 'zitat-winterberg-en', 'zitat-westphal-en'],
  ])('%s → %s', (first, second, quoted, other) => {
    const [one, two] = conversation(first, second);
    expect(answered(one)).toBe(quoted);
    expect(answered(two)).toBe(other);
  });
});

describe('a pronoun for the person the last answer named', () => {
  it('(en) asks about the chairman the answer names, though the question named only his office', () => {
    const [first, second] = conversation('Who heads the supervisory board of the Südwestfalen Agentur?', 'What did he say at the signing?');
    expect(answered(first)).toBe('aufsichtsrat-en');
    expect(answered(second)).toBe('zitat-mueller-en');
  });

  it('(de) asks about the chairman the answer names', () => {
    const [first, second] = conversation('Wer ist Vorsitzender des Aufsichtsrats der Südwestfalen Agentur?', 'Was hat er bei der Unterzeichnung betont?');
    expect(answered(first)).toBe('aufsichtsrat-de');
    expect(answered(second)).toBe('zitat-mueller-de');
  });

  it('(en) "how can I reach him?" asks for contacts, not for the quote of the person put in for "him"', () => {
    const [first, second] = conversation('Who chairs the supervisory board?', 'how can I reach him?');
    expect(answered(first)).toBe('aufsichtsrat-en');
    expect(answered(second)).toBe('kontakt-en');
  });

  it('(en) asks something further about the person quoted, not for the quote again', () => {
    const [first, second] = conversation('What did the managing director of the Wirtschaftsförderung Dortmund say?', 'What is his name?');
    expect(answered(first)).toBe('zitat-westphal-en');
    expect(answered(second)).toBe('geschaeftsfuehrer-en');
  });
});

describe('a pronoun for a person whose own entry the folder does not have', () => {
  it('(de/en) stands for whom the last answer is about: the press contact, not the general contacts', () => {
    const [first, second] = conversation('Wer ist für die Presse zuständig?', 'Wie erreiche ich ihn?');
    expect(answered(first)).toBe('pressekontakt-de');
    expect(answered(second)).toBe('pressekontakt-de');
    const [firstEn, secondEn] = conversation('Who is the press contact?', 'what is his phone number?');
    expect(answered(firstEn)).toBe('pressekontakt-en');
    expect(answered(secondEn)).toBe('pressekontakt-en');
  });

  it('(de) after a "did you mean", stands for whom its question is about', () => {
    const [first, second] = conversation('Wer hat die Pressemitteilung freigegeben?', 'wie erreiche ich ihn?');
    expect(first.kind === 'didYouMean' && first.candidates[0]?.id).toBe('pressekontakt-de');
    expect(answered(second)).toBe('pressekontakt-de');
  });
});

describe('an elliptic question naming another organisation', () => {
  it('(en) asks the last question of that organisation, answered by the entry about both when it explains it best', () => {
    const [first, second] = conversation('Who is the managing director of the Wirtschaftsförderung Dortmund?', 'and at the Südwestfalen Agentur?');
    expect(answered(first)).toBe('geschaeftsfuehrer-en');
    expect(answered(second)).toBe('geschaeftsfuehrer-en');
  });

  it('(de) asks the last question of that organisation', () => {
    const [first, second] = conversation('Wer ist der Chef der Südwestfalen Agentur?', 'und bei der Wirtschaftsförderung Dortmund?');
    expect(answered(first)).toBe('geschaeftsfuehrer-de');
    expect(answered(second)).toBe('geschaeftsfuehrer-de');
  });
});

describe('a follow-up that asks something new about what was just answered', () => {
  it('(de/en) gets the entry its own words ask for, not the last answer again', () => {
    const [first, second] = conversation('Was sind die Ziele der Kooperation?', 'und wer hat sie unterzeichnet?');
    expect(answered(first)).toBe('ziele-de');
    expect(answered(second)).toBe('unterzeichnung-de');
    const [firstEn, secondEn] = conversation('What are the aims of the cooperation?', 'and who is behind it?');
    expect(answered(firstEn)).toBe('ziele-en');
    expect(answered(secondEn)).toBe('partner-en');
  });

  it('(de/en) "when was that?" after what the agreement is gets the signing, a related entry the question word finds', () => {
    const [first, second] = conversation('What kind of agreement did Dortmund and Südwestfalen make?', 'and when was that?');
    expect(answered(first)).toBe('ueberblick-en');
    expect(answered(second)).toBe('unterzeichnung-en');
  });

  it('(de/en) a question word the last answer is asked for by keeps that answer ("and where was that?" after the signing)', () => {
    const [first, second] = conversation('When was the agreement signed?', 'and where was that?');
    expect(answered(first)).toBe('unterzeichnung-en');
    expect(answered(second)).toBe('unterzeichnung-en');
    const [firstDe, secondDe] = conversation('Wann wurde der Vertrag unterzeichnet?', 'und wo war das?');
    expect(answered(firstDe)).toBe('unterzeichnung-de');
    expect(answered(secondDe)).toBe('unterzeichnung-de');
  });

  it('(de) a bare question word still asks the last question again', () => {
    const [first, second] = conversation('Wo wurde der Vertrag unterzeichnet?', 'und wann?');
    expect(answered(first)).toBe('unterzeichnung-de');
    expect(answered(second)).toBe('unterzeichnung-de');
  });
});

describe('a follow-up after a provider list', () => {
  const providerIds = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((m) => m.provider.id) : []);

  it('(de/en) "und wer noch?" / "who else?" shows further providers for the same need, none of those shown', () => {
    for (const [first, more] of [
      ['Wir sind ein Maschinenbauer aus Olpe und suchen in Dortmund Hilfe bei der Einführung eines ERP-Systems.', 'und wer noch?'],
      ['We are a manufacturer in Siegen looking for help with cybersecurity in Dortmund.', 'who else?'],
    ] as const) {
      const one = core.respond({ text: first }, emptyMemory());
      const two = core.respond({ text: more }, one.memory);
      expect(providerIds(one.reply).length).toBeGreaterThan(0);
      expect(providerIds(two.reply).length).toBeGreaterThan(0);
      expect(providerIds(two.reply).filter((id) => providerIds(one.reply).includes(id))).toEqual([]);
      // A second "who else" goes on beyond both lists.
      const three = core.respond({ text: more }, two.memory);
      expect(providerIds(three.reply).filter((id) => [...providerIds(one.reply), ...providerIds(two.reply)].includes(id))).toEqual([]);
    }
  });

  it('(de/en) "und Start-ups?" / "any start-ups?" lists that kind for the same need, those with its topic first', () => {
    for (const [first, kind] of [
      // What the firm says of its own trade (logistics) does not order the start-ups: the security it needs does.
      ['Wir sind ein Logistikbetrieb aus Siegen und suchen in Dortmund Unterstützung bei der IT-Sicherheit.', 'und Start-ups?'],
      ["We're a logistics firm near Siegen and need help with IT security from Dortmund.", 'any start-ups?'],
    ] as const) {
      const one = core.respond({ text: first }, emptyMemory());
      const two = core.respond({ text: kind }, one.memory);
      expect(two.reply.kind === 'providers' && two.reply.matches.every((m) => m.provider.kind === 'startup')).toBe(true);
      expect(two.reply.kind === 'providers' && two.reply.matches[0]?.matchedTopics).toContain('it-sicherheit');
    }
  });

  it('(de) "und wer noch?" after an answer from the FAQ is no request for more providers', () => {
    const [first, second] = conversation('Wer leitet die Südwestfalen Agentur?', 'und wer noch?');
    expect(answered(first)).toBe('geschaeftsfuehrer-de');
    expect(second.kind).not.toBe('providers');
  });

  it('(en) "what about funding?" asks for funding providers for the same need, not how to take part', () => {
    const [first, second] = conversation('Which firms in Dortmund do IoT?', 'what about funding?');
    expect(first.kind).toBe('providers');
    expect(second.kind).toBe('providers');
    expect(second.kind === 'providers' && second.matches.flatMap((match) => match.matchedTopics)).toContain('foerdermittel-finanzierung');
  });

  it('(de) a question of its own about a kind\'s word is no request for that kind', () => {
    const [first, second] = conversation('Wir suchen in Dortmund einen Partner für Logistiksoftware.', 'und was macht die Wirtschaftsförderung?');
    expect(first.kind).toBe('providers');
    expect(second.kind).toBe('answer');
  });

  it('(de) a question the FAQ answers is not read with the need just described', () => {
    const [first, second] = conversation('Wir sind ein Maschinenbauer aus Olpe und suchen in Dortmund Hilfe bei der IT-Sicherheit.', 'und was ist die REGIONALE?');
    expect(first.kind).toBe('providers');
    expect(answered(second)).toBe('regionale-de');
  });
});

describe('an elliptic question naming a place after a firm said where it is and where it looks', () => {
  it('(de) moves the place looked in, the firm staying where it is', () => {
    const [first, second] = conversation('Wir sind ein Maschinenbauer aus Olpe und suchen in Dortmund Hilfe bei der Einführung eines ERP-Systems.', 'und in Siegen?');
    expect(first.kind === 'providers' && first.search.region).toBe('dortmund');
    expect(second.kind).toBe('providers');
    if (second.kind !== 'providers') return;
    expect(second.search.region).toBe('suedwestfalen');
    expect(second.matches[0]?.provider.city).toBe('Siegen');
  });

  it.each([
    ['Wir sind eine Spedition aus Arnsberg und brauchen Hilfe bei der IT-Sicherheit.', 'und in Siegen?'],
    ['We are a haulier from Arnsberg and need help with IT security.', 'what about Siegen?'],
  ])('%s → %s: where the firm looks, it staying where it is, when the last question named no place to look in', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind === 'providers' && one.search.region).toBe('dortmund');
    expect(two.kind === 'providers' && two.search.region).toBe('suedwestfalen');
    expect(two.kind === 'providers' && two.matches[0]?.matchedTopics).toContain('it-sicherheit');
  });
});

describe('a follow-up naming a directory topic after an answer from the FAQ', () => {
  it('(de/en) asks for providers of that topic without the places of the question answered', () => {
    for (const [first, second] of [
      ['Wer leitet die Südwestfalen Agentur?', 'und wer hilft bei IT-Sicherheit?'],
      ['Who runs the Südwestfalen Agentur?', 'and who can help with cybersecurity?'],
    ] as const) {
      const [, reply] = conversation(first, second);
      expect(reply.kind).toBe('providers');
      // The agency named in the first question is no provider for IT security.
      expect(reply.kind === 'providers' && reply.matches.map((m) => m.provider.id)).not.toContain('suedwestfalen-agentur');
      expect(reply.kind === 'providers' && reply.matches[0]?.matchedTopics).toContain('it-sicherheit');
    }
  });
});

describe('an elliptic question naming a region after a question about one person', () => {
  it('(de/en) asks the same of the person of that region', () => {
    const [first, second] = conversation('Was sagt Hubertus Winterberg über die Kooperation?', 'und von Dortmunder Seite?');
    expect(answered(first)).toBe('zitat-winterberg-de');
    expect(answered(second)).toBe('zitat-westphal-de');
    const [firstEn, secondEn] = conversation('How does Thomas Westphal see the cooperation?', 'and someone from South Westphalia?');
    expect(answered(firstEn)).toBe('zitat-westphal-en');
    // Of the two people of Südwestfalen, the one among the last answer's related entries.
    expect(answered(secondEn)).toBe('zitat-winterberg-en');
  });
});

describe('"the other side" after a question about one person', () => {
  it('(de/en) asks the same of the person of the other region', () => {
    const [first, second] = conversation('Was hat Winterberg gesagt?', 'und die andere Seite?');
    expect(answered(first)).toBe('zitat-winterberg-de');
    expect(answered(second)).toBe('zitat-westphal-de');
    const [firstEn, secondEn] = conversation('What did Thomas Westphal say?', 'and the other side?');
    expect(answered(firstEn)).toBe('zitat-westphal-en');
    expect(answered(secondEn)).toBe('zitat-winterberg-en');
  });
});

describe('the one person an entry names', () => {
  const subjects = new EntrySubjects(knowledge.faqs, index.properNames, projectLexicon());
  const entry = (id: string) => knowledge.faqs.find((faq) => faq.id === id)!;

  it('is the full name of a person whose own entry the folder has; none where an entry names two', () => {
    expect(subjects.personIn(entry('aufsichtsrat-de'))).toBe('Andreas Müller');
    expect(subjects.personIn(entry('zitat-westphal-en'))).toBe('Thomas Westphal');
    expect(subjects.personIn(entry('geschaeftsfuehrer-de'))).toBeUndefined();
    // The press contact shares a surname with the chairman, but has no entry of his own.
    expect(subjects.personIn(entry('pressekontakt-de'))).toBeUndefined();
  });

  it('belongs to the region of the place named right after the name', () => {
    expect(subjects.peopleOf('dortmund', 'de').map((p) => p.name)).toEqual(['Thomas Westphal']);
    expect(subjects.peopleOf('suedwestfalen', 'de', 'Andreas Müller').map((p) => p.name)).toEqual(['Hubertus Winterberg']);
    expect(subjects.peopleOf('suedwestfalen', 'en').map((p) => p.name)).toContain('Andreas Müller');
  });
});

describe('a follow-up that leans on the last question by what it names or refers to, not by its length', () => {
  it('(de) a longer message after an acknowledgement, opening with "und", about the agency just named', () => {
    const [first, second] = conversation(
      'Wer leitet die Südwestfalen Agentur?',
      'Alles klar. Und was genau ist die Aufgabe der Agentur in der Zusammenarbeit mit Dortmund?',
    );
    expect(answered(first)).toBe('geschaeftsfuehrer-de');
    expect(answered(second)).toBe('suedwestfalen-agentur-de');
  });

  it('(en) "is X one of them?" after a list asks about that list: the last answer stays', () => {
    const [first, second] = conversation('Which districts own the Südwestfalen Agentur?', 'is Olpe one of them?');
    expect(answered(first)).toBe('gesellschafter-en');
    expect(answered(second)).toBe('gesellschafter-en');
  });
});

describe('a whole region named after the answer about one person', () => {
  it('(en) asks what the person of that side said', () => {
    const [first, second] = conversation(
      'What did the managing director of the Dortmund economic development agency say about the cooperation?',
      'And what about the Südwestfalen side?',
    );
    expect(answered(first)).toBe('zitat-westphal-en');
    expect(answered(second)).toBe('zitat-winterberg-en');
  });

  it('(de) after an answer naming two people, the same question is asked of the place', () => {
    const [first, second] = conversation('Wer leitet die Wirtschaftsförderung Dortmund?', 'und in Südwestfalen?');
    expect(answered(first)).toBe('geschaeftsfuehrer-de');
    expect(answered(second)).toBe('geschaeftsfuehrer-de');
  });
});

describe('"und <X>?" swapping one thing the last question named', () => {
  it('(de) a role after a question about an organisation asks for that role of the organisation, not for a renamed organisation', () => {
    const [first, second] = conversation('Wer ist Vorsitzender des Aufsichtsrats der Südwestfalen Agentur?', 'Und der Geschäftsführer?');
    expect(answered(first)).toBe('aufsichtsrat-de');
    expect(answered(second)).toBe('geschaeftsfuehrer-de');
  });

  it('(de) the other region after an answer about one region gets the other region’s entry, whatever words asked', () => {
    const [first, second] = conversation('Welche Pluspunkte hat Dortmund für die Zusammenarbeit?', 'und Südwestfalen?');
    expect(answered(first)).toBe('staerken-dortmund-de');
    expect(answered(second)).toBe('staerken-suedwestfalen-de');
  });
});

describe('"auch welche, die …?" after a provider list', () => {
  it('(de) asks for providers of the same need who also know the topic named', () => {
    const one = core.respond({ text: 'Wir suchen einen Anbieter für Cloud-Migration in Dortmund' }, emptyMemory());
    const two = core.respond({ text: 'auch welche, die sich mit Sicherheit auskennen?' }, one.memory);
    expect(one.reply.kind).toBe('providers');
    expect(two.reply.kind).toBe('providers');
    const shown = two.reply.kind === 'providers' ? two.reply.matches.map((match) => match.provider.region) : [];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(shown.map(() => 'dortmund'));
  });
});

describe('a word for the providers just listed', () => {
  it('(de) "Was kostet der?" asks about the providers shown, not about what taking part costs', () => {
    const one = core.respond({ text: 'Wer berät kleine Firmen zur Digitalisierung in Dortmund?' }, emptyMemory());
    const two = core.respond({ text: 'Was kostet der?' }, one.memory);
    const ids = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => match.provider.id) : []);
    expect(ids(one.reply).length).toBeGreaterThan(0);
    expect(two.reply.kind).toBe('providers');
    expect(ids(two.reply).length).toBeGreaterThan(0);
    expect(ids(two.reply).every((id) => ids(one.reply).includes(id))).toBe(true);
  });

  it('(en) "what do those charge?" asks about the providers shown', () => {
    const one = core.respond({ text: 'Who advises small firms on digitalisation in Dortmund?' }, emptyMemory());
    const two = core.respond({ text: 'what do those charge?' }, one.memory);
    const ids = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => match.provider.id) : []);
    expect(ids(one.reply).length).toBeGreaterThan(0);
    expect(ids(two.reply).length).toBeGreaterThan(0);
    expect(ids(two.reply).every((id) => ids(one.reply).includes(id))).toBe(true);
  });

  it('(de) a need of its own with "dort" asks for providers beyond those shown', () => {
    const one = core.respond({ text: 'Wir sind ein Start-up aus Dortmund und suchen in Südwestfalen Testkunden für unsere App.' }, emptyMemory());
    const two = core.respond({ text: 'hilft uns dort auch jemand bei Fördermitteln?' }, one.memory);
    const ids = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => match.provider.id) : []);
    expect(ids(two.reply).length).toBeGreaterThan(0);
    expect(ids(two.reply).some((id) => !ids(one.reply).includes(id))).toBe(true);
  });

  it('(de) an article before a noun is no such word: "Was kostet der Check?" is read on its own terms', () => {
    const one = core.respond({ text: 'Wer berät kleine Firmen zur Digitalisierung in Dortmund?' }, emptyMemory());
    const words = 'Was kostet der Check?';
    expect(core.respond({ text: words }, one.memory).reply.kind).toBe(core.respond({ text: words }, emptyMemory()).reply.kind);
  });
});

describe('"is X among them?" closing with "dabei" / "included"', () => {
  it('(de) "Sind da auch Gemeinden dabei?" after the owners of the agency keeps that answer, which lists them', () => {
    const [first, second] = conversation('Ist der Märkische Kreis an der Südwestfalen Agentur beteiligt?', 'Sind da auch Gemeinden dabei?');
    expect(answered(first)).toBe('gesellschafter-de');
    expect(answered(second)).toBe('gesellschafter-de');
  });

  it('"dabei" / "included" ask about the list only where they close a clause', () => {
    const lexicon = projectLexicon();
    expect(asksAboutLastAnswer('Ist Soest auch mit drin?', lexicon)).toBe(true);
    expect(asksAboutLastAnswer('are cities included?', lexicon)).toBe(true);
    expect(asksAboutLastAnswer('Was ist dabei für kleine Firmen wichtig?', lexicon)).toBe(false);
    expect(asksAboutLastAnswer('Is anything included for start-ups in the agreement?', lexicon)).toBe(false);
  });
});

describe('"und die <Organisation>?" after an answer about another one', () => {
  it('(de) asks the last question of that organisation: the entry naming it, not the last answer about the agency again', () => {
    const [first, second] = conversation('Welche Straße hat die Agentur in Olpe?', 'Und die Wirtschaftsförderung?');
    expect(answered(first)).toBe('adresse-de');
    expect(answered(second)).not.toBe('adresse-de');
    expect(second.kind === 'answer' ? second.entry.body : '').toContain('Wirtschaftsförderung Dortmund');
  });
});

describe('a short question about the providers just listed', () => {
  const shown = (reply: Reply) => (reply.kind === 'providers' ? reply.matches : []);

  it.each([
    ['Wir möchten unsere Lagerverwaltung digitalisieren, Betrieb in Meschede', 'Wäre das förderfähig?'],
    ['We want to digitise our warehouse management, company in Meschede', 'would that be eligible for funding?'],
  ])('%s → %s asks for providers who fund that plan', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shown(one).length).toBeGreaterThan(0);
    expect(shown(one)[0]?.matchedTopics).not.toContain('foerdermittel-finanzierung');
    expect(shown(two)[0]?.matchedTopics).toContain('foerdermittel-finanzierung');
  });

  it.each([
    ['Metallbetrieb aus Siegen, wir suchen Hilfe bei der IT-Sicherheit in Dortmund.', 'klappt das auch auf Englisch?'],
    ['We need help with IT security for our plant in Olpe', 'does that also work remotely?'],
  ])('%s → %s: what the folder does not say gets no list, as if it did', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shown(one).length).toBeGreaterThan(0);
    expect(two.kind).not.toBe('providers');
  });

  it.each([
    ['Wer hilft in Dortmund bei der IT-Sicherheit?', 'geht das auch in Südwestfalen, am besten in der Nähe von Arnsberg?'],
    ['Who helps with IT security in Dortmund?', 'could that also work in South Westphalia, ideally somewhere near Arnsberg?'],
  ])('%s → %s: a longer question opening with "that" moves the place of the same need', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shown(one).map((match) => match.provider.region)).toContain('dortmund');
    expect(shown(two).length).toBeGreaterThan(0);
    expect(shown(two).map((match) => match.provider.region)).toEqual(shown(two).map(() => 'suedwestfalen'));
    expect(shown(two)[0]?.matchedTopics).toContain('it-sicherheit');
  });

  it.each([
    ['Welche Hochschulen in Südwestfalen forschen zu Logistik?', 'kann man da auch Abschlussarbeiten schreiben?'],
    ['Wir sind ein Maschinenbauer aus Dortmund und suchen in Südwestfalen eine Hochschule für ein KI-Projekt.', 'können wir da auch Praktikanten finden?'],
  ])('%s → %s: "da" is the place and kind just asked for', (first, second) => {
    const [, two] = conversation(first, second);
    expect(shown(two).length).toBeGreaterThan(0);
    expect(shown(two).map((match) => match.provider.region)).toEqual(shown(two).map(() => 'suedwestfalen'));
    // A university's own unit ("… der Universität Siegen") counts as a university (`kindsByName`).
    expect([...(universityKinds.get(shown(two)[0]!.provider.id) ?? [])]).toContain('hochschule');
  });
});

describe('"das" before a noun is its article, not a word for what was just asked', () => {
  it.each([
    ['Wer leitet die Südwestfalen Agentur?', 'Kann das Team der Agentur auch bei Förderanträgen für kleine Firmen helfen?'],
    ['Wer hilft in Dortmund bei der IT-Sicherheit?', 'Ist das Abkommen zwischen den Regionen befristet?'],
  ])('%s → %s is read on its own terms', (first, second) => {
    const [, two] = conversation(first, second);
    const alone = core.respond({ text: second }, emptyMemory()).reply;
    expect(two.kind).toBe(alone.kind);
    expect(answered(two)).toBe(answered(alone));
  });
});

describe('"something like that" and "the other direction" after a provider list', () => {
  const shown = (reply: Reply) => (reply.kind === 'providers' ? reply.matches : []);

  it.each([
    ['Wer unterstützt in Dortmund bei Predictive Maintenance?', 'Gibt es so etwas auch im Siegerland?'],
    ['Who can help with predictive maintenance in Dortmund?', 'is there anything similar in Siegen?'],
    ['Who can help with predictive maintenance in Dortmund?', 'Are there any like that near Siegen?'],
    ['Wer unterstützt in Dortmund bei Predictive Maintenance?', 'und in Olpe?'],
    ['Wer hilft Firmen in Dortmund bei der Migration in die Cloud?', 'Gibt es so etwas auch in Meschede?'],
    ['Welche Anbieter in Dortmund kennen sich mit Predictive Maintenance aus?', 'welche im Siegerland?'],
    ['Who can help with predictive maintenance in Dortmund?', 'anyone near Siegen?'],
  ])('%s → %s asks the same need in the place named (its region where the folder knows no one in the town)', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shown(one).map((match) => match.provider.region)).toContain('dortmund');
    expect(shown(two).length).toBeGreaterThan(0);
    expect(shown(two).map((match) => match.provider.region)).toEqual(shown(two).map(() => 'suedwestfalen'));
  });

  it.each([
    ['Welche Hochschulen in Dortmund forschen zu Robotik?', 'und umgekehrt?'],
    ['Which universities in Dortmund do research on robotics?', 'and the other way round?'],
    ['Which universities in Dortmund do research on robotics?', 'what about the other side?'],
  ])('%s → %s lists the other region’s providers for the same question', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shown(one).map((match) => match.provider.region)).toContain('dortmund');
    expect(shown(two).length).toBeGreaterThan(0);
    expect(shown(two).map((match) => match.provider.region)).toEqual(shown(two).map(() => 'suedwestfalen'));
  });
});

describe('"Machen die auch …?" right after a provider list', () => {
  const shownIds = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => match.provider.id) : []);

  it.each([
    ['Wir brauchen für unseren Betrieb in Olpe einen neuen Onlineshop.', 'Können die auch Robotik?'],
    ['We need a new online shop for our plant in Olpe.', 'do they also do robotics?'],
  ])('%s → %s: what none of those shown is said to offer is not answered with them, nor with an entry of its word', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(shownIds(one).length).toBeGreaterThan(0);
    expect(two.kind).toBe('unknown');
  });

  it('(de) what those shown offer keeps them, and only them', () => {
    const [one, two] = conversation('Wir brauchen für unseren Betrieb in Olpe einen neuen Onlineshop.', 'Machen die auch Webseiten?');
    expect(shownIds(two).length).toBeGreaterThan(0);
    expect(shownIds(two).every((id) => shownIds(one).includes(id))).toBe(true);
  });
});

describe('the last question asked of another place', () => {
  it.each([
    ['Wer ist Geschäftsführer der Südwestfalen Agentur?', 'und in Dortmund?'],
    ['Wer ist bei der Südwestfalen Agentur für die Geschäfte verantwortlich?', 'und auf Dortmunder Seite?'],
  ])('%s → %s keeps the answer naming both heads, not a quote related to it', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(answered(one)).toBe('geschaeftsfuehrer-de');
    expect(answered(two)).toBe('geschaeftsfuehrer-de');
  });
});

describe('a place alone after a "did you mean"', () => {
  it('(de) asks the last question of that place: its options, not an entry the place\'s name finds alone', () => {
    const [first, second] = conversation('Wer spricht für Südwestfalen?', 'und für Dortmund?');
    expect(first.kind).toBe('didYouMean');
    expect(second.kind).toBe('didYouMean');
  });
});

describe('a related entry found through the very words that find the last answer', () => {
  it('(en) is not meant: nothing the message says points away from the last answer', () => {
    const [one, two] = conversation('Tell me about the REGIONALE 2025', 'who runs it?');
    expect(answered(one)).toBe('regionale-en');
    expect(answered(two)).toBe('regionale-en');
  });
});

describe('a fragment without a question of its own right after a provider list', () => {
  it.each([
    ['Wer gibt in Südwestfalen Kurse zur IT-Sicherheit?', 'und kostenlos?'],
    ['Who offers courses on IT security in South Westphalia?', 'and in English?'],
  ])('%s → %s: what the folder does not say is neither the list again nor an entry its one word finds', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind).toBe('providers');
    expect(two.kind).toBe('unknown');
  });

  it('(de) a name of the folder\'s is a question of its own', () => {
    const [one, two] = conversation('Wer gibt in Südwestfalen Kurse zur IT-Sicherheit?', 'und die REGIONALE 2025?');
    expect(one.kind).toBe('providers');
    expect(answered(two)).toBe('regionale-de');
  });
});

describe('a place after a provider list moves the search', () => {
  it.each([
    ['Welche Unternehmen in Südwestfalen machen Industrie 4.0?', 'und im Sauerland?'],
    ['Which firms in South Westphalia do Industry 4.0?', 'and in the Sauerland?'],
  ])('%s → %s: providers, not an entry answering the moved question', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind).toBe('providers');
    expect(two.kind).toBe('providers');
    expect(two.kind === 'providers' && two.matches.every((match) => match.provider.region === 'suedwestfalen')).toBe(true);
  });
});

describe('a longer question about the providers just shown that the folder does not answer', () => {
  it.each([
    ['Wir suchen für unseren Betrieb in Olpe jemanden, der unseren Onlineshop neu aufsetzt.', 'und wie ist das eigentlich mit den Zahlungsbedingungen bei denen geregelt?'],
    ['We need someone in Dortmund to rebuild our web shop, our firm is in Olpe.', 'and how long does a relaunch usually take with them, roughly?'],
  ])('%s → %s is neither an entry of the cooperation nor the list again', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind).toBe('providers');
    expect(two.kind).toBe('unknown');
  });
});

describe('"the other side" where the folder only narrows the other side\'s question down', () => {
  it('(de) keeps the last answer when it is among the options: it named one side and names the other as well', () => {
    const [one, two] = conversation('Wer unterschrieb auf Seiten von Südwestfalen?', 'und auf der anderen Seite?');
    expect(answered(one)).toBe('partner-de');
    expect(answered(two)).toBe('partner-de');
  });

  it('(en) offers the options for the other side’s question, not the entry about both regions found through "side"', () => {
    const [, two] = conversation('Who signed the agreement on behalf of Dortmund?', 'and on the other side?');
    expect(two.kind).toBe('didYouMean');
    expect(two.kind === 'didYouMean' && two.candidates.map((c) => c.id)).toContain('unterzeichnung-en');
  });
});

describe('who leads the organisation just described', () => {
  it.each([
    ['Was ist die Wirtschaftsförderung Dortmund?', 'und wer ist dort der Boss?', 'wirtschaftsfoerderung-dortmund-de', 'geschaeftsfuehrer-de'],
    ['Was macht die Südwestfalen Agentur so?', 'und wer ist da die Chefin?', 'suedwestfalen-agentur-de', 'geschaeftsfuehrer-de'],
    ['What is the Wirtschaftsförderung Dortmund?', 'and who runs it?', 'wirtschaftsfoerderung-dortmund-en', 'geschaeftsfuehrer-en'],
  ])('%s → %s', (first, second, described, leader) => {
    const [one, two] = conversation(first, second);
    expect(answered(one)).toBe(described);
    expect(answered(two)).toBe(leader);
  });
});

describe('a kind of provider asked for right after a provider list', () => {
  const kindOf = new Map(knowledge.providers.map((provider) => [provider.id, provider.kind]));
  const kinds = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => kindOf.get(match.provider.id)) : [reply.kind]);

  it.each([
    // Students are found at universities.
    ['Wir brauchen in Dortmund Unterstützung bei der Einführung von Robotik in der Montage.', 'Geht das auch mit Studenten?'],
    // The kind right after the opening is asked for at any length; the relative clause says what they should do.
    ['Our plant in Olpe needs a partner for machine learning on sensor data.', 'are there universities that could take this on with their students?'],
  ])('%s → %s: universities for the same need', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind).toBe('providers');
    expect(kinds(two).length).toBeGreaterThan(0);
    expect(new Set(kinds(two))).toEqual(new Set(['hochschule']));
  });
});

describe('a side named in a follow-up after a provider list is where to look', () => {
  const regionsOf = (reply: Reply) =>
    reply.kind === 'providers' ? [...new Set(reply.matches.map((match) => match.provider.region))] : [];
  it.each([
    ['Wer hilft uns, unser Lager zu automatisieren?', 'und auf der südwestfälischen Seite?', 'suedwestfalen'],
    ['Wir suchen Hilfe beim Automatisieren unseres Lagers.', 'und auf der Dortmunder Seite?', 'dortmund'],
    ['Who can help us automate our warehouse?', 'and on the South Westphalian side?', 'suedwestfalen'],
  ] as const)('%s → %s', (first, second, side) => {
    const [, two] = conversation(first, second);
    expect(regionsOf(two)).toEqual([side]);
  });
});

describe('a request for someone after a provider list, naming no topic of its own, asks about the same need', () => {
  const ids = (reply: Reply) => (reply.kind === 'providers' ? reply.matches.map((match) => match.provider.id) : []);
  it.each([
    ['Wir suchen Hilfe bei der Lagerlogistik.', 'und wer kann uns da beraten?'],
    ['Unser Lager braucht ein neues System.', 'und wer berät uns dabei?'],
    ['Is there funding for digital projects?', 'who advises on that?'],
  ])('%s → %s', (first, second) => {
    const [one, two] = conversation(first, second);
    expect(one.kind).toBe('providers');
    // Not an entry found through the verb of advising alone: providers, and some of those found for the need.
    expect(two.kind).toBe('providers');
    expect(ids(two).filter((id) => ids(one).includes(id)).length).toBeGreaterThan(1);
  });
});

describe('a follow-up asking for a number', () => {
  it('(de) is answered by the entry that states the count, not by the last answer', () => {
    const [, two] = conversation('Welche Kreise zählen zu Südwestfalen?', 'und wie viele Kommunen sind es insgesamt?');
    expect(answered(two)).toBe('suedwestfalen-agentur-de');
  });

  it('(de) is not answered by a related entry of the last answer that names no count', () => {
    const [one, two] = conversation('Was ist die REGIONALE?', 'und wie viele Gemeinden machen da mit?');
    expect(answered(one)).toBe('regionale-de');
    expect(answered(two)).not.toBe('regionale-de');
  });
});

describe('since when the cooperation runs is the date it was signed', () => {
  it('(en) asked alone', () => {
    expect(answered(core.respond({ text: 'Since when has this partnership been running?' }, emptyMemory()).reply)).toBe('unterzeichnung-en');
  });

  it.each([
    ['What is the goal of the cooperation?', 'since when has that been running?', 'ziele-en', 'unterzeichnung-en'],
    ['Welche Ziele verfolgen die beiden Partner?', 'und seit wann läuft sie?', 'ziele-de', 'unterzeichnung-de'],
  ])('%s → %s: not the goals again, nor where the information comes from', (first, second, goals, signing) => {
    const [one, two] = conversation(first, second);
    expect(answered(one)).toBe(goals);
    expect(answered(two)).toBe(signing);
  });
});
