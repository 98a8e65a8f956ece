import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { germanEnglishDetector } from '../../src/knowledge/language.js';
import { germanEnglishNgrams, languageDataFile, type NgramDatabase } from '../../src/knowledge/languageData.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

describe('the cut German/English n-gram database', () => {
  it('matches the installed eld (else run `npm run language-data`)', async () => {
    const committed = JSON.parse(readFileSync(languageDataFile, 'utf8')) as NgramDatabase;
    const fresh = await germanEnglishNgrams();
    expect(committed.type).toBe(fresh.type);
    expect(committed.languages).toEqual(fresh.languages);
    expect(committed.ngrams).toEqual(fresh.ngrams);
  });

  it('is much smaller than eld’s whole database', () => {
    expect(readFileSync(languageDataFile).length).toBeLessThan(150_000);
  });

  it('scores every FAQ title and question exactly like eld’s whole database', async () => {
    const cut = await germanEnglishDetector();
    const { eld: whole } = await import('eld/extrasmall');
    whole.setLanguageSubset(['de', 'en']);
    const texts = loadKnowledge(shippedKnowledgeDir).faqs.flatMap((faq) => [faq.title, ...faq.questions]);
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) {
      const [a, b] = [cut.detect(text), whole.detect(text)];
      expect({ text, language: a.language, scores: a.getScores() }).toEqual({ text, language: b.language, scores: b.getScores() });
    }
    // The cut database is what the detector uses, not eld's public entry.
    expect(cut).not.toBe(whole);
  });
});
