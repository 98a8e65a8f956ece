import { describe, expect, it } from 'vitest';
import { mayNameSuedwestfalenPlace, placeWordsIn } from '../../src/knowledge/places.js';
import { CompoundSplitter } from '../../src/knowledge/analyzer.js';
import { analyseQueryWords } from '../../src/knowledge/queryWords.js';
import { SynonymTable } from '../../src/knowledge/synonyms.js';

describe('places of Südwestfalen in a message', () => {
  it('finds towns and districts as users type them, also without umlauts and as adjectives', () => {
    expect([...placeWordsIn('Metallbetrieb aus Bad Berleburg')]).toEqual(['bad', 'berleburg']);
    expect([...placeWordsIn('Zulieferer aus Luedenscheid')]).toEqual(['luedenscheid']);
    expect([...placeWordsIn('ein Olper Familienbetrieb im Märkischen Kreis')].sort()).toEqual(['kreis', 'märkischen', 'olper']);
    expect([...placeWordsIn('our plant in Siegen-Wittgenstein')].sort()).toEqual(['siegen', 'wittgenstein']);
  });

  it('tells quickly whether a message may name a place at all, in every spelling and as the adjective', () => {
    for (const text of ['Zulieferer aus Lüdenscheid', 'aus Luedenscheid', 'aus Ludenscheid', 'ein Olper Betrieb', 'Siegener Firma', 'im Märkischen Kreis']) {
      expect(mayNameSuedwestfalenPlace(text), text).toBe(true);
    }
    for (const text of ['Wir sind ein Dortmunder Start-up', 'Our ERP is bad', 'An wen können wir uns wenden?']) {
      expect(mayNameSuedwestfalenPlace(text), text).toBe(false);
    }
  });

  it('does not take a word for a place when it is only part of a name or a common verb', () => {
    expect(placeWordsIn('Our ERP is bad and slow').size).toBe(0);
    expect(placeWordsIn('An wen können wir uns wenden?').size).toBe(0);
    expect(placeWordsIn('Wie stehen Hubertus Winterberg und die Agentur dazu?').size).toBe(0);
    expect(placeWordsIn('Olpenberg').size).toBe(0);
  });

  it('weighs a town like a filler word when Dortmund providers are searched, and keeps its weight otherwise', () => {
    const analysis = (placesWeighLittle: boolean) => ({
      splitter: new CompoundSplitter(),
      synonyms: new SynonymTable([]),
      topicWeight: () => 0.8,
      unknownWeight: 1,
      unknownNonNounWeight: 0.5,
      lang: 'de' as const,
      transpositionCredit: 0.7,
      providers: true,
      placesWeighLittle,
      questionWeight: 0.25,
      fillerWeight: 0.1,
      compoundCredit: 0.8,
      synonymCredit: 0.7,
    });
    const weight = (placesWeighLittle: boolean, word: string) =>
      analyseQueryWords('Werkzeugbau aus Attendorn sucht Hilfe bei Robotik', analysis(placesWeighLittle)).find((w) => w.word === word)?.weight;
    expect(weight(true, 'attendorn')).toBe(0.1);
    expect(weight(true, 'robotik')).toBe(0.8);
    expect(weight(false, 'attendorn')).toBe(0.8);
  });
});
