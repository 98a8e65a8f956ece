import { describe, expect, it } from 'vitest';
import { analyseToString, CompoundSplitter, contentWords, wordTerms } from '../../src/knowledge/analyzer.js';
import { foldUmlauts } from '../../src/knowledge/umlauts.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { Language } from '../../src/knowledge/schema.js';
import { PostingIndex, type PostingSearchOptions } from '../../src/knowledge/postingIndex.js';
import { fixtureKnowledgeDir } from '../helpers/app.js';

/**
 * `PostingIndex.searchPostings` replaces `MiniSearch.search` in the knowledge index and must return exactly what the
 * inherited `search` returns: the same documents in the same order, the same scores (to the last bit) and the same
 * matched terms with the same fields. If an upgrade of MiniSearch changes its scoring, these tests fail.
 */
const fields = ['title', 'questions', 'body'] as const;
type Field = (typeof fields)[number];
interface Doc {
  id: string;
  lang: Language;
  title: string;
  questions: string;
  body: string;
}

const knowledge = loadKnowledge(fixtureKnowledgeDir);
const docs: Doc[] = [
  ...knowledge.faqs.map((f) => ({ id: f.id, lang: f.lang, title: f.title, questions: f.questions.join('\n'), body: f.body })),
  ...knowledge.providers.map((p) => ({
    id: p.id,
    lang: 'de' as const,
    title: p.name,
    questions: p.offers.join('\n'),
    body: p.body,
  })),
  // Numbers are keys that JavaScript objects list first: MiniSearch's `match` then has another key order.
  {
    id: 'zahlen-1',
    lang: 'de',
    title: 'Kooperation seit 2018',
    questions: 'Was passiert 2025?',
    body: 'Industrie 4.0 und 2018 2019 2025',
  },
  {
    id: 'zahlen-2',
    lang: 'de',
    title: 'REGIONALE 2025',
    questions: 'Wann ist die REGIONALE?',
    body: 'Im Jahr 2025 in Südwestfalen, Kooperation',
  },
];
const splitter = new CompoundSplitter();
for (const doc of docs) for (const field of fields) splitter.learn(doc[field]);
const index = new PostingIndex<Doc, Field>({
  fields: [...fields],
  extractField: (doc, field) => (field === 'id' ? doc.id : analyseToString(doc[field as Field], doc.lang, splitter)),
  tokenize: (text) => text.split(' ').filter(Boolean),
  processTerm: (term) => term,
});
index.addAll(docs);

/** Query terms as the knowledge index asks for them: every word's terms in both languages; typed words are fuzzy. */
function queryOf(text: string) {
  const words = contentWords(text);
  const terms = [...new Set(words.flatMap((w) => [...wordTerms(w, 'de'), ...wordTerms(w, 'en')]))];
  return { terms, typed: new Set(words.map(foldUmlauts)) };
}

function optionsFor(typed: Set<string>, maxFuzzy = 2): PostingSearchOptions<Field> {
  return {
    boost: { title: 3, questions: 2.5, body: 1 },
    fuzzy: (term) => (typed.has(term) && term.length >= 4 ? 0.2 : false),
    prefix: (term) => term.length >= 3,
    maxFuzzy,
  };
}

/** The matched terms of a document with their fields, in one order (MiniSearch lists numbers first). */
const sorted = (match: [string, readonly string[]][]) => [...match].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** MiniSearch's results and ours, in the same shape. */
function bothResults(terms: string[], options: PostingSearchOptions<Field>) {
  const expected = index.search({ queries: terms, combineWith: 'OR' }, options).map((r) => ({
    id: r.id as string,
    score: r.score,
    match: sorted(Object.entries(r.match)),
  }));
  const matches = index.searchPostings(terms, options);
  const actual = matches.ranked().map((doc) => ({
    id: matches.id(doc),
    score: matches.scores[doc]!,
    match: sorted(matches.matched(doc)),
  }));
  return { expected, actual };
}

