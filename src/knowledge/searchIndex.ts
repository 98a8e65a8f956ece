/**
 * The MiniSearch index over the knowledge folder and the one `search` function that the core, the HTTP API and the
 * evaluation use. Documents are analysed by `analyzer.ts` when they are indexed (each field in its own language);
 * a query is analysed in both languages, split into compound parts and widened by synonyms (`queryWords.ts`).
 *
 * Scoring works per query word, not per index term (`matching.ts`): each word of the query can be found in a
 * document in several ways, and only the best way counts, scaled by where it was found (title > body) and by what the
 * word means (rare words more than common ones, request words like "suchen" hardly at all). A document's `coverage`
 * is the weighted share of the query it explains; its `score` also rewards documents whose title or one of whose
 * questions the query matches closely. So a synonym group with ten members cannot outweigh one typed word, and `why`
 * names exactly the words that hit. MiniSearch finds the candidates and matching index terms (with its fuzzy and
 * prefix search); its BM25 score only breaks ties.
 */
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import { analyse, CompoundSplitter, contentWords, foldUmlauts, wordTerms } from './analyzer.js';
import { detectLanguage } from './language.js';
import { lineMatch, matchWords, postings, querySlots, termCredits, termValues, type Line, type Posting, type QuerySlots } from './matching.js';
import { analyseQueryWords, queryTerms, type QueryWord } from './queryWords.js';
import type { FaqEntry, Knowledge, KnowledgeDocument, Language, ProviderProfile, Topic } from './schema.js';
import { SYNONYM_WEIGHT, SynonymTable } from './synonyms.js';

export type DocumentType = 'faq' | 'provider';

/**
 * Indexed fields. `parts` holds the compound parts of every other field's words ("Beratung" of
 * "Digitalisierungsberatung"): found, but weaker evidence than the word itself.
 */
const FIELDS = ['title', 'questions', 'tags', 'body', 'en', 'parts'] as const;
type Field = (typeof FIELDS)[number];
type TextField = Exclude<Field, 'parts'>;

