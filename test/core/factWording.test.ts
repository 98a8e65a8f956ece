/**
 * Words that only frame a fact question (whether something is true, what a term means) leave no telling word open:
 * the entry about the fact or the term is still the answer, or at least the first offered. Shipped knowledge,
 * sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shownOfReply } from '../../scripts/eval/systems.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
const core = new AssistantCore(index);
const roleOf = (text: string, lang: 'de' | 'en', word: string) => index.queryWords(text, { lang }).find((w) => w.word === word)?.role;
const first = (text: string, locale: string) => shownOfReply(core.respond({ text, locale }, emptyMemory()).reply).ids[0];

describe('framing words of a fact question', () => {
  it('are fillers, not topic words a FAQ entry must explain', () => {
    expect(roleOf('Stimmt die Angabe zu den Weltmarktführern?', 'de', 'stimmt')).toBe('filler');
    expect(roleOf('Wie versteht ihr den Begriff Handlungskorridor?', 'de', 'begriff')).toBe('filler');
    expect(roleOf('Wie versteht ihr den Begriff Handlungskorridor?', 'de', 'versteht')).toBe('filler');
    expect(roleOf('What is meant by the term corridor for action?', 'en', 'term')).toBe('filler');
    // A word that announces the topic names none itself.
    expect(roleOf('Wo liegt die Agentur? Stichwort Anfahrt.', 'de', 'stichwort')).toBe('filler');
    expect(roleOf('Who signed it? Keyword: agreement.', 'en', 'keyword')).toBe('filler');
  });

  it.each([
    ['Gibt es in Südwestfalen wirklich so viele Weltmarktführer? Stimmt das?', 'de-DE', 'staerken-suedwestfalen-de'],
    ['Is it really true that South Westphalia has that many world market leaders?', 'en-US', 'staerken-suedwestfalen-en'],
  ])('%s → %s first', (text, locale, entry) => {
    expect(first(text, locale)).toBe(entry);
  });
});
