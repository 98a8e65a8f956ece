/**
 * What every hit promises its reader (the core, the cards, the search API), checked over every question of the eval
 * file on the shipped folder, searched as the core searches (FAQ entries, then providers).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentWords } from '../../src/knowledge/analyzer.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { loadQuestions } from '../../scripts/eval/questions.js';
import { repoRoot, shippedKnowledgeDir } from '../helpers/app.js';

const knowledge = loadKnowledge(shippedKnowledgeDir);
const index = new KnowledgeIndex(knowledge);
const questions = loadQuestions(path.join(repoRoot, 'test', 'eval', 'questions.jsonl'), knowledge).map((q) => q.q);

describe('search hits over every eval question', () => {
  it('explain themselves in the words of the question, best first, each document once', () => {
    let hits = 0;
    for (const question of questions) {
      const typed = new Set(contentWords(question));
      const lang = index.detectLanguage(question).lang;
      for (const type of ['faq', 'provider'] as const) {
        const result = index.search(question, { type, lang, limit: 9 });
        const where = `${question} (${type})`;
        expect(new Set(result.hits.map((hit) => hit.id)).size, where).toBe(result.hits.length);
        result.hits.forEach((hit, rank) => {
          hits++;
          expect(hit.type, where).toBe(type);
          if (rank > 0) expect(hit.score, `${where}: ${hit.id}`).toBeLessThanOrEqual(result.hits[rank - 1]!.score);
          expect(hit.coverage, `${where}: ${hit.id}`).toBeGreaterThan(0);
          expect(hit.coverage, `${where}: ${hit.id}`).toBeLessThanOrEqual(1);
          expect(hit.why.length, `${where}: ${hit.id}`).toBeGreaterThan(0);
          for (const reason of hit.why) {
            for (const word of reason.split(' → ')[0]!.split(' ')) expect(typed, `${where}: ${hit.id}: ${reason}`).toContain(word);
          }
          for (const gap of [...hit.gaps, ...hit.onlyNames]) expect(typed, `${where}: ${hit.id}: ${gap}`).toContain(gap);
        });
      }
    }
    expect(hits).toBeGreaterThan(questions.length);
  });

  it('rank the first hits alike however many are asked for (only candidates that cannot be shown are skipped)', () => {
    for (const question of questions) {
      const lang = index.detectLanguage(question).lang;
      for (const type of ['faq', 'provider'] as const) {
        const few = index.search(question, { type, lang, limit: 3 }).hits;
        const many = index.search(question, { type, lang, limit: 40 }).hits.slice(0, few.length);
        expect(few.map((hit) => [hit.id, hit.score]), `${question} (${type})`).toEqual(many.map((hit) => [hit.id, hit.score]));
      }
    }
  });

  it('beyond the first providers, return those with a topic of the question and nearly the best coverage, as the full list has them', () => {
    let beyond = 0;
    for (const question of questions) {
      const lang = index.detectLanguage(question).lang;
      const all = index.search(question, { type: 'provider', lang, limit: 40 }).hits;
      const best = all[0]?.coverage ?? 0;
      const expected = all.filter((hit, i) => i < 9 || (hit.matchedTopics.length > 0 && hit.coverage >= best - 0.3));
      const found = index.search(question, { type: 'provider', lang, limit: 40, topicHitsBeyond: { shown: 9, slack: 0.3 } }).hits;
      expect(found, question).toEqual(expected);
      beyond += found.length - Math.min(9, found.length);
    }
    // The question set has such providers: the rule is exercised.
    expect(beyond).toBeGreaterThan(0);
  });
});
