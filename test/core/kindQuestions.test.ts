/**
 * A question that asks for providers of a kind, with no need verb of its own ("Welche Institute …?", "Can you recommend
 * a research institute …?", "Kann ich hier Professoren finden?"), gets providers of that kind; a question about the
 * cooperation or one asking when something happens does not. Shipped knowledge, a fresh conversation per message;
 * sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));

/** The kinds of the first three providers of a direct provider list, or the reply's kind instead. */
function firstKinds(text: string, locale: string): string[] | string {
  const reply = core.respond({ text, locale }, emptyMemory()).reply;
  return reply.kind === 'providers' ? reply.matches.slice(0, 3).map((match) => match.provider.kind) : reply.kind;
}

describe('questions for a kind of provider', () => {
  it.each([
    ['Können Sie uns ein Institut für Robotik empfehlen?', 'de-DE', 'forschung'],
    ['Kann ich über diese Seite Professoren für ein Forschungsprojekt finden?', 'de-DE', 'hochschule'],
    ['Können wir hier Hochschulen für ein KI-Projekt finden?', 'de-DE', 'hochschule'],
    ['Welche Universitäten im Sauerland kommen für ein Projekt zu Kunststoff in Frage?', 'de-DE', 'hochschule'],
    ['Could you suggest a research institute for logistics?', 'en-US', 'forschung'],
    ['Could we find students for a software project through this service?', 'en-US', 'hochschule'],
  ])('%s → providers of that kind first', (text, locale, kind) => {
    const kinds = firstKinds(text, locale);
    expect(Array.isArray(kinds) ? kinds[0] : kinds).toBe(kind);
  });

  it.each([
    ['Robotik in der Montage – gibt es da Professoren an der FH Südwestfalen, mit denen man reden könnte?', 'de-DE'],
    ['Simulation von Produktionsabläufen – gibt es an der FH Südwestfalen Studenten, die so etwas machen?', 'de-DE'],
    ['Any professors in Siegen one could talk to about robotics?', 'en-US'],
  ])('a question whether a kind exists there asks for it: %s', (text, locale) => {
    const kinds = firstKinds(text, locale);
    expect(Array.isArray(kinds) ? kinds[0] : kinds).toBe('hochschule');
  });

  it('a question about the cooperation, for a time, or phrased like an entry is no request for providers', () => {
    expect(firstKinds('Welche Hochschulen sind an der Kooperation beteiligt?', 'de-DE')).toBe('answer');
    expect(firstKinds('Welche Hochschulen waren bei der Unterzeichnung dabei?', 'de-DE')).toBe('answer');
    // Phrased like the entry about the agency's shareholders: that entry, not a list of chambers.
    expect(firstKinds('Which chambers are shareholders of the Südwestfalen Agentur?', 'en-US')).toBe('answer');
    expect(firstKinds('Wann startet das nächste Projekt mit Studierenden?', 'de-DE')).not.toBeInstanceOf(Array);
  });
});
