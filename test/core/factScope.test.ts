/**
 * What a fact question asks decides whether an entry answers it: a question for a price needs an entry that states
 * one, a service no profile offers is no question for the assistant's own entry, "this website" is the assistant, and
 * the verbs of quoting and brokering find the entries that speak of them. Shipped knowledge, sentences written here.
 */
import { describe, expect, it } from 'vitest';
import { statesAskedPrice, withAssistantNamed, withParticipationNamed } from '../../src/core/intents.js';
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
