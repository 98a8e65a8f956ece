/**
 * Which providers a message names: by the name without its part in brackets, or by an alias, as words (any case,
 * umlauts folded), never by a part of a name alone.
 */
import { describe, expect, it } from 'vitest';
import { wordsOf } from '../../src/knowledge/lexicon.js';
import { namesOf, ProviderNames } from '../../src/knowledge/providerNames.js';

const names = new ProviderNames([
  { id: 'uni', name: 'Universität Nordstadt', aliases: ['Uni Nordstadt', 'University of Nordstadt'] },
  { id: 'lab', name: 'Labor für Sensorik (Universität Nordstadt)', aliases: [] },
  { id: 'firm', name: 'Beispiel Systeme GmbH', aliases: ['Beispiel'] },
]);
const named = (text: string) => names.named(wordsOf(text));

describe('providers named in a message', () => {
  it('are found by their name or an alias, in any case and with folded umlauts', () => {
    expect(named('Kann uns die Universitaet Nordstadt helfen?')).toEqual(['uni']);
    expect(named('we would like to work with the university of nordstadt')).toEqual(['uni']);
    expect(named('Arbeitet BEISPIEL auch mit Mittelständlern?')).toEqual(['firm']);
  });

  it('are not named by the part of a name in brackets, nor by one word of a longer name', () => {
    expect(namesOf({ name: 'Labor für Sensorik (Universität Nordstadt)', aliases: [] })).toEqual(['Labor für Sensorik']);
    expect(named('Wir suchen eine Universität in Nordstadt')).toEqual([]);
    expect(named('Gibt es ein Labor in Nordstadt?')).toEqual([]);
  });
});
