/**
 * Issue 6: the words a user types to get a person ("Mitarbeiter", "Mensch", "human", "agent") start a handoff,
 * while a need that merely mentions staff ("Weiterbildung für unsere Mitarbeiter") is answered as a need.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { fixtureKnowledgeDir, shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const replyKind = (text: string) => core.respond({ text }, emptyMemory()).reply.kind;

describe('asking for a person', () => {
  it.each([
    'Mitarbeiter',
    'Mensch',
    'human',
    'agent',
    'Agent!',
    'bitte einen Mitarbeiter',
    'Ich möchte mit einem Menschen sprechen',
    'Can I talk to a person?',
    'Könnten Sie mich bitte mal zurückrufen?',
    'Das bringt nichts. Ich will jetzt einen echten Menschen.',
    'Is there anybody at the agency I could go through our plans with?',
    'Can we arrange a meeting with one of your advisers?',
    'Wir würden gern einen Termin vereinbaren.',
    'Das bringt mir nicht weiter, wer kann mir sonst helfen?',
    "Sorry, that's not helpful.",
    // A request for a person said as a statement with a need verb: the person is what is needed, not a provider.
    'Ich brauche einen Menschen, keinen Bot.',
  ])(
    '"%s" starts a handoff',
    (text) => {
      expect(replyKind(text)).toBe('escalate');
    },
  );

  it.each(['Weiterbildung für unsere Mitarbeiter', 'Wir suchen einen Ansprechpartner für Robotik in der Montage', 'Wir suchen Schulungen für Mitarbeiter in der Produktion', 'Wann war der Termin der Unterzeichnung?'])(
    '"%s" is not a handoff request',
    (text) => {
      expect(replyKind(text)).not.toBe('escalate');
    },
  );

  it.each(['Bist du ein echter Mitarbeiter oder ein Computerprogramm?', 'Bist du ein echter Mensch?', 'Are you a real person?', 'Am I talking to a human?'])(
    '"%s" asks what the assistant is and gets the entry about it',
    (text) => {
      const reply = core.respond({ text }, emptyMemory()).reply;
      const first = reply.kind === 'answer' ? reply.entry.id : reply.kind === 'didYouMean' ? reply.candidates[0]?.id : reply.kind;
      expect(first).toMatch(/^assistent-(de|en)$/);
    },
  );
});

/**
 * Issue 16: how people ask for a person is data (a FAQ entry with `reply: person`), learnt by the search like any
 * other entry, so everyday wordings that no lexicon phrase lists still reach the team.
 */
describe('an entry that stands for asking for a person', () => {
  it.each([
    'Ich will mich beschweren',
    'Verbinde mich bitte mit einem Kollegen',
    'Können Sie mich mit der Wirtschaftsförderung verbinden?',
    'Is there anyone I can speak to?',
    'connect me with someone from the agency please',
  ])('"%s" gets the handoff offer, not the contact details', (text) => {
    expect(replyKind(text)).toBe('escalate');
  });

  it.each(['Wie erreiche ich die Wirtschaftsförderung?', 'Wer ist mein Ansprechpartner?'])(
    '"%s" still gets the contact details',
    (text) => {
      const reply = core.respond({ text }, emptyMemory()).reply;
      expect(reply.kind === 'answer' && reply.entry.id).toBe('kontakt-de');
    },
  );

  const folder = mkdtempSync(path.join(tmpdir(), 'person-entry-'));
  cpSync(fixtureKnowledgeDir, folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'faq/de/rueckruf-de.md'),
    ['---', 'type: faq', 'id: rueckruf-de', 'lang: de', 'title: Rückruf durch das Büro', 'reply: person', 'questions:', '  - Bitte Rückruf vom Büro', '---', 'Das Büro übernimmt.', ''].join('\n'),
  );
  const fixtureCore = new AssistantCore(new KnowledgeIndex(loadKnowledge(folder)));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is answered with the handoff offer, topic the question before', () => {
    const first = fixtureCore.respond({ text: 'Wann wurde die Musterstadt-Vereinbarung unterzeichnet?' }, emptyMemory());
    const reply = fixtureCore.respond({ text: 'Bitte Rückruf vom Büro' }, first.memory).reply;
    expect(reply).toMatchObject({ kind: 'escalate', reason: 'asked', topic: 'Wann wurde die Musterstadt-Vereinbarung unterzeichnet?' });
  });

  it('chosen under "did you mean", it offers the handoff as well', () => {
    const reply = fixtureCore.respond({ action: { action: 'showAnswer', id: 'rueckruf-de' } }, emptyMemory()).reply;
    expect(reply.kind).toBe('escalate');
  });
});
