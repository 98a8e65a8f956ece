/** Which directory topics a message names (`KnowledgeIndex.namedTopics`), on the shipped folder. */
import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));

describe('topics a message names', () => {
  it('names a topic through a member of a synonym group, a phrase as a whole', () => {
    expect(index.namedTopics('Unsere Fräsmaschinen verschleißen zu schnell', 'de')).toContain('ki-data-science');
    expect(index.namedTopics('We need predictive maintenance', 'en')).toContain('industrie-4-0-iot');
  });

  it('does not name a topic through one word of a longer synonym ("world market leader" is no marketing)', () => {
    expect(index.namedTopics('lots of hidden champions in the region?', 'en')).toEqual([]);
    expect(index.namedTopics('Wie viele Weltmarktführer gibt es?', 'de')).toEqual([]);
  });
});