const questions = [
  'Wann wurde die Vereinbarung unterzeichnet?',
  'Wer ist Geschäftsführerin der Musterstadt Agentur?',
  'Geschaeftsfuehrer',
  'Who is the managing director?',
  'Gibt es eine Sprechstunde zu künstlicher Intelligenz?',
  'Kollaborierende Roboter für kleine Serien',
  'Penetrationstest für unser Netzwerk',
  'Zuschüsse für ein Digitalisierungsprojekt',
  'Wann wurde die Vereinbarung unterzeichent?',
  'Telefonnummer Ansprechpartner Kontaktbüro',
  'cybersecurity penetration tests warehouse planning',
  'Kooperation 2018 und REGIONALE 2025',
  'Industrie 4.0 seit 2019',
  'Musterstat Agentr Beispielhausn',
];

describe('PostingIndex.searchPostings', () => {
  it('returns what MiniSearch returns: documents, order, scores, matched terms and fields', () => {
    for (const question of questions) {
      const { terms, typed } = queryOf(question);
      const { expected, actual } = bothResults(terms, optionsFor(typed));
      expect(expected.length, question).toBeGreaterThan(0);
      expect(actual, question).toEqual(expected);
    }
  });

  it('agrees with MiniSearch for wider typo tolerance and for single terms', () => {
    for (const question of questions) {
      const { terms, typed } = queryOf(question);
      const wide = bothResults(terms, optionsFor(typed, 3));
      expect(wide.actual, question).toEqual(wide.expected);
      for (const term of terms) {
        const single = bothResults([term], optionsFor(new Set([term])));
        expect(single.actual, term).toEqual(single.expected);
      }
    }
  });

  it('matches numbers as terms ("2018", "4.0")', () => {
    const { terms, typed } = queryOf('Kooperation 2025 2018');
    const { actual } = bothResults(terms, optionsFor(typed));
    const matched = actual.find((hit) => hit.id === 'zahlen-1')!.match.map(([term]) => term);
    expect(matched).toEqual(expect.arrayContaining(['2018', '2019', '2025', 'kooperation']));
  });

  it('finds documents added or discarded after its first search, as MiniSearch does', () => {
    const small = new PostingIndex<{ id: string; text: string }, 'text'>({ fields: ['text'] });
    small.addAll([
      { id: 'a', text: 'roboter greifer' },
      { id: 'b', text: 'roboter zelle' },
    ]);
    const options: PostingSearchOptions<'text'> = { boost: { text: 1 }, fuzzy: () => false, prefix: () => false, maxFuzzy: 0 };
    const ids = () => {
      const matches = small.searchPostings(['roboter'], options);
      return matches.ranked().map((doc) => matches.id(doc));
    };
    expect(ids()).toEqual(small.search('roboter').map((r) => r.id));
    small.add({ id: 'c', text: 'roboter' });
    expect(ids()).toEqual(small.search('roboter').map((r) => r.id));
    expect(ids()).toContain('c');
    small.discard('a');
    expect(ids()).toEqual(['c', 'b']);
  });

  it('releases MiniSearch\'s index: the same matches, also when restored from its data, and no more changes', () => {
    const released = new PostingIndex<Doc, Field>({
      fields: [...fields],
      extractField: (doc, field) => (field === 'id' ? doc.id : analyseToString(doc[field as Field], doc.lang, splitter)),
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
    });
    released.addAll(docs);
    released.releasePostings();
    const restored = PostingIndex.restore<Doc, Field>(released.toData(), { fields: [...fields] });
    const { terms, typed } = queryOf('Kooperationsvereinbarung Arnsberg unterzeichnet 2025');
    const ranked = (from: PostingIndex<Doc, Field>) => {
      const matches = from.searchPostings(terms, optionsFor(typed));
      return matches.ranked().map((doc) => [matches.id(doc), matches.scores[doc], matches.matched(doc)]);
    };
    expect(ranked(index).length).toBeGreaterThan(1);
    expect(ranked(released)).toEqual(ranked(index));
    expect(ranked(restored)).toEqual(ranked(index));
    for (const changed of [released, restored]) {
      expect(() => changed.add(docs[0]!)).toThrow(/released/);
      expect(() => changed.search('kooperation')).toThrow(/released/);
    }
  });

  it('finds nothing for terms no document has', () => {
    const { actual, expected } = bothResults(['quetzalcoatl'], optionsFor(new Set()));
    expect(actual).toEqual([]);
    expect(expected).toEqual([]);
  });
});
