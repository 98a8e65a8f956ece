/**
 * What a fact question asks decides whether an entry answers it: a question for a price needs an entry that states
 * one, a service no profile offers is no question for the assistant's own entry, "this website" is the assistant, and
 * the verbs of quoting and brokering find the entries that speak of them. Shipped knowledge, sentences written here.
 */
import { describe, expect, it } from 'vitest';
import { statesAskedPrice, withAssistantNamed, withWhatIsThisRead, withoutExcepted, withoutIdleIdioms, withParticipationNamed } from '../../src/core/intents.js';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shownOfReply } from '../../scripts/eval/systems.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const shown = (text: string, locale: string) => shownOfReply(core.respond({ text, locale }, emptyMemory()).reply);

describe('a question for a price', () => {
  it('is answered only by a text that states a price or that something is free', () => {
    const noPrice = 'Beschreiben Sie Ihr Anliegen; die Agenturen melden sich bei Ihnen.';
    expect(statesAskedPrice('Wie teuer ist ein Beratungsgespräch?', noPrice)).toBe(false);
    expect(statesAskedPrice('Was kosten die Workshops?', noPrice)).toBe(false);
    expect(statesAskedPrice('How much does a workshop cost?', 'Workshops are held twice a year.')).toBe(false);
    expect(statesAskedPrice('Wie teuer ist ein Beratungsgespräch?', 'Das Erstgespräch ist kostenlos.')).toBe(true);
    expect(statesAskedPrice('Was kosten die Workshops?', 'Ein Workshop kostet 250 € pro Person.')).toBe(true);
    expect(statesAskedPrice('How much does a workshop cost?', 'Workshops are free of charge.')).toBe(true);
    // Not a question for a price: any text may answer it.
    expect(statesAskedPrice('Wann finden die Workshops statt?', noPrice)).toBe(true);
  });

  it('so is a question for a sum of money or a budget', () => {
    const noSum = 'Beide Regionen sollen von der Zusammenarbeit profitieren.';
    expect(statesAskedPrice('Wie viel Geld bekommt das Sauerland aus dem Projekt?', noSum)).toBe(false);
    expect(statesAskedPrice('Welches Budget hat die Initiative?', noSum)).toBe(false);
    expect(statesAskedPrice('How much money goes into the partnership?', 'Both regions gain.')).toBe(false);
    expect(statesAskedPrice('Wie viel Geld bekommt das Sauerland aus dem Projekt?', 'Das Land gibt 2 Mio. Euro.')).toBe(true);
  });

  it('a question how much money flows between the regions is not answered with what each side gains', () => {
    expect(shown('Wie viel Geld bekommt Südwestfalen aus Dortmund durch die Kooperation?', 'de-DE').confident).toBe(false);
  });

  it('is not answered with the entry on taking part, which names no fee: it is offered', () => {
    for (const [text, locale, entry] of [
      ['Wie teuer ist die Teilnahme am Brückenschlag?', 'de-DE', 'mitmachen-de'],
      ['How much is the fee for joining?', 'en-US', 'mitmachen-en'],
    ] as const) {
      const s = shown(text, locale);
      expect(s.confident, text).toBe(false);
      expect(s.ids[0], text).toBe(entry);
    }
  });
});

describe('a service no profile offers', () => {
  it.each([
    ['Ich suche einen Hausarzt in Arnsberg.', 'de-DE'],
    ['Do you know a good vet in Siegen?', 'en-US'],
    // An apprenticeship is a job: neither the entries nor the profiles offer one.
    ['Könnte ich bei der Wirtschaftsförderung Dortmund eine Ausbildung beginnen?', 'de-DE'],
    ['Can I do an apprenticeship at the Südwestfalen Agentur?', 'en-US'],
  ])('is not answered (%s)', (text, locale) => {
    expect(shown(text, locale).confident).toBe(false);
  });
});

describe('the page or chat the user is on', () => {
  it('is read as the assistant', () => {
    expect(withAssistantNamed('Wer steckt hinter dieser Website?', 'de')).toBe('Wer steckt hinter dieser Assistent?');
    expect(withAssistantNamed('Who operates this platform?', 'en')).toBe('Who operates this assistant?');
    expect(withAssistantNamed('Auf welcher Website finde ich die Agentur?', 'de')).toBe('Auf welcher Website finde ich die Agentur?');
  });

  it('a first message asking only what this is asks about the assistant; later it asks about what was just said', () => {
    expect(withWhatIsThisRead('Was ist denn das hier?', 'de', true)).toBe('Was ist dieser Assistent?');
    expect(withWhatIsThisRead('where am I?', 'en', true)).toBe('What is this assistant?');
    expect(withWhatIsThisRead('Was ist das hier?', 'de', false)).toBe('Was ist das hier?');
    expect(withWhatIsThisRead('Was ist das hier für eine Vereinbarung?', 'de', true)).toBe('Was ist das hier für eine Vereinbarung?');
    expect(shown('Was ist denn das hier?', 'de-DE')).toMatchObject({ confident: true, ids: ['assistent-de'] });
    expect(shown('Where am I here?', 'en-US')).toMatchObject({ confident: true, ids: ['assistent-en'] });
    const first = core.respond({ text: 'Wer leitet die Wirtschaftsförderung Dortmund?', locale: 'de-DE' }, emptyMemory());
    const next = shownOfReply(core.respond({ text: 'Was ist das?', locale: 'de-DE' }, first.memory).reply);
    expect(next.ids[0]).not.toBe('assistent-de');
  });

  it.each([
    ['Wer steckt hinter dieser Website?', 'de-DE', 'assistent-de'],
    ['Who operates this platform?', 'en-US', 'assistent-en'],
  ])('%s → %s', (text, locale, entry) => {
    const s = shown(text, locale);
    expect(s.confident).toBe(true);
    expect(s.ids[0]).toBe(entry);
  });
});