/** Tunable numbers of the index in one place (tuned with `npm run eval` on the dev split). */
export const searchDefaults = {
  /** MiniSearch field boosts; they shape the BM25 tie-breaker only. */
  boost: { title: 3, questions: 2.5, tags: 1.5, body: 1, en: 1, parts: 0.5 } satisfies Record<Field, number>,
  /** How much a word found in a field counts: a word in a title or question means more than one in the body. */
  fieldWeight: { title: 1, questions: 1, tags: 0.9, body: 0.7, en: 0.7, parts: 0.7 } satisfies Record<Field, number>,
  /** Extra credit per further field the same word was found in (capped at a full match). */
  extraFieldCredit: 0.05,
  /** Credit of a word found only through its compound parts, relative to the word as typed. */
  compoundCredit: 0.8,
  /** Credit of a word found only through a synonym (lower than a typed word, see synonyms.ts). */
  synonymCredit: SYNONYM_WEIGHT,
  /** Credit of a fuzzy (typo-tolerant) match of a term of six or more letters. */
  fuzzyCredit: 0.6,
  /** Credit of a fuzzy match of a shorter term: one wrong letter in four is as likely another word as a typo. */
  shortFuzzyCredit: 0.3,
  /** Credit of a word found after swapping two neighbouring letters ("Agnetur" → "Agentur"). */
  transpositionCredit: 0.7,
  /** Credit of a prefix match that only adds an ending of up to two letters ("partner" → "partnern"). */
  nearPrefixCredit: 0.9,
  /** Credit of a long prefix (six or more letters, 60 % of the word) of a longer word, e.g. a compound's first part. */
  longPrefixCredit: 0.6,
  /** Credit of a short prefix of a longer word ("wett" → "wettbewerb"): weak evidence. */
  shortPrefixCredit: 0.25,
  /** Weight of question words ("wer", "wann", "when"). */
  questionWordWeight: 0.25,
  /** Weight of words that ask for help but name no topic ("suchen", "Unterstützung", "looking for"). */
  fillerWordWeight: 0.1,
  /** Weight of a word the folder does not contain at all (it counts fully against coverage). */
  unknownWordWeight: 1,
  /** Weight of a word that only the other document type contains (e.g. "Ransomware" in an FAQ search). */
  elsewhereWordWeight: 0.8,
  /** Lowest weight of a known word, however common. */
  minWordWeight: 0.15,
  /** Share of the score that depends on how closely the query matches the best title or question line. */
  lineShare: 0.3,
  /** Credit of a line word matched only through one of its compound parts. */
  linePartFactor: 0.8,
  /** FAQ entries in the other language than the user's are pushed down by this factor. */
  otherLanguageFactor: 0.5,
  /** Weight from which a topic word left unexplained counts as a gap of a hit (see `SearchHit.gaps`). */
  gapWordWeight: 0.8,
  /** A word explained less than this (0…1) is left open. */
  gapExplained: 0.5,
  /** Shorter words are not gaps: unknown short words are mostly typos of small words ("vile") or verb forms ("saß"). */
  gapMinLength: 6,
  /** Share of the score given by MiniSearch's BM25 score (normalised), to order otherwise equal hits. */
  tieBreak: 0.02,
  /** Fuzzy matching from this many letters on (edit distance 20 % of the length, at least 1). */
  fuzzyMinLength: 4,
  /** Prefix matching from this many letters on. */
  prefixMinLength: 3,
  /** Most typos (edits) a fuzzy match may have, whatever the word's length. */
  maxFuzzy: 2,
  limit: 10,
} as const;

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
  /** Ranking score: coverage, adjusted by how closely the best title/question line matches and by language. */
  score: number;
  /** Share of the query's meaning that this document matched, 0…1 (rarer words weigh more). */
  coverage: number;
  /** The query words that hit, as typed; synonyms as "KI → künstliche Intelligenz". */
  why: string[];
  /** Provider topics that the query hit (ids). */
  matchedTopics: string[];
  /**
   * Telling words of the query (weight ≥ `gapWordWeight`: rare in the folder or absent from it) that this document
   * explains less than half, as typed. "Wer ist Landrat im Hochsauerlandkreis?" leaves "landrat" open in the
   * shareholder entry: the entry shares a name with the question but not what it asks about.
   */
  gaps: string[];
}

export interface SearchResult {
  query: string;
  lang: Language;
  hits: SearchHit[];
}

type Scope = DocumentType | 'all';

/** An explained search candidate: its hit, its score before the line match, and its BM25 tie-breaker. */
interface Candidate {
  hit: SearchHit;
  base: number;
  tie: number;
}

/**
 * A search-ready view of the knowledge folder. Build once at start-up; searching changes nothing but small caches
 * (filter id sets, the last query's MiniSearch matches) that never change a result.
 */
export class KnowledgeIndex {
  readonly knowledge: Knowledge;
  private readonly miniSearch: MiniSearch<KnowledgeDocument>;
  private readonly splitter = new CompoundSplitter();
  private readonly synonyms: SynonymTable;
  private readonly byId = new Map<string, KnowledgeDocument>();
  /** In how many documents of a type (or of all types) each index term occurs. */
  private readonly documentFrequency: Record<Scope, Map<string, number>> = { all: new Map(), faq: new Map(), provider: new Map() };
  private readonly scopeSize: Record<Scope, number>;
  /** Title and question (offer) lines per document. */
  private readonly lines = new Map<string, Line[]>();
  private readonly topicById: Map<string, Topic>;
  /** Analysed topic labels, to tell which topics a query hit. */
  private readonly topicTerms = new Map<string, Set<string>>();
  /** Ids of the documents passing a combination of filters (see `allowedIds`). */
  private readonly allowedCache = new Map<string, Set<string>>();
  /** The last query's MiniSearch matches (see `matchingDocuments`); only read, never changed. */
  private lastMatches?: { key: string; results: MiniSearchResult[] };

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
    // A topic counts as hit through the words of its label that no other label has ("Sicherheit", not "IT").
    const labelTerms = new Map(
      knowledge.topics.map((topic) => [
        topic.id,
        new Set([...analyse(topic.de, 'de', this.splitter), ...analyse(topic.en, 'en', this.splitter)].map((t) => t.term)),
      ]),
    );
    for (const [id, terms] of labelTerms) {
      const shared = new Set([...labelTerms].filter(([other]) => other !== id).flatMap(([, t]) => [...t]));
      this.topicTerms.set(id, new Set([...terms].filter((t) => !shared.has(t))));
    }

