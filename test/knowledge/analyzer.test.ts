import { describe, expect, it } from 'vitest';
import { analyse, CompoundSplitter, contentWords, stem } from '../../src/knowledge/analyzer.js';
import { foldUmlauts } from '../../src/knowledge/umlauts.js';
import { detectLanguage, languageNeutralWords } from '../../src/knowledge/language.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { fixtureKnowledgeDir, shippedKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(fixtureKnowledgeDir));
const terms = (text: string) => analyse(text, 'de', new CompoundSplitter()).map((t) => t.term);
const firstId = (query: string, options: Parameters<KnowledgeIndex['search']>[1] = {}) => index.search(query, options).hits[0]?.id;

describe('normalisation', () => {
  it('treats decomposed and composed Unicode alike (NFC)', () => {
    const decomposed = 'Su\u0308dwestfalen';
    expect(decomposed).not.toBe('Südwestfalen');
    expect(terms(decomposed)).toEqual(terms('Südwestfalen'));
    expect(index.search(decomposed).hits.map((h) => h.id)).toEqual(index.search('Südwestfalen').hits.map((h) => h.id));
    expect(index.search(decomposed).hits.length).toBeGreaterThan(0);
  });

  it('lower-cases', () => {
    expect(terms('HOCHSCHULE Musterstadt')).toEqual(terms('hochschule musterstadt'));
  });

  it('folds umlauts and ß, written either way', () => {
    expect(foldUmlauts('äöüß')).toBe('aouss');
    expect(foldUmlauts('aeoeue')).toBe('aou');
    expect(terms('Geschäftsführer')).toEqual(terms('Geschaeftsfuehrer'));
    expect(terms('Straße')).toEqual(terms('Strasse'));
  });

  it('finds an entry that says "Geschäftsführerin" when the user types "Geschaeftsfuehrer"', () => {
    expect(firstId('Geschaeftsfuehrer')).toBe('geschaeftsfuehrer-de');
    expect(firstId('Geschäftsführer')).toBe('geschaeftsfuehrer-de');
  });

  it('drops stop words but keeps short domain acronyms and question words', () => {
    const words = contentWords('Wer ist der Ansprechpartner für IT und KI?');
    expect(words).toContain('it');
    expect(words).toContain('ki');
    expect(words).toContain('wer');
    expect(words).not.toContain('der');
    expect(words).not.toContain('und');
  });

  it('keeps the words that ask for a date ("In welchem Jahr …"), as it keeps "year"', () => {
    expect(contentWords('In welchem Jahr begann die Kooperation?')).toEqual(['jahr', 'begann', 'kooperation']);
    expect(contentWords('An welchem Tag wurde unterschrieben?')).toContain('tag');
  });

  it('reads a word with an English particle as one word, so that "Start" alone is no start-up', () => {
    expect(contentWords('Wir sind ein Start-up und suchen Kontakte')).toContain('startup');
    expect(contentWords('Start-up-Kooperation')).toEqual(['startup', 'kooperation']);
    expect(contentWords('Wann war der Start der Kooperation?')).toEqual(['wann', 'start', 'kooperation']);
    expect(contentWords('IT-Sicherheit')).toEqual(['it', 'sicherheit']);
    // The tail of an English contraction is no word ("re" found "research" by prefix).
    expect(contentWords("We're a start-up, we've got questions and we'll ask")).toEqual(['startup', 'questions', 'ask']);
  });
});

describe('zu-infinitives of separable verbs', () => {
  it('read as the infinitive, so that "anzubieten" meets "anbieten"', () => {
    expect(contentWords('Wir planen, eine App anzubieten und Daten auszuwerten')).toEqual(['planen', 'app', 'anbieten', 'daten', 'auswerten']);
    expect(contentWords('um am Programm teilzunehmen')).toContain('teilnehmen');
  });

  it('leave gerundives and nouns with "zu" inside as they are', () => {
    expect(contentWords('Die Auszubildenden im Einzugsgebiet')).toEqual(['auszubildenden', 'einzugsgebiet']);
    expect(contentWords('Umzugskosten und Aufzügen')).toEqual(['umzugskosten', 'aufzügen']);
  });
});

describe('German stemming', () => {
  it('gives singular and plural the same stem', () => {
    expect(stem('hochschulen', 'de')).toBe(stem('hochschule', 'de'));
    expect(stem('treffen', 'de')).toBe(stem('treffens', 'de'));
  });

  it('finds "Hochschule" for a query in the plural', () => {
    expect(firstId('Hochschulen', { type: 'faq' })).toBe('hochschule-de');
  });
});

describe('compound heads', () => {
  it('splits a compound into head and modifier', () => {
    const splitter = new CompoundSplitter();
    splitter.learn('Digitalisierung');
    expect(splitter.split('digitalisierungsberatung')).toEqual(['beratung', 'digitalisierung']);
  });

  it('takes the known first part of an unknown compound, but not of an adjective ("gründlich" is no "Grund")', () => {
    const splitter = new CompoundSplitter();
    splitter.learn('Gesellschafter Grund Cloud');
    expect(splitter.knownModifier('gesellschafterstruktur')).toBe('gesellschafter');
    expect(splitter.knownModifier('cloudmigration')).toBe('cloud');
    expect(splitter.knownModifier('grundlich')).toBeUndefined();
    expect(splitter.knownModifier('grundsatzlich')).toBeUndefined();
  });

  it('finds a document that only says "Digitalisierungsberatung" for "Beratung"', () => {
    const result = index.search('Beratung', { lang: 'de' });
    expect(result.hits[0]?.id).toBe('ziele-de');
    expect(result.hits[0]?.why).toContain('beratung');
    expect(index.get('ziele-de')!.body).not.toMatch(/\bBeratung\b/);
  });
});

