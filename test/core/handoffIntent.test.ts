/**
 * Issue 6: the words a user types to get a person ("Mitarbeiter", "Mensch", "human", "agent") start a handoff,
 * while a need that merely mentions staff ("Weiterbildung für unsere Mitarbeiter") is answered as a need.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const replyKind = (text: string) => core.respond({ text }, emptyMemory()).reply.kind;

describe('asking for a person', () => {
  it.each(['Mitarbeiter', 'Mensch', 'human', 'agent', 'Agent!', 'bitte einen Mitarbeiter', 'Ich möchte mit einem Menschen sprechen', 'Can I talk to a person?'])(
    '"%s" starts a handoff',
    (text) => {
      expect(replyKind(text)).toBe('escalate');
    },
  );

  it.each(['Weiterbildung für unsere Mitarbeiter', 'Wir suchen Schulungen für Mitarbeiter in der Produktion'])(
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
