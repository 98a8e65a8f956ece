import { describe, expect, it } from 'vitest';
import { explain } from '../../src/knowledge/explanation.js';
import { fieldMaskCredits, QueryMatcher } from '../../src/knowledge/matching.js';
import type { MatchedTermLists } from '../../src/knowledge/postingIndex.js';
import type { Alternative, QueryWord } from '../../src/knowledge/queryWords.js';

/** Fields as bits: title = 1, body = 2. */
const credits = fieldMaskCredits(['title', 'body'] as const, { title: 1, body: 0.7 }, 0.05);
const TITLE = 1;
const BODY = 2;

function word(text: string, weight: number, alternatives: Alternative[], role: QueryWord['role'] = 'topic'): QueryWord {
  return { word: text, role, weight, alternatives, trigger: text, typed: text };
}
const asTyped = (...terms: string[]): Alternative => ({ kind: 'word', credit: 1, parts: [new Map(terms.map((t) => [t, 1]))] });

/** One document's matched terms (by number in `terms`) with the fields they were found in, as `PostingMatches` lists them. */
function documentWith(entries: [term: number, fields: number][]): MatchedTermLists {
  return {
    first: Int32Array.of(entries.length > 0 ? 0 : -1),
    next: Int32Array.from(entries, (_, e) => (e + 1 < entries.length ? e + 1 : -1)),
    term: Int32Array.from(entries, ([term]) => term),
    fields: Int32Array.from(entries, ([, fields]) => fields),
  };
}

/** Exact matches credit 1 (the way `termCredits` credits a term equal to the query term). */
const exact = (terms: string[]) => new Map(terms.map((t) => [t, new Map([[t, 1]])]));

describe('QueryMatcher: what one document explains of each query word', () => {
  it('counts only the best way a word was found: the word as typed, not its synonym on top', () => {
    const ki = word('ki', 1, [asTyped('ki'), { kind: 'synonym', credit: 0.7, parts: [new Map([['intelligenz', 1]])], synonym: 'künstliche intelligenz' }]);
    const terms = ['ki', 'intelligenz'];
    const matcher = new QueryMatcher([ki], terms, exact(terms), credits);
    const out = matcher.wordMatches();
    expect(matcher.match(documentWith([[0, TITLE], [1, TITLE]]), 0, out)).toBe(1);
    expect(out.alternative[0]).toBe(0);
    expect(matcher.match(documentWith([[1, TITLE]]), 0, out)).toBeCloseTo(0.7);
    expect(out.alternative[0]).toBe(1);
  });

  it('gives a word in the title full credit, in the body less, and a little more per further field', () => {
    const terms = ['roboter'];
    const matcher = new QueryMatcher([word('roboter', 1, [asTyped('roboter')])], terms, exact(terms), credits);
    const out = matcher.wordMatches();
    expect(matcher.match(documentWith([[0, BODY]]), 0, out)).toBeCloseTo(0.7);
    expect(matcher.match(documentWith([[0, TITLE | BODY]]), 0, out)).toBe(1);
    const lowCredit = new QueryMatcher([word('roboter', 1, [asTyped('roboter')])], terms, new Map([['roboter', new Map([['roboter', 0.5]])]]), credits);
    expect(lowCredit.match(documentWith([[0, TITLE | BODY]]), 0, out)).toBeCloseTo(0.55);
  });

  it('shares a compound alternative among its parts, an unknown part counting half against it', () => {
    const compound: Alternative = { kind: 'compound', credit: 0.8, parts: [new Map([['lager', 1]]), new Map([['planung', 1]])] };
    const terms = ['lager', 'planung'];
    const matcher = new QueryMatcher([word('lagerplanung', 1, [asTyped('lagerplanung'), compound])], terms, exact(terms), credits);
    const out = matcher.wordMatches();
    expect(matcher.match(documentWith([[0, TITLE], [1, TITLE]]), 0, out)).toBeCloseTo(0.8);
    expect(matcher.match(documentWith([[1, TITLE]]), 0, out)).toBeCloseTo(0.4);
    const halfKnown: Alternative = { kind: 'compound', credit: 0.8, parts: [new Map([['planung', 1]])], unknownParts: 1 };
    const unknownRest = new QueryMatcher([word('xyzplanung', 1, [asTyped('xyzplanung'), halfKnown])], terms, exact(terms), credits);
    expect(unknownRest.match(documentWith([[1, TITLE]]), 0, out)).toBeCloseTo(0.8 / 1.5);
  });

  it('weighs the words: coverage is the weighted share of the query explained', () => {
    const terms = ['landrat', 'wer'];
    const words = [word('landrat', 1, [asTyped('landrat')]), word('wer', 0.25, [asTyped('wer')], 'question')];
    const matcher = new QueryMatcher(words, terms, exact(terms), credits);
    expect(matcher.match(documentWith([[1, TITLE]]), 0, matcher.wordMatches())).toBeCloseTo(0.2);
  });

  it('makes no hit of a document where only request words hit, unless the query has nothing else', () => {
    const terms = ['suchen', 'wetter'];
    const words = [word('suchen', 0.1, [asTyped('suchen')], 'filler'), word('wetter', 1, [asTyped('wetter')])];
    const matcher = new QueryMatcher(words, terms, exact(terms), credits);
    expect(matcher.match(documentWith([[0, TITLE]]), 0, matcher.wordMatches())).toBeUndefined();
    const onlyRequest = new QueryMatcher([words[0]!], terms, exact(terms), credits);
    expect(onlyRequest.match(documentWith([[0, TITLE]]), 0, onlyRequest.wordMatches())).toBe(1);
  });
});

describe('explain: why, gaps and names read off the same word matches', () => {
  const settings = { gapWordWeight: 0.8, gapExplained: 0.5, gapMinLength: 6 };
  const terms = ['geschaftsfuhrer', 'leitet', 'hochsauerlandkreis', 'landrat'];
  const words = [
    word('geschäftsführer', 0.6, [asTyped('geschaftsfuhrer'), { kind: 'synonym', credit: 0.7, parts: [new Map([['leitet', 1]])], synonym: 'leitet' }]),
    word('hochsauerlandkreis', 0.9, [asTyped('hochsauerlandkreis')]),
    word('landrat', 0.9, [asTyped('landrat')]),
  ];
  const matcher = new QueryMatcher(words, terms, exact(terms), credits);

  it('names the words that hit, the most telling first, a synonym as "typed → found", and leaves gaps open', () => {
    const out = matcher.wordMatches();
    matcher.match(documentWith([[1, TITLE], [2, BODY]]), 0, out);
    const explanation = explain(words, out, new Set(), new Set(), settings);
    expect(explanation.why).toEqual(['hochsauerlandkreis', 'geschäftsführer → leitet']);
    expect(explanation.gaps).toEqual(['landrat']);
    expect(explanation.onlyNames).toEqual([]);
  });

  it('says when a document matched nothing but names', () => {
    const out = matcher.wordMatches();
    matcher.match(documentWith([[2, TITLE]]), 0, out);
    const explanation = explain(words, out, new Set(), new Set(['hochsauerlandkreis']), settings);
    expect(explanation.onlyNames).toEqual(['geschäftsführer', 'landrat']);
  });
});