describe('synonyms', () => {
  it('makes "AI" find an entry that only says "KI"', () => {
    const doc = index.get('ki-lotse-de')!;
    expect(doc.type === 'faq' && `${doc.title} ${doc.body}`).not.toMatch(/\bAI\b/i);
    const hit = index.search('AI', { type: 'faq', lang: 'de' }).hits.find((h) => h.id === 'ki-lotse-de');
    expect(hit).toBeDefined();
    expect(hit!.why.join(' ')).toMatch(/ai → ki/i);
  });

  it('weighs a synonym hit lower than a direct hit', () => {
    const direct = index.search('KI', { type: 'faq', lang: 'de' }).hits.find((h) => h.id === 'ki-lotse-de')!;
    const viaSynonym = index.search('AI', { type: 'faq', lang: 'de' }).hits.find((h) => h.id === 'ki-lotse-de')!;
    expect(direct.score).toBeGreaterThan(viaSynonym.score);
    expect(direct.coverage).toBeGreaterThan(viaSynonym.coverage);
  });
});

describe('fuzzy and prefix matching', () => {
  it('finds a word of five or more letters despite a typo', () => {
    expect(firstId('Zwiebelturn', { type: 'faq' })).toMatch(/^treffpunkt-/);
    expect(firstId('Unterzeichnug', { type: 'faq', lang: 'de' })).toBe('unterzeichnung-de');
    expect(firstId('Rathhaus', { type: 'faq', lang: 'de' })).toBe('unterzeichnung-de');
    expect(firstId('Greifam')).toBe('greifarm-robotik');
  });

  it('finds a word from its first three letters or more', () => {
    expect(firstId('Zwi', { type: 'faq', lang: 'de' })).toBe('treffpunkt-de');
    expect(firstId('Zwie', { type: 'faq', lang: 'de' })).toBe('treffpunkt-de');
    expect(firstId('Zwiebelt', { type: 'faq', lang: 'de' })).toBe('treffpunkt-de');
  });

  it('finds nothing for words the folder does not know', () => {
    expect(index.search('Quantenkryptographie Vulkanologie').hits).toEqual([]);
  });
});

describe('language detection', () => {
  it.each([
    ['Wann und wo wurde die Vereinbarung unterzeichnet?', 'de'],
    ['Wir suchen Unterstützung bei der Digitalisierung unserer Produktion.', 'de'],
    ['Wer ist die Geschäftsführerin der Musterstadt Agentur?', 'de'],
    ['Was kostet die Teilnahme?', 'de'],
    ['When and where was the agreement signed?', 'en'],
    ['We are looking for help with IT security in our company.', 'en'],
    ['Who is the managing director of the agency?', 'en'],
    ['What does taking part cost?', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
    expect(detectLanguage(text).reliable).toBe(true);
  });

  // Keyword queries without function words: the n-gram database (pruned to German and English) decides.
  it.each([
    ['Kooperationsziele', 'de'],
    ['Digitalisierungsberatung Mittelstand', 'de'],
    ['Weiterbildung Fachkräfte', 'de'],
    ['digital transformation consulting', 'en'],
    ['skilled workers training', 'en'],
  ])('keywords only: %s → %s', (text, lang) => {
    expect(detectLanguage(text)).toEqual({ lang, reliable: true });
  });

  it('falls back to the given language for an empty text', () => {
    expect(detectLanguage('   ', 'en')).toEqual({ lang: 'en', reliable: false });
  });

  it('answers in the language of the question', () => {
    expect(index.search('Was kostet die Teilnahme?').lang).toBe('de');
    expect(firstId('Was kostet die Teilnahme?')).toBe('kosten-de');
    expect(index.search('What does taking part cost?').lang).toBe('en');
    expect(firstId('What does taking part cost?')).toBe('kosten-en');
  });
});

describe('language of questions that name German names', () => {
  const neutral = languageNeutralWords(loadKnowledge(shippedKnowledgeDir).faqs);

  it('leaves names both languages use out of the decision', () => {
    expect(neutral).toContain('südwestfalen');
    expect(neutral).toContain('winterberg');
    expect(detectLanguage('address Südwestfalen Agentur Olpe street', 'de', neutral)).toEqual({ lang: 'en', reliable: true });
    expect(detectLanguage('Andreas Müller statement SMEs', 'de', neutral).lang).toBe('en');
  });

  it('is what the search API decides too when no language is given', () => {
    const shipped = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
    expect(shipped.search('address Südwestfalen Agentur Olpe street', { type: 'faq' }).lang).toBe('en');
    expect(shipped.search('Adresse Südwestfalen Agentur Olpe', { type: 'faq' }).lang).toBe('de');
  });

  it('still takes German questions with the same names for German, and a bare name decides nothing new', () => {
    expect(detectLanguage('Adresse Südwestfalen Agentur Olpe', 'en', neutral).lang).toBe('de');
    expect(detectLanguage('Wer ist Hubertus Winterberg?', 'en', neutral).lang).toBe('de');
    expect(detectLanguage('Südwestfalen Agentur', 'en', neutral)).toEqual(detectLanguage('Südwestfalen Agentur', 'en'));
  });
});
