/**
 * The phrasing classifier learns from each FAQ entry's title and questions which entry a new question resembles; the
 * search adds its vote to the word-based score. What a user notices: a question worded like an entry's phrasings (but
 * sharing few words with it) finds that entry, the same folder always gives the same answers, and a server answers
 * while the classifier still trains.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { PhrasingClassifier } from '../../src/knowledge/phrasingClassifier.js';
import type { FaqEntry } from '../../src/knowledge/schema.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

function faq(id: string, lang: 'de' | 'en', title: string, questions: string[]): FaqEntry {
  return { type: 'faq', id, lang, title, questions, tags: [], related: [], body: title, file: `${id}.md` };
}

const faqs = [
  faq('chef-de', 'de', 'Wer leitet die Agentur?', ['Wer ist der Chef?', 'Wer hat das Sagen in der Agentur?', 'Wer führt die Geschäfte?']),
  faq('ort-de', 'de', 'Wo sitzt die Agentur?', ['Wo ist das Büro?', 'In welcher Stadt sitzt die Agentur?', 'Wie lautet die Anschrift?']),
  faq('ziele-de', 'de', 'Was will die Agentur erreichen?', ['Welche Ziele gibt es?', 'Wohin soll die Reise gehen?', 'Was ist der Zweck?']),
  faq('chef-en', 'en', 'Who runs the agency?', ['Who is the boss?', 'Who is in charge of the agency?']),
  faq('ort-en', 'en', 'Where is the agency?', ['Where is the office?', 'What is the postal address?']),
];
const german = ['chef-de', 'ort-de', 'ziele-de'];

/** The id with the highest probability. */
function favourite(probabilities: Map<string, number>): string | undefined {
  return [...probabilities].sort((a, b) => b[1] - a[1])[0]?.[0];
}

describe('phrasing classifier', () => {
  const classifier = PhrasingClassifier.train(faqs);

  it('prefers the entry whose phrasings a new question resembles, also through parts of words and typos', () => {
    expect(favourite(classifier.probabilities('Wer hat bei euch das Sagen?', 'de', german))).toBe('chef-de');
    expect(favourite(classifier.probabilities('Welche Anschrift hat das Büro?', 'de', german))).toBe('ort-de');
    expect(favourite(classifier.probabilities('Zielsetzung', 'de', german))).toBe('ziele-de');
    expect(favourite(classifier.probabilities('who is in charg', 'en', ['chef-en', 'ort-en']))).toBe('chef-en');
  });

  it('gives probabilities among the candidates asked about, in their language only', () => {
    const probabilities = classifier.probabilities('Wo ist das Büro?', 'de', ['ort-de', 'chef-de', 'ort-en', 'unbekannt']);
    expect([...probabilities.keys()].sort()).toEqual(['chef-de', 'ort-de']);
    expect([...probabilities.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(probabilities.get('ort-de')).toBeGreaterThan(0.5);
    // Nothing to choose between: no opinion.
    expect(classifier.probabilities('Wo ist das Büro?', 'de', ['ort-de']).size).toBe(0);
    // Nothing it has learnt in the text: no opinion either, not equal odds.
    expect(classifier.probabilities('xqz jjyv', 'de', german).size).toBe(0);
  });

  it('learns the same weights every time, at once or in slices', async () => {
    const again = PhrasingClassifier.train(faqs);
    let pauses = 0;
    // Slices of 0 ms: a pause at every chance.
    const sliced = await PhrasingClassifier.trainInSlices(
      faqs,
      undefined,
      async () => {
        pauses += 1;
      },
      0,
    );
    // Several slices: a server can answer requests between them.
    expect(pauses).toBeGreaterThan(4);
    for (const question of ['Wer ist der Chef?', 'Wohin geht die Reise?', 'Adresse der Agentur']) {
      const expected = classifier.probabilities(question, 'de', german);
      expect(again.probabilities(question, 'de', german)).toEqual(expected);
      expect(sliced.probabilities(question, 'de', german)).toEqual(expected);
    }
  });

  it('finishes in a few slices when every pause is long, as on a server under load', async () => {
    let pauses = 0;
    // Each pause takes 100 ms, as one turn of a busy event loop does: the slices grow to a third of that.
    const started = performance.now();
    const sliced = await PhrasingClassifier.trainInSlices(faqs, undefined, async () => {
      pauses += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const trainingMs = performance.now() - started - 100 * pauses;
    // Slices of 4 ms would pause once per 4 ms of training; slices of about 33 ms pause less than a fifth as often.
    expect(pauses).toBeLessThan(Math.max(3, trainingMs / 4 / 5));
    expect(sliced.probabilities('Wer ist der Chef?', 'de', german)).toEqual(classifier.probabilities('Wer ist der Chef?', 'de', german));
  });
});

describe('phrasing classifier in the search', () => {
  const knowledge = loadKnowledge(shippedKnowledgeDir);

  it('ranks by words alone until trained later, then exactly like an index trained at once', async () => {
    const now = new KnowledgeIndex(knowledge);
    const later = new KnowledgeIndex(knowledge, { classifier: 'later' });
    const question = 'Wer hat in der Agentur in Olpe das Sagen?';
    expect(later.classifierReady).toBe(false);
    expect(later.search(question, { type: 'faq', lang: 'de' }).hits.every((hit) => hit.vote === 0)).toBe(true);
    const training = later.trainClassifier();
    expect(later.trainClassifier()).toBe(training);
    await training;
    expect(later.classifierReady).toBe(true);
    const hits = later.search(question, { type: 'faq', lang: 'de' }).hits;
    expect(hits).toEqual(now.search(question, { type: 'faq', lang: 'de' }).hits);
    expect(hits[0]!.id).toBe('geschaeftsfuehrer-de');
    expect(hits[0]!.phrasing).toBeGreaterThan(hits[1]!.phrasing ?? 0);
    expect(hits[0]!.vote).toBeGreaterThan(0);
  });

  it('does not answer about a person when only the name matches and the question asks something else', () => {
    const core = new AssistantCore(new KnowledgeIndex(knowledge));
    const ask = (text: string) => core.respond({ text }, emptyMemory()).reply;
    // The quote entry knows who Thomas Westphal is, not how old he is.
    const age = ask('Wie alt ist Thomas Westphal?');
    expect(age.kind).not.toBe('answer');
    const hits = new KnowledgeIndex(knowledge).search('Wie alt ist Thomas Westphal?', { type: 'faq', lang: 'de' }).hits;
    expect(hits[0]!.onlyNames).toEqual(['alt']);
    // Asked about what the entry says, the name is enough.
    const quote = ask('Was hat Thomas Westphal gesagt?');
    expect(quote).toMatchObject({ kind: 'answer', entry: { id: 'zitat-westphal-de' } });
  });
});