describe('verbs of quoting and of brokering', () => {
  it('"zitiert" finds a quote, "Vermittlung" the entry on taking part', () => {
    expect(shown('Who from Dortmund is quoted?', 'en-US').ids[0]).toBe('zitat-westphal-en');
    expect(shown('Wie läuft eine Vermittlung ab?', 'de-DE').ids[0]).toBe('mitmachen-de');
  });
});

describe('idioms for taking part', () => {
  it('are read as the word the entries use', () => {
    expect(withParticipationNamed('Ist die Fachhochschule auch mit im Boot?', 'de')).toBe('Ist die Fachhochschule auch beteiligt?');
    expect(withParticipationNamed('Is the chamber of commerce on board too?', 'en')).toBe('Is the chamber of commerce involved too?');
    // "Teil" of a region is no taking part.
    expect(withParticipationNamed('Welcher Teil von Südwestfalen ist am größten?', 'de')).toBe('Welcher Teil von Südwestfalen ist am größten?');
  });

  it("a question whether Dortmund's universities take part is about the goals", () => {
    expect(shown('Sind Hochschulen aus Dortmund bei der Zusammenarbeit mit von der Partie?', 'de-DE').ids[0]).toBe('ziele-de');
  });
});

describe('idioms that name nothing asked about', () => {
  it('are left out before the search', () => {
    expect(withoutIdleIdioms('Was tut die Agentur eigentlich den ganzen Tag?').replace(/\s+/g, ' ')).toBe('Was tut die Agentur eigentlich ?');
    expect(withoutIdleIdioms('What does the chamber do all day long?').replace(/\s+/g, ' ')).toBe('What does the chamber do ?');
    // A question for a day is no idiom.
    expect(withoutIdleIdioms('An welchem Tag wurde unterschrieben?')).toBe('An welchem Tag wurde unterschrieben?');
  });

  it('"what does it do all day" asks what the organisation does, not for the day of the signing', () => {
    expect(shown('Was macht die Wirtschaftsförderung Dortmund eigentlich den ganzen Tag?', 'de-DE').ids[0]).toBe('wirtschaftsfoerderung-dortmund-de');
    expect(shown('What does the Südwestfalen Agentur do all day?', 'en-US').ids[0]).toBe('suedwestfalen-agentur-en');
  });
});

describe('what a question excepts', () => {
  it('is left out before the search: a noun or a whole name, and a second one joined to it', () => {
    expect(withoutExcepted('Wer außer Hubertus Winterberg hat sich noch geäußert?')).toBe('Wer hat sich noch geäußert?');
    expect(withoutExcepted('Welche Stärken hat Dortmund außer den vielen Hochschulen und Start-ups?')).toBe('Welche Stärken hat Dortmund ?');
    expect(withoutExcepted('What strengths does the region have apart from the world market leaders?')).toBe('What strengths does the region have ?');
    expect(withoutExcepted('Besides, who signed it?')).toBe('Besides, who signed it?');
  });

  it("a question for the others' quotes is not answered with the quote of the one excepted", () => {
    expect(shown('Hat außer Thomas Westphal noch jemand etwas gesagt?', 'de-DE').ids[0]).not.toBe('zitat-westphal-de');
    expect(shown('What is Dortmund strong in, apart from its universities?', 'en-US').ids[0]).toBe('staerken-dortmund-en');
  });

  it('so is an alternative the question sets aside ("und nicht …", "and not …"): it is not what is asked about', () => {
    expect(withoutExcepted('Was bringt Dortmund mit und nicht Bochum?')).toBe('Was bringt Dortmund mit ?');
    expect(withoutExcepted('Why Dortmund and not Essen?')).toBe('Why Dortmund ?');
    expect(shown('Was bringt Dortmund mit und nicht Bochum?', 'de-DE')).toMatchObject({ confident: true, ids: ['staerken-dortmund-de'] });
    expect(shown('Why Dortmund and not Essen?', 'en-US')).toMatchObject({ confident: true, ids: ['staerken-dortmund-en'] });
    expect(shown("What are South Westphalia's strengths and not Hamburg's?", 'en-US').ids[0]).toBe('staerken-suedwestfalen-en');
    // A place outside both regions set aside is no place asked about: the question is not refused as about elsewhere.
    expect(shown('Wieso hat man Südwestfalen als Partner gewählt und nicht das Münsterland?', 'de-DE').ids.slice(0, 3)).toContain('anlass-de');
  });
});
