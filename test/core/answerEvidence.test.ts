import { describe, expect, it } from 'vitest';
import { answerEvidence } from '../../src/core/features.js';
import type { SearchHit } from '../../src/knowledge/searchResult.js';

/** A synthetic FAQ hit: its id, the entries a curator lists as related, its score and phrasing probability. */
const hit = (id: string, related: string[], score: number, phrasing?: number): SearchHit =>
  ({
    id,
    type: 'faq',
    doc: { type: 'faq', id, lang: 'de', title: id, questions: [], related, body: 'Text.' },
    score,
    coverage: score,
    phrasing,
    vote: 0,
    why: [],
    matchedTopics: [],
    gaps: [],
    onlyNames: [],
  }) as unknown as SearchHit;

const evidenceOf = (hits: SearchHit[]) => answerEvidence('Wer hat unterschrieben?', hits, () => 0.5)!;

describe('answerEvidence: the runner-up', () => {
  it('is related when either entry lists the other, and the phrasings of the two add up', () => {
    expect(evidenceOf([hit('signing', ['partners'], 0.9, 0.3), hit('partners', [], 0.88, 0.28)])).toMatchObject({ rivalRelated: true });
    expect(evidenceOf([hit('signing', [], 0.9, 0.3), hit('partners', ['signing'], 0.88, 0.28)]).rivalRelated).toBe(true);
    expect(evidenceOf([hit('signing', ['partners'], 0.9, 0.3), hit('partners', [], 0.88, 0.28)]).pairPhrasing).toBeCloseTo(0.58);
  });

  it('is not related when neither lists the other, nor when the best is alone', () => {
    expect(evidenceOf([hit('address', ['contact'], 0.7, 0.77), hit('partners', ['signing'], 0.69)]).rivalRelated).toBe(false);
    expect(evidenceOf([hit('address', ['contact'], 0.7, 0.77)])).toMatchObject({ rivalRelated: false, pairPhrasing: 0.77 });
  });
});

describe('answerEvidence: a runner-up the words cannot tell apart', () => {
  const found = (h: SearchHit, why: string[]) => ({ ...h, why }) as SearchHit;
  it('is alike when both explain every word of the question through the very same words', () => {
    const words = ['telefon', 'agentur'];
    expect(evidenceOf([found(hit('contact', ['press'], 1), words), found(hit('press', [], 1), [...words].reverse())]).rivalAlike).toBe(true);
  });

  it('is not alike when either leaves a word unexplained, or they were found through other words', () => {
    expect(evidenceOf([found(hit('contact', ['press'], 0.9), ['agentur']), found(hit('press', [], 0.9), ['agentur'])]).rivalAlike).toBe(false);
    expect(evidenceOf([found(hit('contact', ['press'], 1), ['telefon', 'agentur']), found(hit('press', [], 1), ['telefon', 'presse'])]).rivalAlike).toBe(false);
    expect(evidenceOf([found(hit('contact', ['press'], 1), ['telefon'])]).rivalAlike).toBe(false);
  });
});
