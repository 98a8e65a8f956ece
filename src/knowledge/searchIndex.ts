/**
 * The MiniSearch index over the knowledge folder and the one `search` function that the core, the HTTP API and the
 * evaluation use. Documents are analysed by `analyzer.ts` when they are indexed (each field in its own language);
 * a query is analysed in both languages, split into compound parts and widened by synonyms.
 */
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import { analyse, analyseToString, CompoundSplitter, contentWords, foldUmlauts, stem } from './analyzer.js';
import { detectLanguage } from './language.js';
import type { FaqEntry, Knowledge, KnowledgeDocument, Language, ProviderProfile, Topic } from './schema.js';
import { SYNONYM_WEIGHT, SynonymTable } from './synonyms.js';

export type DocumentType = 'faq' | 'provider';

/** Tunable numbers of the index in one place. */
export const searchDefaults = {
  /** Field boosts: a match in a question counts more than one in the body. */
  boost: { title: 3, questions: 2.5, tags: 1.5, body: 1, en: 1 },
  /** Weight of compound parts relative to a typed word. */
  compoundWeight: 0.7,
  /** FAQ entries in the other language than the user's are pushed down by this factor. */
  otherLanguageFactor: 0.5,
  /** Credit for a query word that only matched fuzzily (typo tolerance without false confidence). */
  fuzzyCredit: 0.6,
  /** Fuzzy matching from this many letters on (edit distance 20 % of the length, at least 1). */
  fuzzyMinLength: 4,
  /** Prefix matching from this many letters on. */
  prefixMinLength: 3,
  limit: 10,
} as const;

const FIELDS = ['title', 'questions', 'tags', 'body', 'en'] as const;
type Field = (typeof FIELDS)[number];

export interface SearchOptions {
  /** The user's language; detected from the query when missing. */
  lang?: Language;
  type?: DocumentType;
  limit?: number;
  /** Only providers with this topic / kind / region. */
  topic?: string;
  kind?: ProviderProfile['kind'];
  region?: ProviderProfile['region'];
}

export interface SearchHit {
  id: string;
  type: DocumentType;
  doc: KnowledgeDocument;
  score: number;
  /** Share of the query's meaning that this document matched, 0…1 (rarer words weigh more). */
  coverage: number;
  /** The query words that hit, as typed; synonyms as "KI → künstliche Intelligenz". */
  why: string[];
  /** Provider topics that the query hit (ids). */
  matchedTopics: string[];
}

export interface SearchResult {
  query: string;
  lang: Language;
  hits: SearchHit[];
}

interface QueryWord {
  word: string;
  weight: number;
}

interface QueryTerm {
  term: string;
  weight: number;
  /** Index into the query words, or -1 for synonym terms. */
  wordIndex: number;
  synonym?: { trigger: string; synonym: string };
}

/** A search-ready view of the knowledge folder. Build once at start-up; searching never mutates it. */
export class KnowledgeIndex {
  readonly knowledge: Knowledge;
  private readonly miniSearch: MiniSearch<KnowledgeDocument>;
  private readonly splitter = new CompoundSplitter();
  private readonly synonyms: SynonymTable;
  private readonly byId = new Map<string, KnowledgeDocument>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly topicById: Map<string, Topic>;
  /** Analysed topic labels, to tell which topics a query hit. */
  private readonly topicTerms = new Map<string, Set<string>>();

