/**
 * The lexicon as data: read and validated from knowledge/lexicon.yml and places.yml, matched against words, not
 * regular expressions over the text (so "groß" and "Lüdenscheid" match where `\b` fails).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asksForAmount, asksForOtherService, statesAskedAmount, statesAskedOrder, withoutLackingSide } from '../../src/core/intents.js';
import { readLexicon, WordList, wordsOf } from '../../src/knowledge/lexicon.js';
import { projectPath } from '../../src/projectRoot.js';

describe('questions for an amount', () => {
  it('are read from words, also after "groß"', () => {
    expect(asksForAmount('Wie groß ist Südwestfalen?')).toBe(true);
    expect(asksForAmount('wie gross ist die Region')).toBe(true);
    expect(asksForAmount('How large is the region?')).toBe(true);
    expect(asksForAmount('Wer ist der Großaktionär?')).toBe(false);
  });

  it('are answered only by a text that states a number of what is counted', () => {
    expect(statesAskedAmount('Wie viele Weltmarktführer gibt es?', 'Die Region hat mehr als 150 Weltmarktführer.')).toBe(true);
    expect(statesAskedAmount('Wie viele Weltmarktführer gibt es?', 'Die Agentur sitzt in Olpe, Martinstraße 1.')).toBe(false);
    expect(statesAskedAmount('Wie hoch ist die Zahl der Beschäftigten?', 'Rund 400 Beschäftigte arbeiten dort.')).toBe(true);
  });

  it('count what is asked for under another word of its synonym group', () => {
    const answer = 'Sie arbeitet mit den 59 Städten und Gemeinden der Region.';
    expect(statesAskedAmount('Mit wie vielen Kommunen arbeitet sie?', answer)).toBe(false);
    const alike = (word: string) => (word.toLowerCase() === 'kommunen' ? ['stadte', 'und', 'gemeinden'] : []);
    expect(statesAskedAmount('Mit wie vielen Kommunen arbeitet sie?', answer, alike)).toBe(true);
  });
});

describe('questions for what came before or after', () => {
  const role = 'Geschäftsführerin der Agentur ist Maria Beispiel.';

  it('are answered only by a text that speaks of such an order', () => {
    expect(statesAskedOrder('Wer war die Vorgängerin von Maria Beispiel?', role)).toBe(false);
    expect(statesAskedOrder('Who was the previous managing director?', 'The managing director is Maria Example.')).toBe(false);
    expect(statesAskedOrder('Wer hatte den Posten zuvor?', 'Zuvor leitete sie ein Institut.')).toBe(true);
  });

  it('read "vor"/"before" as time order only right before a full name', () => {
    expect(statesAskedOrder('Wer leitete die Agentur vor Maria Beispiel?', role)).toBe(false);
    expect(statesAskedOrder('Who ran the agency after Maria Example left?', 'Maria Example runs the agency.')).toBe(false);
    expect(statesAskedOrder('Wer ist vor Ort in Olpe erreichbar?', role)).toBe(true);
    expect(statesAskedOrder('Wie komme ich nach Bad Berleburg?', role)).toBe(true);
    expect(statesAskedOrder('Wer leitet die Agentur?', role)).toBe(true);
  });
});

describe('a comparison of the two regions', () => {
  it('asks about the side named as able: the side said to lack it is left out', () => {
    expect(withoutLackingSide('Worin ist das Siegerland stark, worin Dortmund nicht?')).toBe('Worin ist das Siegerland stark?');
    expect(withoutLackingSide('Which strengths does Dortmund have that the Sauerland lacks?')).toBe('Which strengths does Dortmund have?');
  });

  it('leaves other messages as they are', () => {
    for (const text of [
      'Warum nicht Dortmund und Südwestfalen?',
      'Wir in Dortmund finden keinen Partner. Wer in Siegen hilft?',
      'Was verbindet Dortmund und Südwestfalen?',
    ]) expect(withoutLackingSide(text)).toBe(text);
  });
});

describe('requests for entertainment', () => {
  it('are no service the folder offers', () => {
    expect(asksForOtherService('Kannst du mir einen Witz über das Siegerland erzählen?')).toBe(true);
    expect(asksForOtherService('Write a short poem about Dortmund.')).toBe(true);
    expect(asksForOtherService('Welche Stärken hat das Siegerland?')).toBe(false);
  });

  it('are what users are, not what they ask for, where they introduce themselves with one', () => {
    expect(asksForOtherService('Ich bin Steuerberater in Olpe und brauche eine neue Kanzleisoftware.')).toBe(false);
    expect(asksForOtherService("We're a small restaurant and need help with our website.")).toBe(false);
    expect(asksForOtherService('Wir brauchen einen Steuerberater in Olpe.')).toBe(true);
  });
});

describe('word lists', () => {
  it('match whole words and phrases, umlauts folded, a trailing * as any ending', () => {
    const list = new WordList(['such*', 'hätten gern', 'Südwestfalen']);
    expect(list.has(wordsOf('Wir suchen'))).toBe(true);
    expect(list.has(wordsOf('Wir haetten gern'))).toBe(true);
    expect(list.has(wordsOf('in Suedwestfalen'))).toBe(true);
    expect(list.has(wordsOf('Besuch'))).toBe(false);
    expect(list.has(wordsOf('Wir hätten'))).toBe(false);
  });

  it('step over particles between the words of a phrase, but not before its first word nor over a clause mark', () => {
    const list = new WordList(['ruf|rufen mich zurück', 'wer kann uns helfen'], new Set(['bitte', 'sie', 'mal', 'da']));
    expect(list.has(wordsOf('Rufen Sie mich bitte zurück'))).toBe(true);
    expect(list.has(wordsOf('Wer kann uns da mal helfen?'))).toBe(true);
    expect(list.has(wordsOf('Rufen Sie uns an, mich bitte zurück'))).toBe(false);
    expect(list.has(wordsOf('Rufen mich, bitte zurück'))).toBe(false);
    expect(list.has(wordsOf('Wer kann uns da mal und dort helfen?'))).toBe(false);
    expect(new WordList(['rufen mich zurück']).has(wordsOf('Rufen Sie mich zurück'))).toBe(false);
  });
});

describe('the lexicon files', () => {
  it('are valid as shipped', () => {
    expect(readLexicon(projectPath('knowledge')).problems).toEqual([]);
  });

  it('name each problem by file and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-'));
    writeFileSync(path.join(dir, 'lexicon.yml'), readFileSync(projectPath('knowledge', 'lexicon.yml'), 'utf8').replace('kinds: [hochschule]', 'kinds: [hochschool]'));
    writeFileSync(path.join(dir, 'places.yml'), 'regions:\n  dortmund:\n    names: []\n');
    const { lexicon, problems } = readLexicon(dir);
    expect(lexicon).toBeUndefined();
    expect(problems.some((p) => p.startsWith('lexicon.yml: wantedKinds.0.kinds.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('places.yml: regions.dortmund.names'))).toBe(true);
  });
});
