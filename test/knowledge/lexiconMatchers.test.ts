/**
 * The generic matchers of the lexicon (src/knowledge/lexicon.ts), each on a synthetic word list: nothing here depends
 * on the shipped knowledge/lexicon.yml, so a curator's edit there cannot break these and a broken matcher cannot hide
 * behind a lucky entry.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Near, readLexicon, townSpellings, WordList, wordsOf } from '../../src/knowledge/lexicon.js';
import { projectPath } from '../../src/projectRoot.js';

const has = (entries: string[], text: string) => new WordList(entries).has(wordsOf(text));

describe('a word list entry', () => {
  it('is a whole word, case and umlauts folded', () => {
    expect(has(['größe'], 'Die GROESSE zählt')).toBe(true);
    expect(has(['größe'], 'Großeltern')).toBe(false);
  });

  it('with a trailing * is a stem with any ending', () => {
    expect(has(['kontakt*'], 'Kontaktdaten bitte')).toBe(true);
    expect(has(['kontakt*'], 'Rückkontakt')).toBe(false);
  });

  it('with a leading * is a word ending', () => {
    expect(has(['*kunden'], 'Wir suchen Pilotkunden')).toBe(true);
    expect(has(['*kunden'], 'Kundenservice')).toBe(false);
  });

  it('of several words is a sequence of consecutive words', () => {
    expect(has(['grüner tee'], 'Ich mag grünen Tee, aber grüner Tee ist besser')).toBe(true);
    expect(has(['grüner tee'], 'grüner als Tee')).toBe(false);
  });

  it('does not reach over a clause mark', () => {
    expect(has(['kommen wir'], 'Wann kommen wir an?')).toBe(true);
    expect(has(['kommen wir'], 'Sie kommen? Wir warten.')).toBe(false);
    expect(has(['kommen wir'], 'Sie kommen, wir warten.')).toBe(false);
  });

  it('with "|" has alternatives at one position, each possibly a stem or several words', () => {
    const list = new WordList(["wer kann|hilft|berät mit*", "we|and 'd|would like"]);
    expect(list.has(wordsOf('Wer berät mittelständische Firmen?'))).toBe(true);
    expect(list.has(wordsOf('wer hilft mit'))).toBe(true);
    expect(list.has(wordsOf('wer macht mit'))).toBe(false);
    expect(list.has(wordsOf("We'd like a demo"))).toBe(true);
    expect(list.has(wordsOf('and would like more'))).toBe(true);
    expect(list.has(wordsOf('they would like more'))).toBe(false);
  });

  it('may open with a whole word, a stem, an ending or a part anywhere, alternatives mixed', () => {
    const list = new WordList(['such*|*kunden|finde partner', '*tech* firma']);
    expect(list.matchAt(wordsOf('Suchen Partner'), 0)).toBe(2);
    expect(list.matchAt(wordsOf('Pilotkunden Partner'), 0)).toBe(2);
    expect(list.matchAt(wordsOf('finde Partner'), 0)).toBe(2);
    expect(list.matchAt(wordsOf('finden Partner'), 0)).toBe(0);
    expect(list.matchAt(wordsOf('Biotechnik Firma'), 0)).toBe(2);
    expect(list.matchAt(wordsOf('Biotechnik GmbH'), 0)).toBe(0);
  });

  it('spans as many words as the longest entry that fits', () => {
    const list = new WordList(['guten', 'guten morgen|tag allerseits']);
    expect(list.matchAt(wordsOf('Guten Tag allerseits!'), 0)).toBe(3);
    expect(list.matchAt(wordsOf('Guten Tag'), 0)).toBe(1);
    expect(list.matchAt(wordsOf('Tag'), 0)).toBe(0);
  });
});

describe('whole-message and opening matches', () => {
  it('a whole message is one entry, punctuation aside, after dropping ignored words at both ends', () => {
    const list = new WordList(['kaffee', 'tee|kakao']);
    const ignoring = new WordList(['bitte', 'einen']);
    expect(list.isWhole(wordsOf('Kaffee!'))).toBe(true);
    expect(list.isWhole(wordsOf('bitte einen Kakao bitte'), ignoring)).toBe(true);
    expect(list.isWhole(wordsOf('bitte einen Kakao bitte'))).toBe(false);
    expect(list.isWhole(wordsOf('Kaffee oder Tee'), ignoring)).toBe(false);
    expect(list.isWhole(wordsOf('bitte'), ignoring)).toBe(false);
  });

  it('an opening is an entry at the first word only', () => {
    const list = new WordList(['nur', 'bitte nur']);
    expect(list.opens(wordsOf('Bitte nur Äpfel'))).toBe(2);
    expect(list.opens(wordsOf('Äpfel, nur Äpfel'))).toBe(0);
  });
});

describe('"A shortly before B"', () => {
  const near = new Near(new WordList(['gibt es']), new WordList(['bäcker*']), 20);

  it('finds B after A within the given number of characters', () => {
    expect(near.has(wordsOf('Gibt es in Olpe einen Bäcker?'))).toBe(true);
    expect(near.has(wordsOf('Gibt es Bäckereien?'))).toBe(true);
  });

  it('not when B comes first or too far after A', () => {
    expect(near.has(wordsOf('Bäcker, gibt es die noch?'))).toBe(false);
    expect(near.has(wordsOf('Gibt es in der Innenstadt von Olpe einen Bäcker?'))).toBe(false);
  });
});

describe('lexicon.yml validation', () => {
  const withLexicon = (edit: (text: string) => string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-matchers-'));
    writeFileSync(path.join(dir, 'lexicon.yml'), edit(readFileSync(projectPath('knowledge', 'lexicon.yml'), 'utf8')));
    writeFileSync(path.join(dir, 'places.yml'), readFileSync(projectPath('knowledge', 'places.yml'), 'utf8'));
    return readLexicon(dir).problems;
  };

  it('names an entry without a word by its field', () => {
    const problems = withLexicon((text) => text.replace('en: [help, menu, what can you do]', 'en: [help, "|", what can you do]'));
    expect(problems).toEqual(['lexicon.yml: intents.help.whole.en.1: has no word']);
  });

  it('names a missing intent and an unknown provider kind of the kind filter', () => {
    const problems = withLexicon((text) => text.replace('  greeting:\n', '  greetings:\n').replace('- kind: forschung', '- kind: research'));
    expect(problems.some((p) => p.startsWith('lexicon.yml: intents.greeting: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('lexicon.yml: intents: Unrecognized key'))).toBe(true);
    expect(problems.some((p) => p.startsWith('lexicon.yml: kindFilter.kinds.1.kind'))).toBe(true);
  });
});

describe('a town as users write it (places.yml omittedTitles)', () => {
  it('is also found without a listed title, and only without a listed one', () => {
    expect(townSpellings('Bad Burgstadt', ['Bad'])).toEqual(['Bad Burgstadt', 'Burgstadt']);
    expect(townSpellings('Sankt Anton', ['Bad'])).toEqual(['Sankt Anton']);
    expect(townSpellings('Badenweiler', ['Bad'])).toEqual(['Badenweiler']);
  });
});
