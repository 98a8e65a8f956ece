/**
 * Search latency: the calls the core makes for one user question (FAQ search, then provider search, with the language
 * and target region the core would pass), timed one by one over the benchmark's questions.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from './stats.js';

/** The modules of the app that a search needs, imported from the build (the code that production runs). */
export interface SearchModules {
  loadKnowledge: typeof import('../src/knowledge/loader.js').loadKnowledge;
  KnowledgeIndex: typeof import('../src/knowledge/knowledgeIndex.js').KnowledgeIndex;
  /** The side whose providers a message asks for (as `AssistantCore` reads it, see src/core/regionReading.ts). */
  targetRegion: (text: string) => 'dortmund' | 'suedwestfalen';
  coreDefaults: typeof import('../src/core/respond.js').coreDefaults;
}

export async function importSearchModules(builtSrcDir: string): Promise<SearchModules> {
  const load = (file: string) => import(pathToFileURL(path.join(builtSrcDir, file)).href);
  const [loader, knowledgeIndex, regionReading, respond, lexicon] = await Promise.all([
    load('knowledge/loader.js'),
    load('knowledge/knowledgeIndex.js'),
    load('core/regionReading.js'),
    load('core/respond.js'),
    load('knowledge/lexicon.js'),
  ]);
  return {
    loadKnowledge: loader.loadKnowledge,
    KnowledgeIndex: knowledgeIndex.KnowledgeIndex,
    targetRegion: (text: string) => regionReading.readRegions(lexicon.wordsOf(text), lexicon.projectLexicon()).target,
    coreDefaults: respond.coreDefaults,
  };
}

export interface SearchFigures {
  documents: number;
  /** Number of timed `search` calls. */
  calls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Both searches of one question together (what one turn spends in search). */
  perQuestionP99Ms: number;
}

/** Loads `knowledgeDir`, builds the index and times at least `minCalls` search calls after one warm-up pass. */
export function measureSearch(
  modules: SearchModules,
  knowledgeDir: string,
  questions: string[],
  minCalls = 2500,
): SearchFigures {
  const { loadKnowledge, KnowledgeIndex, targetRegion, coreDefaults } = modules;
  const index = new KnowledgeIndex(loadKnowledge(knowledgeDir));
  // What TurnReader.read passes (src/core/turnReading.ts): the detected language, the target region.
  const prepared = questions.map((text) => ({
    text,
    lang: index.detectLanguage(text, 'de').lang,
    region: targetRegion(text),
  }));
  const askOnce = (record?: (faqMs: number, providerMs: number) => void) => {
    for (const q of prepared) {
      const t0 = performance.now();
      index.search(q.text, { type: 'faq', lang: q.lang, limit: 5 });
      const t1 = performance.now();
      index.search(q.text, { type: 'provider', lang: q.lang, region: q.region, limit: coreDefaults.providerCandidates });
      const t2 = performance.now();
      record?.(t1 - t0, t2 - t1);
    }
  };
  askOnce();
  const calls: number[] = [];
  const perQuestion: number[] = [];
  const rounds = Math.max(3, Math.ceil(minCalls / (2 * prepared.length)));
  for (let round = 0; round < rounds; round++) {
    askOnce((faqMs, providerMs) => {
      calls.push(faqMs, providerMs);
      perQuestion.push(faqMs + providerMs);
    });
  }
  return {
    documents: index.documentCount,
    calls: calls.length,
    p50Ms: percentile(calls, 50),
    p99Ms: percentile(calls, 99),
    maxMs: Math.max(...calls),
    perQuestionP99Ms: percentile(perQuestion, 99),
  };
}
