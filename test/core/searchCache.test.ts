/**
 * The search cache (SEARCH_CACHE_SIZE) makes repeated questions cheap; a user must not notice it. Conversations run
 * with the cache on give exactly the replies they give with it off, including what the conversation remembers
 * (misses in a row, region, language), and the same words asked in another language or for another region are
 * searched on their own.
 */
import { describe, expect, it, vi } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { SearchCache } from '../../src/core/searchCache.js';
import { emptyMemory, type ConversationMemory, type Turn } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));

/** Runs the messages in one conversation and returns every turn. */
function converse(core: AssistantCore, messages: string[]): Turn[] {
  let memory: ConversationMemory = emptyMemory();
  return messages.map((text) => {
    const turn = core.respond({ text }, memory);
    memory = turn.memory;
    return turn;
  });
}

describe('search cache', () => {
  const conversation = [
    'Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?',
    'Wie ist das Wetter morgen?',
    'Wie ist das Wetter morgen?',
    'Wir sind ein Dortmunder Start-up und suchen Industriepartner in Südwestfalen',
    'Wir brauchen Unterstützung bei IT-Sicherheit nach einem Hackerangriff',
    'nur Hochschulen',
    'Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?',
    'When and where was the cooperation agreement signed?',
  ];

  it('gives the same replies and memory as searching every time, also when questions repeat', () => {
    const uncached = converse(new AssistantCore(index), conversation);
    const cachedCore = new AssistantCore(index, { searchCacheSize: 100 });
    expect(converse(cachedCore, conversation)).toEqual(uncached);
    // A second conversation with the same questions is answered from the cache and still the same.
    expect(converse(cachedCore, conversation)).toEqual(uncached);
  });

  it('still counts misses in a row when the same unanswerable question is served from the cache', () => {
    const [first, second] = converse(new AssistantCore(index, { searchCacheSize: 100 }), [
      'Kennst du einen guten Witz?',
      'Kennst du einen guten Witz?',
    ]);
    expect(first!.reply.kind).toBe('unknown');
    expect(second!.reply.kind).toBe('escalate');
  });

  it('searches once per text and options, and separately for another language or region', () => {
    const spy = vi.spyOn(index, 'search');
    try {
      const cache = new SearchCache(index, 10);
      const question = 'Geschäftsführer Südwestfalen Agentur';
      const first = cache.search(question, { type: 'faq', lang: 'de', limit: 5 });
      expect(cache.search(question, { type: 'faq', lang: 'de', limit: 5 })).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
      cache.search(question, { type: 'faq', lang: 'en', limit: 5 });
      cache.search(question, { type: 'provider', lang: 'de', region: 'dortmund', limit: 9 });
      cache.search(question, { type: 'provider', lang: 'de', region: 'suedwestfalen', limit: 9 });
      expect(spy).toHaveBeenCalledTimes(4);
      expect(cache.size).toBe(4);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps at most its size and searches every time when the size is 0', () => {
    const spy = vi.spyOn(index, 'search');
    try {
      const small = new SearchCache(index, 2);
      for (const q of ['Adresse', 'Pressekontakt', 'Gesellschafter', 'Adresse']) small.search(q, { type: 'faq' });
      expect(small.size).toBe(2);
      // "Adresse" was pushed out by the two later questions and had to be searched again.
      expect(spy).toHaveBeenCalledTimes(4);

      spy.mockClear();
      const off = new SearchCache(index, 0);
      off.search('Adresse', { type: 'faq' });
      off.search('Adresse', { type: 'faq' });
      expect(spy).toHaveBeenCalledTimes(2);
      expect(off.size).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('forgets what it kept once the phrasing classifier is trained, so answers use it from then on', async () => {
    const later = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir), { classifier: 'later' });
    const cache = new SearchCache(later, 10);
    const question = 'Wer hat in der Agentur in Olpe das Sagen?';
    const before = cache.search(question, { type: 'faq', lang: 'de' });
    expect(before.hits[0]!.vote).toBe(0);
    await later.trainClassifier();
    const after = cache.search(question, { type: 'faq', lang: 'de' });
    expect(after).not.toBe(before);
    expect(after).toEqual(later.search(question, { type: 'faq', lang: 'de' }));
    expect(after.hits[0]!.vote).toBeGreaterThan(0);
  });
});
