/**
 * Messages typed fast: a long word with a slip, a place name with one, a spa town without its "Bad". The damaged
 * questions of test/fixtures/typos/damaged.jsonl measure this as a whole; here each mechanism is checked on its own,
 * and a few messages through the core on the shipped folder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { typoDistance, typoEdits } from '../../src/knowledge/fuzzyVocabulary.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { projectLexicon, wordsOf } from '../../src/knowledge/lexicon.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { placeWordsIn } from '../../src/knowledge/places.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

describe('how many slips a typed word may have', () => {
  it('allows none in a short word, one from seven letters, two from ten', () => {
    expect(typoEdits(6)).toBe(0);
    expect(typoEdits(7)).toBe(1);
    expect(typoEdits(10)).toBe(2);
    expect(typoDistance('wetter', 'weiter')).toBeUndefined();
    expect(typoDistance('dortmnd', 'dortmund')).toBe(1);
    expect(typoDistance('ludenscheit', 'ludenscheid')).toBe(1);
  });

  it('counts two neighbouring letters swapped as one slip', () => {
    expect(typoDistance('sauerlnad', 'sauerland')).toBe(1);
    expect(typoDistance('sauerland', 'siegerland')).toBeUndefined();
  });
});

describe('place names with a slip', () => {
  const lexicon = projectLexicon();
  const regions = (text: string) => lexicon.places(wordsOf(text)).map((p) => [p.region, ...p.districts].join(' '));

  it('reads a town or region one slip away as that place', () => {
    expect(regions('Kunststoffinstitut in Lüdenscheit')).toEqual(['suedwestfalen Märkischer Kreis']);
    expect(regions('Kapitalgeber aus dem Siegerlant')).toEqual(regions('Kapitalgeber aus dem Siegerland'));
    expect(regions('Partner in Dortmnd')).toEqual(['dortmund']);
  });

  it('reads a spa town without its "Bad"', () => {
    expect(regions('CNC-Schulung in Berleburg')).toEqual(regions('CNC-Schulung in Bad Berleburg'));
  });

  it('leaves short words and words far from every name alone', () => {
    expect(regions('Wir werden weiter wachsen')).toEqual([]);
    expect(regions('Wir suchen Fördermittel für Digitalisierung')).toEqual([]);
  });

  it('knows a Südwestfalen place word with a slip where places weigh little', () => {
    expect(placeWordsIn('Metallbetrieb aus Plettenbreg').has('plettenbreg')).toBe(true);
    expect(placeWordsIn('Metallbetrieb mit Digitalisierungsbedarf').size).toBe(0);
    expect([...placeWordsIn('Metallbetrieb aus Berleburg')]).toEqual(['berleburg']);
  });
});

describe('damaged questions on the shipped folder', () => {
  const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
  const ask = (text: string): Reply => core.respond({ text }, emptyMemory()).reply;
  const first = (reply: Reply) =>
    reply.kind === 'providers' ? reply.matches[0]?.provider.id : reply.kind === 'answer' ? reply.entry.id : undefined;

  it('finds what the correctly spelt question finds when a long word has a slip', () => {
    expect(first(ask('uns gehen dauernd paletten und gitterboxn verloren'))).toBe('logistikbude');
    expect(first(ask('kunststoffinstitut in lüdenscheit'))).toBe('kunststoff-institut-luedenscheid');
    expect(first(ask('wir suchen einen kapitalgeber aus dem siegerlant'))).toBe('siegerlandfonds');
    expect(first(ask('cnc schulung in berleburg'))).toBe('bildungszentrum-wittgenstein');
  });

  it('answers no out-of-scope question of the damaged set', () => {
    const rows = readFileSync(new URL('../fixtures/typos/damaged.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { text: string; expected: string[] });
    for (const row of rows.filter((r) => r.expected.length === 0)) {
      expect(first(ask(row.text)), row.text).toBeUndefined();
    }
  });
});
