/**
 * Generates a larger knowledge folder for the benchmark: the shipped folder plus synthetic but well-formed FAQ entries
 * and provider profiles, built by recombining the shipped files' sentences, questions, tags, offers and names. It keeps
 * the shipped topics.yml and synonyms.yml, so the vocabulary and the cross checks are the real ones.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { providerKinds, regions, type FaqEntry, type Knowledge, type Language } from '../src/knowledge/schema.js';
import { seededRandom } from './stats.js';

interface Pools {
  sentences: Record<Language, string[]>;
  questions: Record<Language, string[]>;
  titles: Record<Language, string[]>;
  tags: Record<Language, string[]>;
  words: Record<Language, string[]>;
  providerSentences: string[];
  summaries: string[];
  offers: string[];
  nameWords: string[];
  cities: Record<(typeof regions)[number], string[]>;
}

function sentencesOf(text: string): string[] {
  return text
    .replace(/\*\*/g, '')
    .split(/\n+|(?<=[.!?])\s+(?=[A-ZÄÖÜ])/)
    .map((s) => s.replace(/^[-*]\s+/, '').trim())
    .filter((s) => s.length >= 25);
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}][\p{L}-]{4,}/gu) ?? [];
}

function buildPools(knowledge: Knowledge): Pools {
  const byLang = (lang: Language): FaqEntry[] => knowledge.faqs.filter((f) => f.lang === lang);
  const faqPool = (lang: Language) => {
    const faqs = byLang(lang);
    return {
      sentences: faqs.flatMap((f) => sentencesOf(f.body)),
      questions: faqs.flatMap((f) => f.questions),
      titles: faqs.map((f) => f.title),
      tags: [...new Set(faqs.flatMap((f) => f.tags))],
      words: [...new Set(faqs.flatMap((f) => wordsOf(`${f.title} ${f.body}`)))],
    };
  };
  const de = faqPool('de');
  const en = faqPool('en');
  const cities = { dortmund: [] as string[], suedwestfalen: [] as string[] };
  for (const p of knowledge.providers) cities[p.region].push(p.city);
  return {
    sentences: { de: de.sentences, en: en.sentences },
    questions: { de: de.questions, en: en.questions },
    titles: { de: de.titles, en: en.titles },
    tags: { de: de.tags, en: en.tags },
    words: { de: de.words, en: en.words },
    providerSentences: knowledge.providers.flatMap((p) => sentencesOf(p.body)),
    summaries: knowledge.providers.flatMap((p) => (p.summary_en ? sentencesOf(p.summary_en) : [])),
    offers: [...new Set(knowledge.providers.flatMap((p) => p.offers))],
    nameWords: [...new Set(knowledge.providers.flatMap((p) => p.name.split(/\s+/)).filter((w) => /^\p{L}/u.test(w)))],
    cities,
  };
}

function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${YAML.stringify(frontMatter, { lineWidth: 0 })}---\n${body}\n`;
}

/**
 * Writes a knowledge folder with `totalDocuments` documents (the shipped ones included) into `targetDir` and returns
 * the number of documents written. Deterministic for a given seed.
 */
export function generateKnowledge(shippedDir: string, targetDir: string, totalDocuments: number, seed = 2018): number {
  const shipped = loadKnowledge(shippedDir);
  const shippedCount = shipped.faqs.length + shipped.providers.length;
  const extra = Math.max(0, totalDocuments - shippedCount);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const count = min + Math.floor(random() * (max - min + 1));
    return [...new Set(Array.from({ length: count }, () => pick(list)))];
  };
  const pools = buildPools(shipped);
  /** A shipped sentence with one longer word swapped for another word of the corpus: new text, same vocabulary. */
  const vary = (text: string, lang: Language): string => {
    const words = wordsOf(text);
    return words.length === 0 ? text : text.replace(pick(words), pick(pools.words[lang]));
  };

  cpSync(shippedDir, targetDir, { recursive: true });
  const topicIds = shipped.topics.map((t) => t.id);
  const faqPairs = Math.floor(extra / 4);
  const providers = extra - faqPairs * 2;
  const faqIds: Record<Language, string[]> = { de: [], en: [] };

  for (let i = 0; i < faqPairs; i++) {
    for (const lang of ['de', 'en'] as const) {
      const id = `gen-frage-${i}-${lang}`;
      const relatedCandidates = faqIds[lang];
      const frontMatter = {
        type: 'faq',
        id,
        lang,
        title: vary(pick(pools.titles[lang]), lang),
        questions: some(pools.questions[lang], 2, 5).map((q) => vary(q, lang)),
        tags: some(pools.tags[lang], 3, 7),
        related: relatedCandidates.length > 0 ? some(relatedCandidates, 0, 3) : [],
        source: 'bench/generateKnowledge.ts',
      };
      const body = some(pools.sentences[lang], 2, 6).map((s) => vary(s, lang)).join(' ');
      const dir = path.join(targetDir, 'faq', lang);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${id}.md`), markdownFile(frontMatter, body));
      faqIds[lang].push(id);
    }
  }

  for (let i = 0; i < providers; i++) {
    const id = `gen-anbieter-${i}`;
    const region = pick(regions);
    const frontMatter = {
      type: 'provider',
      id,
      name: `${some(pools.nameWords, 2, 3).join(' ')} ${i}`,
      kind: pick(providerKinds),
      region,
      city: pick(pools.cities[region]),
      topics: some(topicIds, 1, 4),
      offers: some(pools.offers, 2, 5).map((o) => vary(o, 'de')),
      url: `https://anbieter-${i}.example.org/`,
      source: `https://anbieter-${i}.example.org/ueber-uns`,
      verified: `202${4 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`,
      summary_en: some(pools.summaries, 1, 2).map((s) => vary(s, 'en')).join(' '),
    };
    // The source's date: the month of the check (drawn without the random generator, so the folder stays the same).
    const withSourceDate = { ...frontMatter, sourceDate: frontMatter.verified.slice(0, 7) };
    const body = some(pools.providerSentences, 2, 5).map((s) => vary(s, 'de')).join(' ');
    const dir = path.join(targetDir, 'providers', region);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${id}.md`), markdownFile(withSourceDate, body));
  }
  return shippedCount + faqPairs * 2 + providers;
}