    const analysed = new Map(docs.map((doc) => [doc.id, this.analysedFields(doc)]));
    this.miniSearch = new MiniSearch<KnowledgeDocument>({
      fields: [...FIELDS],
      idField: 'id',
      // Fields are analysed here, per document language; the tokenizer then only splits the prepared terms.
      extractField: (doc, field) => (field === 'id' ? doc.id : analysed.get(doc.id)![field as Field]),
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
    });
    this.miniSearch.addAll(docs);
    for (const [id, fields] of analysed) {
      const terms = new Set(Object.values(fields).flatMap((text) => text.split(' ').filter(Boolean)));
      for (const counts of [this.documentFrequency.all, this.documentFrequency[this.byId.get(id)!.type]]) {
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    this.scopeSize = { all: docs.length, faq: knowledge.faqs.length, provider: knowledge.providers.length };
    for (const doc of docs) this.lines.set(doc.id, this.prepareLines(doc));
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

  /** Index terms per field, each text analysed in its own language; compound parts go to `parts`. */
  private analysedFields(doc: KnowledgeDocument): Record<Field, string> {
    const raw = rawFields(doc, this.topicById);
    const out = {} as Record<Field, string>;
    const parts: string[] = [];
    const add = (field: TextField, text: string, lang: Language) => {
      const terms = analyse(text, lang, this.splitter);
      out[field] = [out[field] ?? '', ...terms.filter((t) => t.origin === 'word').map((t) => t.term)].join(' ').trim();
      parts.push(...terms.filter((t) => t.origin === 'compound').map((t) => t.term));
    };
    for (const field of ['title', 'questions', 'tags', 'body', 'en'] as const) {
      const lang: Language = doc.type === 'faq' ? doc.lang : field === 'en' ? 'en' : 'de';
      add(field, raw[field], lang);
    }
    // Provider topic labels and kind exist in both languages.
    if (doc.type === 'provider') add('tags', raw.tagsEn, 'en');
    out.parts = parts.join(' ');
    return out;
  }

  /** The title and question lines of an FAQ entry, or the name and offer lines of a provider. */
  private prepareLines(doc: KnowledgeDocument): Line[] {
    const texts = doc.type === 'faq' ? [doc.title, ...doc.questions] : [doc.name, ...doc.offers];
    const lang: Language = doc.type === 'faq' ? doc.lang : 'de';
    return texts.map((text) => {
      const words = contentWords(text).map((word) => {
        const terms = wordTerms(word, lang);
        const partTerms = this.splitter.split(foldUmlauts(word)).flatMap((part) => wordTerms(part, lang));
        return { terms, partTerms, weight: this.rarity(terms, doc.type) };
      });
      return { words, total: words.reduce((sum, w) => sum + w.weight, 0) };
    });
  }

  /** `minWordWeight`…1 by inverse document frequency within `scope`; 0 when no document there has the word. */
  private rarity(terms: string[], scope: Scope): number {
    const df = Math.max(0, ...terms.map((t) => this.documentFrequency[scope].get(t) ?? 0));
    if (df === 0) return 0;
    const n = this.scopeSize[scope];
    const idf = Math.log((n + 1) / (df + 0.5)) / Math.log((n + 1) / 0.5);
    return Math.min(1, Math.max(searchDefaults.minWordWeight, idf));
  }

  /**
   * Weight of a topic word: rare words mean more. Rarity is counted among the documents searched (FAQ entries or
   * providers), since that is where a word has to tell entries apart; 0 for a word no document contains.
   */
  private topicWeight(terms: string[], scope: Scope): number {
    const weight = this.rarity(terms, scope);
    if (weight > 0) return weight;
    return this.rarity(terms, 'all') > 0 ? searchDefaults.elsewhereWordWeight : 0;
  }

  private analyseQuery(query: string, scope: Scope): QueryWord[] {
    return analyseQueryWords(query, {
      splitter: this.splitter,
      synonyms: this.synonyms,
      topicWeight: (terms) => this.topicWeight(terms, scope),
      unknownWeight: searchDefaults.unknownWordWeight,
      transpositionCredit: searchDefaults.transpositionCredit,
      providers: scope === 'provider',
      questionWeight: searchDefaults.questionWordWeight,
      fillerWeight: searchDefaults.fillerWordWeight,
      compoundCredit: searchDefaults.compoundCredit,
      synonymCredit: searchDefaults.synonymCredit,
    });
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
    const scope: Scope = options.type ?? (options.topic || options.kind || options.region ? 'provider' : 'all');
    const words = this.analyseQuery(query, scope);
    const { terms, typed } = queryTerms(words);
    if (terms.length === 0) return { query, lang, hits: [] };

    // Prefixes for the typed words and their compound parts; synonyms are whole words from our own list. A term whose
    // stem is already searched as a prefix ("geschaftsfuhrer" after "geschaftsfuhr") adds nothing but time.
    const prefixTerms = new Set<string>();
    for (const w of words) {
      for (const a of w.alternatives) {
        if (a.kind === 'synonym') continue;
        for (const part of a.parts) {
          const own = [...part.keys()];
          for (const t of own) if (!own.some((o) => o !== t && t.startsWith(o))) prefixTerms.add(t);
        }
      }
    }
    const allowed = this.allowedIds(options);
    const matches = this.matchingDocuments(terms, typed, prefixTerms);
    // Scores do not depend on which other documents match, so filtering the shared result equals filtering in MiniSearch.
    const raw = allowed ? matches.filter((result) => allowed.has(result.id)) : matches;
    if (raw.length === 0) return { query, lang, hits: [] };

    const docTerms = new Set<string>();
    for (const result of raw) for (const term of Object.keys(result.match)) docTerms.add(term);
    const credits = termCredits(docTerms, terms, typed, searchDefaults);
    const layout = querySlots(words);
    const postingsByTerm = postings(credits, words, layout);
    const totalWeight = words.reduce((sum, w) => sum + w.weight, 0) || 1;
    const topBm25 = raw[0]!.score;
    // The line match moves a score by at most `lineShare`: only candidates that can still reach the top need it.
    const keep = 2 * limit;
    const floor = 1 - searchDefaults.lineShare;
    const candidates = this.explainCandidates(raw, words, layout, postingsByTerm, totalWeight, lang, topBm25, keep, floor);
    const lowerBounds = candidates.map((c) => c.base * floor + c.tie).sort((a, b) => b - a);
    const bar = lowerBounds[Math.min(keep, lowerBounds.length) - 1] ?? 0;
    const values = termValues(credits, words);
    const hits: SearchHit[] = [];
    for (const { hit, base, tie } of candidates) {
      if (base + tie < bar) continue;
      const line = lineMatch(this.lines.get(hit.id)!, values, searchDefaults.linePartFactor);
      hit.score = base * (floor + searchDefaults.lineShare * line) + tie;
      hits.push(hit);
    }
    hits.sort((a, b) => b.score - a.score);
    return { query, lang, hits: this.preferUserLanguage(hits, lang).slice(0, limit) };
  }

  /**
   * Explains the candidates that can still reach the `keep` best, in MiniSearch's order. Explaining every matching
   * document is the costly part of a search in a large folder, and most only share a common word with the query. So
   * candidates are explained best upper bound first (their coverage if every matched term counted at the best credit
   * and field it could have), and the rest are left out once even their upper bound stays below the `keep`-th best
   * lower bound (`base · floor + tie`): such a candidate could neither make the list nor move that bar, so the result
   * is the same as when all are explained.
   */
  private explainCandidates(
    raw: MiniSearchResult[],
    words: QueryWord[],
    layout: QuerySlots,
    postingsByTerm: Map<string, Posting[]>,
    totalWeight: number,
    lang: Language,
    topBm25: number,
    keep: number,
    floor: number,
  ): Candidate[] {
    // A slot's value in `matchWords` is at most its best posting times the largest field weight, plus the extra credit
    // for every further field; a word's value at most the best alternative over those slot bounds.
    const fieldWeights: number[] = Object.values(searchDefaults.fieldWeight);
    const maxFieldWeight = Math.max(...fieldWeights);
    const maxExtra = searchDefaults.extraFieldCredit * (fieldWeights.length - 1);
    const slotBound = new Float64Array(layout.count);
    const bounds = raw.map((result, order) => {
      const doc = this.byId.get(result.id)!;
      slotBound.fill(0);
      for (const term of Object.keys(result.match)) {
        for (const { slot, value } of postingsByTerm.get(term) ?? []) {
          const bound = Math.min(1, value * maxFieldWeight + maxExtra);
          if (bound > slotBound[slot]!) slotBound[slot] = bound;
        }
      }
      // Computed in the same order as `explain` and `matchWords`, from values at least as large, so rounding cannot
      // put the bound below the coverage.
      let explained = 0;
      for (const [w, word] of words.entries()) {
        let best = 0;
        for (const [a, alternative] of word.alternatives.entries()) {
          let sum = 0;
          for (const slot of layout.slots[w]![a]!) sum += slotBound[slot]!;
          const value = (alternative.credit * sum) / (alternative.parts.length + 0.5 * (alternative.unknownParts ?? 0));
          if (value > best) best = value;
        }
        if (best > 0) explained += word.weight * best;
      }
      const languageFactor = doc.type === 'faq' && doc.lang !== lang ? searchDefaults.otherLanguageFactor : 1;
      const tie = searchDefaults.tieBreak * (result.score / topBm25);
      return { result, doc, order, tie, languageFactor, upper: Math.min(1, explained / totalWeight) * languageFactor + tie };
    });
    bounds.sort((a, b) => b.upper - a.upper || a.order - b.order);
    const explained: (Candidate & { order: number })[] = [];
    /** The `keep` best lower bounds so far, best first. */
    const best: number[] = [];
    for (const { result, doc, order, tie, languageFactor, upper } of bounds) {
      if (best.length >= keep && upper + 1e-9 < best[keep - 1]!) break;
      const matched = Object.entries(result.match) as [string, Field[]][];
      const hit = this.explain(doc, words, layout, matched, postingsByTerm, totalWeight);
      if (!hit) continue;
      const base = hit.coverage * languageFactor;
      explained.push({ hit, base, tie, order });
      const lower = base * floor + tie;
      if (best.length < keep || lower > best[best.length - 1]!) {
        let i = best.length;
        while (i > 0 && best[i - 1]! < lower) i--;
        best.splice(i, 0, lower);
        if (best.length > keep) best.pop();
      }
    }
    return explained.sort((a, b) => a.order - b.order);
  }

  /**
   * One answer per question: an FAQ entry and its translation (`x-de` / `x-en`) share one place in the list, at the
   * better of their two scores, shown in the user's language when that version exists.
   */
  private preferUserLanguage(hits: SearchHit[], lang: Language): SearchHit[] {
    const out: SearchHit[] = [];
    const seenPairs = new Set<string>();
    for (const hit of hits) {
      if (hit.doc.type !== 'faq') {
        out.push(hit);
        continue;
      }
      const pair = hit.id.replace(/-(de|en)$/, '');
      if (seenPairs.has(pair)) continue;
      seenPairs.add(pair);
      if (hit.doc.lang === lang) {
        out.push(hit);
        continue;
      }
      const twin = hits.find((h) => h.id === `${pair}-${lang}`);
      const twinDoc = this.byId.get(`${pair}-${lang}`);
      if (twin) out.push({ ...twin, score: hit.score, coverage: Math.max(hit.coverage, twin.coverage) });
      else if (twinDoc) out.push({ ...hit, id: twinDoc.id, doc: twinDoc });
      else out.push(hit);
    }
    return out;
  }

  /**
   * MiniSearch's matches for the query terms in all documents, unfiltered. A turn searches the same text for FAQ
   * entries and then for providers, which mostly asks for the same terms: the last result is kept and reused then.
   */
  private matchingDocuments(terms: string[], typed: Set<string>, prefixTerms: Set<string>): MiniSearchResult[] {
    const key = [terms.join(' '), [...typed].join(' '), [...prefixTerms].join(' ')].join('\u0000');
    if (this.lastMatches?.key === key) return this.lastMatches.results;
    const results = this.miniSearch.search(
      { queries: terms, combineWith: 'OR' },
      {
        boost: { ...searchDefaults.boost },
        // Typo tolerance for what the user typed; synonyms and compound parts are spelt right.
        fuzzy: (term) => (typed.has(term) && term.length >= searchDefaults.fuzzyMinLength ? 0.2 : false),
        prefix: (term) => prefixTerms.has(term) && term.length >= searchDefaults.prefixMinLength,
        // At most two typos per word: longer words allow more by the 20 % rule, but a third edit mostly finds other
        // words, and the radix-tree walk grows fast with the distance.
        maxFuzzy: searchDefaults.maxFuzzy,
      },
    );
    this.lastMatches = { key, results };
    return results;
  }

  /** Ids of the documents that pass the filters of `options`; undefined when nothing is filtered. Cached per filter. */
  private allowedIds(options: SearchOptions): Set<string> | undefined {
    if (!options.type && !options.topic && !options.kind && !options.region) return undefined;
    const key = [options.type, options.topic, options.kind, options.region].join('|');
    let allowed = this.allowedCache.get(key);
    if (!allowed) {
      allowed = new Set([...this.byId.values()].filter((doc) => this.passesFilters(doc, options)).map((doc) => doc.id));
      // Filters come from a small fixed set (types, regions, kinds, topics); the bound only guards against misuse.
      if (this.allowedCache.size >= 256) this.allowedCache.clear();
      this.allowedCache.set(key, allowed);
    }
    return allowed;
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

  /** Coverage, why and matched topics of one candidate; undefined when no word naming a topic hit. */
  private explain(
    doc: KnowledgeDocument,
    words: QueryWord[],
    layout: QuerySlots,
    matched: [string, Field[]][],
    postingsByTerm: Map<string, Posting[]>,
    totalWeight: number,
  ): SearchHit | undefined {
    let explained = 0;
    const why: string[] = [];
    const fillersFound: string[] = [];
    const gaps: string[] = [];
    const contributing = new Set<string>();
    const matches = matchWords(words, layout, matched, postingsByTerm, searchDefaults.fieldWeight, searchDefaults.extraFieldCredit);
    for (const [index, word] of words.entries()) {
      const match = matches[index];
      const telling =
        word.role === 'topic' &&
        word.weight >= searchDefaults.gapWordWeight &&
        word.word.length >= searchDefaults.gapMinLength;
      if (telling && (match?.value ?? 0) < searchDefaults.gapExplained) gaps.push(word.word);
      if (!match) continue;
      explained += word.weight * match.value;
      if (word.role === 'filler') {
        fillersFound.push(word.word);
        continue;
      }
      why.push(match.alternative.kind === 'synonym' ? `${word.trigger} → ${match.alternative.synonym}` : word.word);
      for (const t of match.docTerms) contributing.add(t);
    }
    // Only request words ("suchen", "Hilfe") hit: nothing the user asks about matched. A query of nothing but request
    // words ("Hilfe") may still find what says them.
    if (why.length === 0) {
      if (words.some((w) => w.role !== 'filler') || fillersFound.length === 0) return undefined;
      why.push(...fillersFound);
    }

    const matchedTopics =
      doc.type === 'provider'
        ? doc.topics.filter((topic) => {
            const topicTerms = this.topicTerms.get(topic);
            return topicTerms !== undefined && [...contributing].some((t) => topicTerms.has(t));
          })
        : [];
    return {
      id: doc.id,
      type: doc.type,
      doc,
      score: 0,
      coverage: Math.min(1, explained / totalWeight),
      why: [...new Set(why)],
      matchedTopics,
      gaps,
    };
  }
}

/** The searchable text of a document per field, before analysis. */
function rawFields(doc: KnowledgeDocument, topics: Map<string, Topic>): Record<TextField | 'tagsEn', string> {
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

function faqFields(doc: FaqEntry): Record<TextField | 'tagsEn', string> {
  return {
    title: doc.title,
    questions: doc.questions.join('\n'),
    tags: doc.tags.join('\n'),
    tagsEn: '',
    body: doc.body,
    en: '',
  };
}
