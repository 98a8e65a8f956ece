/**
 * Short openers that ask who the assistant is or what it does, addressing it as "du" or "ihr", get the assistant's
 * own entry; "ihr" as a possessive ("ihr Geschäftsführer") still asks about the organisation. Shipped knowledge,
 * sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shownOfReply } from '../../scripts/eval/systems.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const answer = (text: string, locale = 'de-DE') => {
  const shown = shownOfReply(core.respond({ text, locale }, emptyMemory()).reply);
  return shown.confident ? shown.ids[0] : undefined;
};

describe('openers addressing the assistant', () => {
  it.each(['was macht ihr denn', 'Wer seid ihr eigentlich?', 'Was tut ihr hier?'])('%s → the assistant entry', (text) => {
    expect(answer(text)).toBe('assistent-de');
  });

  it('a possessive "ihr" still asks about the organisation', () => {
    expect(answer('Wer ist ihr Geschäftsführer?')).toBe('geschaeftsfuehrer-de');
  });
});