  constructor(knowledge: Knowledge) {
    this.knowledge = knowledge;
    this.synonyms = new SynonymTable(knowledge.synonyms);
    this.topicById = new Map(knowledge.topics.map((t) => [t.id, t]));
    const docs: KnowledgeDocument[] = [...knowledge.faqs, ...knowledge.providers];
    for (const doc of docs) {
      this.byId.set(doc.id, doc);
      for (const text of Object.values(rawFields(doc, this.topicById))) this.splitter.learn(text);
    }
    for (const group of knowledge.synonyms) for (const term of group) this.splitter.learn(term);
    for (const topic of knowledge.topics) {
      this.topicTerms.set(
        topic.id,
        new Set([...analyse(topic.de, 'de', this.splitter), ...analyse(topic.en, 'en', this.splitter)].map((t) => t.term)),
      );
    }

    this.miniSearch = new MiniSearch<KnowledgeDocument>({
      fields: [...FIELDS],
      idField: 'id',
      // Fields are analysed here, per document language; the tokenizer then only splits the prepared terms.
      extractField: (doc, field) => (field === 'id' ? doc.id : this.analysedField(doc, field as Field)),
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
    });
    this.miniSearch.addAll(docs);
    for (const doc of docs) {
      const terms = new Set(FIELDS.flatMap((f) => this.analysedField(doc, f).split(' ').filter(Boolean)));
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  get documentCount(): number {
    return this.byId.size;
  }

  get(id: string): KnowledgeDocument | undefined {
    return this.byId.get(id);
  }

  topic(id: string): Topic | undefined {
    return this.topicById.get(id);
  }

  private analysedField(doc: KnowledgeDocument, field: Field): string {
    const raw = rawFields(doc, this.topicById);
    const lang: Language = doc.type === 'faq' ? doc.lang : field === 'en' ? 'en' : 'de';
    if (doc.type === 'provider' && field === 'tags') {
      // Topic labels and kind exist in both languages.
      return `${analyseToString(raw.tags, 'de', this.splitter)} ${analyseToString(raw.tagsEn, 'en', this.splitter)}`;
    }
    return analyseToString(raw[field], lang, this.splitter);
  }

  /** Weight of a query word: rare words mean more; words the corpus does not know weigh fully. */
  private wordWeight(word: string): number {
    const n = this.byId.size;
    const df = Math.max(...(['de', 'en'] as const).map((lang) => this.documentFrequency.get(stem(word, lang)) ?? 0));
    if (df === 0) return 1;
    const idf = Math.log((n + 1) / (df + 0.5)) / Math.log((n + 1) / 0.5);
    return Math.min(1, Math.max(0.1, idf));
  }

  private analyseQuery(query: string): { words: QueryWord[]; terms: QueryTerm[] } {
    const words: QueryWord[] = [];
    const terms: QueryTerm[] = [];
    const stemsPerWord: { word: string; stems: Set<string> }[] = [];
    for (const word of contentWords(query)) {
      if (words.some((w) => w.word === word)) continue;
      const wordIndex = words.length;
      words.push({ word, weight: this.wordWeight(word) });
      const stems = new Set([stem(word, 'de'), stem(word, 'en')]);
      stemsPerWord.push({ word, stems });
      for (const term of stems) terms.push({ term, weight: 1, wordIndex });
      for (const part of this.splitter.split(foldUmlauts(word))) {
        terms.push({ term: stem(part, 'de'), weight: searchDefaults.compoundWeight, wordIndex });
      }
    }
    const known = new Set(terms.map((t) => t.term));
    for (const syn of this.synonyms.expand(stemsPerWord)) {
      if (known.has(syn.term)) continue;
      known.add(syn.term);
      const wordIndex = words.findIndex((w) => syn.trigger.split(' ').includes(w.word));
      terms.push({ term: syn.term, weight: SYNONYM_WEIGHT, wordIndex, synonym: { trigger: syn.trigger, synonym: syn.synonym } });
    }
    return { words, terms };
  }

  /**
   * Searches the knowledge folder.
   *
   * @example
   * index.search('Wer ist Geschäftsführer der Südwestfalen Agentur?', { type: 'faq', limit: 3 })
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const lang = options.lang ?? detectLanguage(query).lang;
    const limit = options.limit ?? searchDefaults.limit;
    const { words, terms } = this.analyseQuery(query);
    if (terms.length === 0) return { query, lang, hits: [] };

    const termWeight = new Map<string, number>();
    for (const t of terms) termWeight.set(t.term, Math.max(termWeight.get(t.term) ?? 0, t.weight));

    const raw = this.miniSearch.search(
      { queries: [...termWeight.keys()], combineWith: 'OR' },
      {
        boost: { ...searchDefaults.boost },
        fuzzy: (term) => (term.length >= searchDefaults.fuzzyMinLength ? 0.2 : false),
        prefix: (term) => term.length >= searchDefaults.prefixMinLength,
        boostTerm: (term) => termWeight.get(term) ?? 1,
        boostDocument: (id) => {
          const doc = this.byId.get(id);
          return doc?.type === 'faq' && doc.lang !== lang ? searchDefaults.otherLanguageFactor : 1;
        },
        filter: (result) => this.passesFilters(this.byId.get(result.id)!, options),
      },
    );

    const totalWeight = words.reduce((sum, w) => sum + w.weight, 0) || 1;
    const hits: SearchHit[] = [];
    const seenPairs = new Set<string>();
    for (const result of raw) {
      const doc = this.byId.get(result.id)!;
      if (doc.type === 'faq') {
        // One answer per question: keep the entry in the user's language, which ranks first.
        const pair = doc.id.replace(/-(de|en)$/, '');
        if (seenPairs.has(pair)) continue;
        seenPairs.add(pair);
      }
      hits.push(this.explain(result, doc, words, terms, totalWeight));
      if (hits.length >= limit) break;
    }
    return { query, lang, hits };
  }

  private passesFilters(doc: KnowledgeDocument, options: SearchOptions): boolean {
    if (options.type && doc.type !== options.type) return false;
    if (options.topic || options.kind || options.region) {
      if (doc.type !== 'provider') return false;
      if (options.topic && !doc.topics.includes(options.topic)) return false;
      if (options.kind && doc.kind !== options.kind) return false;
      if (options.region && doc.region !== options.region) return false;
    }
    return true;
  }

  private explain(
    result: MiniSearchResult,
    doc: KnowledgeDocument,
    words: QueryWord[],
    terms: QueryTerm[],
    totalWeight: number,
  ): SearchHit {
    const docTerms = Object.keys(result.match);
    const credit = new Map<number, number>();
    const why = new Set<string>();
    for (const queryTerm of result.queryTerms) {
      const exact = docTerms.some((d) => d.startsWith(queryTerm));
      for (const t of terms.filter((x) => x.term === queryTerm)) {
        if (t.wordIndex < 0) continue;
        const value = (exact ? 1 : searchDefaults.fuzzyCredit) * (t.synonym ? 0.8 : 1);
        credit.set(t.wordIndex, Math.max(credit.get(t.wordIndex) ?? 0, value));
        why.add(t.synonym ? `${t.synonym.trigger} → ${t.synonym.synonym}` : words[t.wordIndex]!.word);
      }
    }
    let matched = 0;
    for (const [index, value] of credit) matched += words[index]!.weight * value;

    const matchedTopics =
      doc.type === 'provider'
        ? doc.topics.filter((topic) => {
            const topicTerms = this.topicTerms.get(topic);
            return topicTerms && docTerms.some((d) => topicTerms.has(d));
          })
        : [];
    return {
      id: doc.id,
      type: doc.type,
      doc,
      score: result.score,
      coverage: Math.min(1, matched / totalWeight),
      why: [...why],
      matchedTopics,
    };
  }
}

/** The searchable text of a document per field, before analysis. */
function rawFields(doc: KnowledgeDocument, topics: Map<string, Topic>): Record<Field | 'tagsEn', string> {
  if (doc.type === 'faq') return faqFields(doc);
  const labels = doc.topics.map((id) => topics.get(id));
  return {
    title: doc.name,
    questions: doc.offers.join('\n'),
    tags: [...labels.map((t) => t?.de ?? ''), doc.kind, doc.city, doc.region].join('\n'),
    tagsEn: labels.map((t) => t?.en ?? '').join('\n'),
    body: doc.body,
    en: doc.summary_en ?? '',
  };
}

function faqFields(doc: FaqEntry): Record<Field | 'tagsEn', string> {
  return {
    title: doc.title,
    questions: doc.questions.join('\n'),
    tags: doc.tags.join('\n'),
    tagsEn: '',
    body: doc.body,
    en: '',
  };
}
