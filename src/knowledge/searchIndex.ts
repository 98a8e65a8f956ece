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
 * prefix search, evaluated over flat postings by `termPostings.ts`); its BM25 score only breaks ties.
 */
import MiniSearch from 'minisearch';
import { analyse, CompoundSplitter, rememberWhileBuilding, contentWords, foldUmlauts, wordTerms } from './analyzer.js';
import { detectLanguage, languageNeutralWords, type DetectedLanguage } from './language.js';
import { lineMatch, matchWords, postings, querySlots, termCredits, termValues, type Line, type Posting, type QuerySlots } from './matching.js';
import { PhrasingClassifier } from './phrasingClassifier.js';
import { analyseQueryWords, queryTerms, withoutQuestionWords, type QueryWord } from './queryWords.js';
import type { FaqEntry, Knowledge, KnowledgeDocument, Language, ProviderProfile, Topic } from './schema.js';
import { SYNONYM_WEIGHT, SynonymTable } from './synonyms.js';
import { TermPostings, type PostingMatches } from './termPostings.js';
import { TopicNames } from './topicNames.js';

export type DocumentType = 'faq' | 'provider';

/**
 * Indexed fields. `parts` holds the compound parts of every other field's words ("Beratung" of
 * "Digitalisierungsberatung"): found, but weaker evidence than the word itself.
 */
const FIELDS = ['title', 'questions', 'tags', 'body', 'en', 'needs', 'parts'] as const;
type Field = (typeof FIELDS)[number];
type TextField = Exclude<Field, 'parts'>;

/** Tunable numbers of the index in one place (tuned with `npm run eval` on the dev split). */
export const searchDefaults = {
  /** MiniSearch field boosts; they shape the BM25 tie-breaker only. */
  boost: { title: 3, questions: 2.5, tags: 1.5, body: 1, en: 1, needs: 1, parts: 0.5 } satisfies Record<Field, number>,
  /** How much a word found in a field counts: a word in a title or question means more than one in the body. */
  fieldWeight: { title: 1, questions: 1, tags: 0.9, body: 0.7, en: 0.7, needs: 0.7, parts: 0.7 } satisfies Record<Field, number>,
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
  /** Weight of an unknown word that by its form is no noun (a verb, adjective or adverb; see queryWords.ts). */
  unknownNonNounWordWeight: 0.5,
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
  /**
   * Weight from which a topic word left unexplained counts as a gap of a hit (see `SearchHit.gaps`); a word the folder
   * lacks counts whatever it weighs.
   */
  gapWordWeight: 0.8,
  /** A word explained less than this (0…1) is left open. */
  gapExplained: 0.5,
  /** Shorter words are not gaps: unknown short words are mostly typos of small words ("vile") or verb forms ("saß"). */
  gapMinLength: 6,
  /**
   * Weight of the phrasing classifier's probability (`phrasingClassifier.ts`) added to an FAQ entry's score: it
   * reorders entries the words explain alike; coverage, and so whether a reply is confident, stays lexical.
   */
  classifierShare: 0.3,
  /** FAQ entries (the best by their words) among which the classifier chooses. */
  classifierCandidates: 10,
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
  /**
   * The phrasing classifier's probability that the query asks for this FAQ entry rather than the other best
   * candidates; undefined when it has no opinion (providers, before it is trained, fewer than two FAQ candidates).
   * `vote` is its part of `score`.
   */
  phrasing?: number;
  vote: number;
  /**
   * The query words that hit, as typed, the most telling first (by their share of the coverage); synonyms as
   * "KI → künstliche Intelligenz".
   */
  why: string[];
  /** The provider's topics that the query names (ids; see `SearchResult.topics`). */
  matchedTopics: string[];
  /**
   * Telling words of the query (weight ≥ `gapWordWeight`: rare in the folder or absent from it) that this document
   * explains less than half, as typed. "Wer ist Landrat im Hochsauerlandkreis?" leaves "landrat" open in the
   * shareholder entry: the entry shares a name with the question but not what it asks about.
   */
  gaps: string[];
  /**
   * When the document matched nothing but names, the words of the query it left open, as typed; else empty. "Names"
   * are the words the German and English FAQ phrasings share (`languageNeutralWords`): mostly people, places and
   * organisations, but also a few loanwords ("digital", "online"). "Wie alt ist Thomas Westphal?" finds the quote by
   * Thomas Westphal through his name alone: the entry knows who, not what is asked ("alt").
   */
  onlyNames: string[];
}

export interface SearchResult {
  query: string;
  lang: Language;
  /** Ids of the directory topics the query names ("Hackerangriff": it-sicherheit), see `TopicNames`. */
  topics: string[];
  hits: SearchHit[];
}

type Scope = DocumentType | 'all';

export interface IndexOptions {
  /**
   * When the phrasing classifier is trained: `now` (default) in the constructor, or `later` by `trainClassifier()`.
   * A server takes `later` to answer requests at once; until trained, searches rank by their words alone.
   */
  classifier?: 'now' | 'later';
}

/** A search candidate before it is explained: its score before the line match (`base`), BM25 tie-breaker, score. */
interface Scored {
  /** The document's MiniSearch short id. */
  shortId: number;
  /** Coverage, lowered for an FAQ entry in the other language. */
  base: number;
  tie: number;
  /** The phrasing classifier's probability for the entry and its share of the score (see `addClassifierVote`). */
  phrasing?: number;
  vote: number;
  /** The final score, once the line match is known. */
  score: number;
}

/**
 * A search-ready view of the knowledge folder. Build once at start-up; searching changes nothing but small caches
 * (filter id sets, the last query's MiniSearch matches) that never change a result.
 */
export class KnowledgeIndex {
  readonly knowledge: Knowledge;
  private readonly miniSearch: MiniSearch<KnowledgeDocument>;
  /** MiniSearch's postings in flat arrays, to search without an object per matched document. */
  private readonly postings: TermPostings<Field>;
  /** Documents by MiniSearch's short id (the numbers `PostingMatches` uses). */
  private readonly byShortId: KnowledgeDocument[];
  /** By short id: an FAQ entry's language, undefined for a provider (read for every candidate of a search). */
  private readonly faqLanguage: (Language | undefined)[];
  /** Scratch for `search`: per index term number, its credit for the current query (all 0 between searches). */
  private readonly lineValues: Float64Array;
  /**
   * Per field mask (see `MatchedTermLists.fields`): the weight of a term found in those fields (its best field's
   * weight) and its extra credit for the further fields, as `matchWords` computes them.
   */
  private readonly fieldMaskWeight = new Float64Array(1 << FIELDS.length);
  private readonly fieldMaskExtra = new Float64Array(1 << FIELDS.length);
  private readonly splitter = new CompoundSplitter();
  private readonly synonyms: SynonymTable;
  private readonly byId = new Map<string, KnowledgeDocument>();
  /** In how many documents of a type (or of all types) each index term occurs as a word (compound parts not counted). */
  private readonly documentFrequency: Record<Scope, Map<string, number>> = { all: new Map(), faq: new Map(), provider: new Map() };
  private readonly scopeSize: Record<Scope, number>;
  /** Title and question (offer) lines per document, by short id. */
  private readonly lines: Line[][];
  private readonly topicById: Map<string, Topic>;
  /** Which topics a query names (from the `terms` in topics.yml). */
  private readonly topicNames: TopicNames;
  /** Per combination of filters: which documents (by short id) pass them (see `allowedDocuments`). */
  private readonly allowedCache = new Map<string, Uint8Array>();
  /** Names and other words both languages use: left out when the language of a text is decided. */
  private readonly neutralWords: Set<string>;
  /** Which FAQ entry a question resembles, learned from the entries' phrasings; undefined until trained. */
  private classifier?: PhrasingClassifier;
  private training?: Promise<void>;
  /** By short id: the id of the FAQ entry's pair in each language ("kontakt" → kontakt-de / kontakt-en). */
  private readonly faqPair: (string | undefined)[];
  /** The FAQ ids of each language (the classifier's candidates when a search finds a single entry). */
  private readonly faqIds: Record<Language, string[]>;
  /** The last query's MiniSearch matches (see `matchingDocuments`); only read, never changed. */
  private lastMatches?: { key: string; matches: PostingMatches<Field> };

  constructor(knowledge: Knowledge, options: IndexOptions = {}) {
    // Stems and content words are remembered while building: the folder repeats its words (see `rememberWhileBuilding`).
    const forgetAnalysis = rememberWhileBuilding();
    try {
      this.knowledge = knowledge;
      this.neutralWords = languageNeutralWords(knowledge.faqs);
      this.synonyms = new SynonymTable(knowledge.synonyms);
      this.topicById = new Map(knowledge.topics.map((t) => [t.id, t]));
      const docs: KnowledgeDocument[] = [...knowledge.faqs, ...knowledge.providers];
      for (const doc of docs) {
        this.byId.set(doc.id, doc);
        for (const text of Object.values(rawFields(doc, this.topicById))) this.splitter.learn(text);
      }
      for (const group of knowledge.synonyms) for (const term of group) this.splitter.learn(term);
      this.topicNames = new TopicNames(knowledge.topics);

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
      this.postings = new TermPostings(this.miniSearch as MiniSearch<unknown>, FIELDS);
      for (let mask = 1; mask < 1 << FIELDS.length; mask++) {
        const fields = FIELDS.filter((_, f) => (mask & (1 << f)) !== 0);
        let weight = 0;
        for (const f of fields) weight = Math.max(weight, searchDefaults.fieldWeight[f]);
        this.fieldMaskWeight[mask] = weight;
        this.fieldMaskExtra[mask] = searchDefaults.extraFieldCredit * (fields.length - 1);
      }
      this.byShortId = Array.from({ length: this.postings.documentCount }, (_, shortId) => {
        return this.byId.get(this.postings.documentId(shortId))!;
      });
      this.faqLanguage = this.byShortId.map((doc) => (doc.type === 'faq' ? doc.lang : undefined));
      this.faqIds = {
        de: knowledge.faqs.filter((faq) => faq.lang === 'de').map((faq) => faq.id),
        en: knowledge.faqs.filter((faq) => faq.lang === 'en').map((faq) => faq.id),
      };
      this.faqPair = this.byShortId.map((doc) => (doc.type === 'faq' ? doc.id.replace(/-(de|en)$/, '') : undefined));
      if (options.classifier !== 'later') this.classifier = PhrasingClassifier.train(knowledge.faqs);
      for (const [id, fields] of analysed) {
        // Rarity counts where a term occurs as a word: a part of many compounds is not a common word because of
        // them (compound parts are found, but they do not make the part an everyday word). A term found only inside
        // compounds ("führen" of "Geschäftsführer") thus weighs like a word the folder lacks; counting its compounds
        // instead measured worse on the out-of-scope probes.
        const wordFields = FIELDS.filter((field) => field !== 'parts').map((field) => fields[field]);
        const terms = new Set(wordFields.flatMap((text) => text.split(' ').filter(Boolean)));
        for (const counts of [this.documentFrequency.all, this.documentFrequency[this.byId.get(id)!.type]]) {
          for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        }
      }
      this.scopeSize = { all: docs.length, faq: knowledge.faqs.length, provider: knowledge.providers.length };
      this.lines = this.byShortId.map((doc) => this.prepareLines(doc));
      this.lineValues = new Float64Array(this.postings.termCount);
    } finally {
      forgetAnalysis();
    }
  }

  /** Whether searches use the phrasing classifier yet (see `IndexOptions.classifier`). */
  get classifierReady(): boolean {
    return this.classifier !== undefined;
  }

  /**
   * Trains the phrasing classifier in slices between other work, if it is not trained yet; resolves when it is. Until
   * then searches rank by their words alone.
   */
  trainClassifier(): Promise<void> {
    this.training ??= this.classifier
      ? Promise.resolve()
      : PhrasingClassifier.trainInSlices(this.knowledge.faqs).then((classifier) => {
          this.classifier = classifier;
        });
    return this.training;
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
    for (const field of ['title', 'questions', 'tags', 'body', 'en', 'needs'] as const) {
      const lang: Language = doc.type === 'faq' ? doc.lang : field === 'en' ? 'en' : 'de';
      add(field, raw[field], lang);
    }
    // Provider topic labels and kind exist in both languages, and so do needs.
    if (doc.type === 'provider') add('tags', raw.tagsEn, 'en');
    if (doc.type === 'provider') add('needs', raw.needsEn, 'en');
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
        // A term no document contains is never matched: only the index terms count.
        const indexed = (list: string[]) => list.map((t) => this.postings.numberOf(t)).filter((t) => t >= 0);
        return { terms: indexed(terms), partTerms: indexed(partTerms), weight: this.rarity(terms, doc.type) };
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

  private analyseQuery(query: string, scope: Scope, lang?: Language, region?: ProviderProfile['region']): QueryWord[] {
    return analyseQueryWords(query, {
      lang,
      splitter: this.splitter,
      synonyms: this.synonyms,
      topicWeight: (terms) => this.topicWeight(terms, scope),
      unknownWeight: searchDefaults.unknownWordWeight,
      unknownNonNounWeight: searchDefaults.unknownNonNounWordWeight,
      transpositionCredit: searchDefaults.transpositionCredit,
      providers: scope === 'provider',
      placesWeighLittle: scope === 'provider' && region === 'dortmund',
      questionWeight: searchDefaults.questionWordWeight,
      fillerWeight: searchDefaults.fillerWordWeight,
      compoundCredit: searchDefaults.compoundCredit,
      synonymCredit: searchDefaults.synonymCredit,
    });
  }

  /** The language of `text`, with the names and other words both languages of this folder use left out. */
  detectLanguage(text: string, fallback: Language = 'de'): DetectedLanguage {
    return detectLanguage(text, fallback, this.neutralWords);
  }

  /**
   * Searches the knowledge folder.
   *
   * @example
   * index.search('Wer ist Geschäftsführer der Südwestfalen Agentur?', { type: 'faq', limit: 3 })
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const lang = options.lang ?? this.detectLanguage(query).lang;
    const limit = options.limit ?? searchDefaults.limit;
    const scope: Scope = options.type ?? (options.topic || options.kind || options.region ? 'provider' : 'all');
    const words = this.analyseQuery(query, scope, lang, options.region);
    const { terms, typed } = queryTerms(words);
    const topics = this.topicNames.named(words, this.neutralWords);
    if (terms.length === 0) return { query, lang, topics, hits: [] };

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
    const allowed = this.allowedDocuments(options);
    const matches = this.matchingDocuments(terms, typed, prefixTerms);
    // Scores do not depend on which other documents match, so filtering the shared result equals filtering in MiniSearch.
    const raw = allowed ? matches.docs.filter((doc) => allowed[doc] === 1) : matches.docs;
    if (raw.length === 0) return { query, lang, topics, hits: [] };

    // The index terms that the documents searched matched (by their numbers in `matches.terms`).
    const termMatched = new Uint8Array(matches.terms.length);
    const { first, next, term: entryTerm } = matches.termLists;
    for (const doc of raw) for (let e = first[doc]!; e !== -1; e = next[e]!) termMatched[entryTerm[e]!] = 1;
    const docTerms = matches.terms.filter((_, term) => termMatched[term] === 1);
    const credits = termCredits(docTerms, terms, typed, searchDefaults);
    const layout = querySlots(words);
    const postingsByTerm = postings(credits, words, layout);
    const totalWeight = words.reduce((sum, w) => sum + w.weight, 0) || 1;
    const acronyms = typedAcronyms(query);
    const scored = this.coverages(matches, raw, words, layout, postingsByTerm, totalWeight, lang);
    this.addClassifierVote(query, lang, scored);
    // The line match moves a score by at most `lineShare`, so a document can only reach the `keep` best if its score
    // without the line match (`base + tie`) reaches the `keep`-th best score with the worst line match
    // (`base · floor + tie`). Only those get a line match.
    const keep = 2 * limit;
    const floor = 1 - searchDefaults.lineShare;
    const bar = kthLargest(scored.map(({ base, tie, vote }) => base * floor + tie + vote), keep);
    // In MiniSearch's order, so that equal scores keep it.
    const ranked = scored
      .filter(({ base, tie, vote }) => base + tie + vote >= bar)
      .sort((a, b) => matches.compare(a.shortId, b.shortId));
    // Per index term number: its best credit for a query word (0 where it matched none). The array is kept by the
    // index and cleared after use: a fresh one per search, as large as the vocabulary, cost more than the line match.
    const values = this.lineValues;
    const valued: number[] = [];
    try {
      for (const [term, value] of termValues(credits, words)) {
        const number = this.postings.numberOf(term);
        values[number] = value;
        valued.push(number);
      }
      for (const candidate of ranked) {
        const line = lineMatch(this.lines[candidate.shortId]!, values, searchDefaults.linePartFactor);
        candidate.score = candidate.base * (floor + searchDefaults.lineShare * line) + candidate.tie + candidate.vote;
      }
    } finally {
      for (const number of valued) values[number] = 0;
    }
    ranked.sort((a, b) => b.score - a.score);
    // Why, gaps and topics only for the hits shown (and twins they borrow from).
    const explained = new Map<number, SearchHit>();
    const hitOf = (candidate: Scored): SearchHit => {
      let hit = explained.get(candidate.shortId);
      if (!hit) {
        const matched = matches.matched(candidate.shortId);
        // `coverages` kept only documents that `explain` returns a hit for.
        hit = this.explain(
          this.byShortId[candidate.shortId]!,
          words,
          layout,
          matched,
          postingsByTerm,
          totalWeight,
          acronyms,
          topics,
        )!;
        hit.score = candidate.score;
        hit.vote = candidate.vote;
        hit.phrasing = candidate.phrasing;
        explained.set(candidate.shortId, hit);
      }
      return hit;
    };
    return { query, lang, topics, hits: this.preferUserLanguage(ranked, hitOf, lang, limit) };
  }

  /**
   * Coverage, score without the line match (`base`) and BM25 tie-breaker of every candidate that `explain` would
   * return a hit for, without building hits: per document, the best credit of each (word, alternative, part) slot
   * over its matched terms, then per word its best alternative, exactly as `matchWords` and `explain` compute them
   * (the same operations in the same order, so the same numbers). Most documents in a large folder match only a
   * common word of the query; this is the part of a search that grows with the folder, so it works on flat arrays.
   */
  private coverages(
    matches: PostingMatches<Field>,
    raw: readonly number[],
    words: QueryWord[],
    layout: QuerySlots,
    postingsByTerm: Map<string, Posting[]>,
    totalWeight: number,
    lang: Language,
  ): Scored[] {
    const slots = flatPostings(matches.terms, postingsByTerm);
    const alternatives = flatAlternatives(words, layout);
    const order = matches.keyOrder;
    // Per slot, the document's best term so far: its credit (times its best field's weight), the extra credit for its
    // further fields, and its place in `order` (of equally good terms `matchWords` keeps the first it sees).
    const best = new Float64Array(layout.count);
    const bestExtra = new Float64Array(layout.count);
    const bestOrder = new Int32Array(layout.count);
    // Most documents match only a word or two of the query: only the words a document touched are evaluated, and only
    // their slots are cleared again (`touched[w]` holds the last document position + 1 that touched word w).
    const touched = new Int32Array(words.length);
    const onlyFillers = words.every((word) => word.role === 'filler');
    let topBm25 = 0;
    for (const shortId of raw) topBm25 = Math.max(topBm25, matches.scores[shortId]!);
    const { first, next, term: entryTerm, fields: entryFields } = matches.termLists;
    const scored: Scored[] = [];
    for (let at = 0; at < raw.length; at++) {
      const shortId = raw[at]!;
      for (let e = first[shortId]!; e !== -1; e = next[e]!) {
        const term = entryTerm[e]!;
        const weight = this.fieldMaskWeight[entryFields[e]!]!;
        const extra = this.fieldMaskExtra[entryFields[e]!]!;
        for (let p = slots.start[term]!; p < slots.start[term + 1]!; p++) {
          const slot = slots.slot[p]!;
          const v = slots.value[p]! * weight;
          if (v > best[slot]! || (v === best[slot]! && order[term]! < bestOrder[slot]!)) {
            best[slot] = v;
            bestExtra[slot] = extra;
            bestOrder[slot] = order[term]!;
          }
          touched[alternatives.slotWord[slot]!] = at + 1;
        }
      }
      let explained = 0;
      let topicFound = false;
      let fillerFound = false;
      for (let w = 0; w < words.length; w++) {
        if (touched[w] !== at + 1) continue;
        let wordValue = 0;
        for (let a = alternatives.start[w]!; a < alternatives.start[w + 1]!; a++) {
          let sum = 0;
          for (let slot = alternatives.firstSlot[a]!; slot < alternatives.firstSlot[a + 1]!; slot++) {
            if (best[slot] !== 0) sum += Math.min(1, best[slot]! + bestExtra[slot]!);
          }
          const value = (alternatives.credit[a]! * sum) / alternatives.divisor[a]!;
          if (value > wordValue) wordValue = value;
        }
        best.fill(0, alternatives.firstSlot[alternatives.start[w]!], alternatives.firstSlot[alternatives.start[w + 1]!]);
        if (wordValue === 0) continue;
        explained += words[w]!.weight * wordValue;
        if (words[w]!.role === 'filler') fillerFound = true;
        else topicFound = true;
      }
      // As in `explain`: a document where only request words ("suchen", "Hilfe") hit is no hit, unless the query has
      // nothing but request words.
      if (!topicFound && !(onlyFillers && fillerFound)) continue;
      const faqLanguage = this.faqLanguage[shortId];
      const languageFactor = faqLanguage !== undefined && faqLanguage !== lang ? searchDefaults.otherLanguageFactor : 1;
      const tie = searchDefaults.tieBreak * (matches.scores[shortId]! / topBm25);
      scored.push({ shortId, base: Math.min(1, explained / totalWeight) * languageFactor, tie, vote: 0, score: 0 });
    }
    return scored;
  }

  /**
   * Adds the phrasing classifier's vote to the best FAQ candidates (`classifierCandidates` of them, by their words):
   * its probability, in the user's language, that the query asks for the entry's pair rather than one of the others,
   * times `classifierShare`.
   */
  private addClassifierVote(query: string, lang: Language, scored: Scored[]): void {
    if (!this.classifier) return;
    const faqCandidates = scored
      .filter((c) => this.faqPair[c.shortId] !== undefined)
      .sort((a, b) => b.base + b.tie - (a.base + a.tie));
    const ids = [...new Set(faqCandidates.map((c) => `${this.faqPair[c.shortId]}-${lang}`))].slice(
      0,
      searchDefaults.classifierCandidates,
    );
    // Few candidates make any of them look likely (one of three gets a third by chance): with fewer than
    // `classifierCandidates`, the classifier weighs them against every entry of the language, so that "Wie spät ist
    // es?" (one word in common with a few entries' answers) is still asked "does it resemble their phrasings?".
    const candidates = ids.length >= searchDefaults.classifierCandidates ? ids : this.faqIds[lang];
    const probabilities = this.classifier.probabilities(query, lang, candidates);
    if (probabilities.size === 0) return;
    for (const candidate of faqCandidates) {
      candidate.phrasing = probabilities.get(`${this.faqPair[candidate.shortId]}-${lang}`) ?? 0;
      candidate.vote = searchDefaults.classifierShare * candidate.phrasing;
    }
  }

  /**
   * One answer per question: an FAQ entry and its translation (`x-de` / `x-en`) share one place in the list, at the
   * better of their two scores, shown in the user's language when that version exists. `ranked` is best first;
   * `hitOf` explains a candidate.
   */
  private preferUserLanguage(
    ranked: Scored[],
    hitOf: (candidate: Scored) => SearchHit,
    lang: Language,
    limit: number,
  ): SearchHit[] {
    const out: SearchHit[] = [];
    const seenPairs = new Set<string>();
    for (const candidate of ranked) {
      if (out.length >= limit) break;
      const doc = this.byShortId[candidate.shortId]!;
      if (doc.type !== 'faq') {
        out.push(hitOf(candidate));
        continue;
      }
      const pair = doc.id.replace(/-(de|en)$/, '');
      if (seenPairs.has(pair)) continue;
      seenPairs.add(pair);
      if (doc.lang === lang) {
        out.push(hitOf(candidate));
        continue;
      }
      const twin = ranked.find((c) => this.byShortId[c.shortId]!.id === `${pair}-${lang}`);
      const twinDoc = this.byId.get(`${pair}-${lang}`);
      const hit = hitOf(candidate);
      if (twin) {
        const twinHit = hitOf(twin);
        out.push({ ...twinHit, score: hit.score, coverage: Math.max(hit.coverage, twinHit.coverage) });
      } else if (twinDoc) out.push({ ...hit, id: twinDoc.id, doc: twinDoc });
      else out.push(hit);
    }
    return out;
  }

  /**
   * MiniSearch's matches for the query terms in all documents, unfiltered. A turn searches the same text for FAQ
   * entries and then for providers, which mostly asks for the same terms: the last result is kept and reused then.
   */
  private matchingDocuments(terms: string[], typed: Set<string>, prefixTerms: Set<string>): PostingMatches<Field> {
    const key = [terms.join(' '), [...typed].join(' '), [...prefixTerms].join(' ')].join('\u0000');
    if (this.lastMatches?.key === key) return this.lastMatches.matches;
    // What `this.miniSearch.search({ queries: terms, combineWith: 'OR' }, options)` returns, without its per-document
    // objects (see termPostings.ts).
    const matches = this.postings.search(terms, {
      boost: { ...searchDefaults.boost },
      // Typo tolerance for what the user typed; synonyms and compound parts are spelt right.
      fuzzy: (term) => (typed.has(term) && term.length >= searchDefaults.fuzzyMinLength ? 0.2 : false),
      prefix: (term) => prefixTerms.has(term) && term.length >= searchDefaults.prefixMinLength,
      // At most two typos per word: longer words allow more by the 20 % rule, but a third edit mostly finds other
      // words, and the radix-tree walk grows fast with the distance.
      maxFuzzy: searchDefaults.maxFuzzy,
    });
    this.lastMatches = { key, matches };
    return matches;
  }

  /**
   * Which documents (by short id: 1 = passes) pass the filters of `options`; undefined when nothing is filtered.
   * Cached per filter.
   */
  private allowedDocuments(options: SearchOptions): Uint8Array | undefined {
    if (!options.type && !options.topic && !options.kind && !options.region) return undefined;
    const key = [options.type, options.topic, options.kind, options.region].join('|');
    let allowed = this.allowedCache.get(key);
    if (!allowed) {
      allowed = Uint8Array.from(this.byShortId, (doc) => (this.passesFilters(doc, options) ? 1 : 0));
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
    matched: [string, readonly Field[]][],
    postingsByTerm: Map<string, Posting[]>,
    totalWeight: number,
    acronyms: ReadonlySet<string>,
    namedTopics: readonly string[],
  ): SearchHit | undefined {
    let explained = 0;
    const why: { reason: string; weight: number }[] = [];
    const fillersFound: string[] = [];
    const gaps: string[] = [];
    let matchedBeyondNames = false;
    const openWords: string[] = [];
    const matches = matchWords(words, layout, matched, postingsByTerm, searchDefaults.fieldWeight, searchDefaults.extraFieldCredit);
    for (const [index, word] of words.entries()) {
      const match = matches[index];
      // An unknown word typed in capitals ("BVB", "NRW") is a name the folder lacks, not a typo, however short.
      const telling =
        word.role === 'topic' &&
        (((word.weight >= searchDefaults.gapWordWeight || word.unknown === true) &&
          word.word.length >= searchDefaults.gapMinLength) ||
          (word.unknown === true && acronyms.has(word.word)));
      if (telling && (match?.value ?? 0) < searchDefaults.gapExplained) gaps.push(word.word);
      if (word.role === 'topic' && (match?.value ?? 0) < searchDefaults.gapExplained) openWords.push(word.word);
      if (word.role === 'topic' && match && !this.neutralWords.has(word.word)) matchedBeyondNames = true;
      if (!match) continue;
      explained += word.weight * match.value;
      if (word.role === 'filler') {
        fillersFound.push(word.word);
        continue;
      }
      const reason = match.alternative.kind === 'synonym' ? `${word.trigger} → ${match.alternative.synonym}` : word.word;
      why.push({ reason, weight: word.weight * match.value });
    }
    // Only request words ("suchen", "Hilfe") hit: nothing the user asks about matched. A query of nothing but request
    // words ("Hilfe") may still find what says them.
    if (why.length === 0) {
      if (words.some((w) => w.role !== 'filler') || fillersFound.length === 0) return undefined;
      why.push(...fillersFound.map((reason) => ({ reason, weight: 0 })));
    }

    const matchedTopics = doc.type === 'provider' ? doc.topics.filter((topic) => namedTopics.includes(topic)) : [];
    return {
      id: doc.id,
      type: doc.type,
      doc,
      score: 0,
      vote: 0,
      coverage: Math.min(1, explained / totalWeight),
      // The most telling words first: a card shows only the first few ("paletten", "kartons" before "leute", "tag").
      why: [...new Set(why.sort((a, b) => b.weight - a.weight).map((entry) => entry.reason))],
      matchedTopics,
      gaps,
      onlyNames: !matchedBeyondNames && openWords.length > 0 ? openWords : [],
    };
  }
}

/** The words typed in capitals only (two to five letters: "BVB", "NRW", "ÖPNV"), lower-cased. */
function typedAcronyms(query: string): Set<string> {
  // Letters around count as word characters too (JavaScript's \b only knows ASCII: "ÖPNV" would not match).
  return new Set((query.match(/(?<![\p{L}\p{N}])\p{Lu}{2,5}(?![\p{L}\p{N}])/gu) ?? []).map((word) => word.toLowerCase()));
}

/** The searchable text of a document per field, before analysis. */
function rawFields(doc: KnowledgeDocument, topics: Map<string, Topic>): Record<TextField | 'tagsEn' | 'needsEn', string> {
  if (doc.type === 'faq') return faqFields(doc);
  const labels = doc.topics.map((id) => topics.get(id));
  const fields = {
    title: doc.name,
    questions: doc.offers.join('\n'),
    tags: [...labels.map((t) => t?.de ?? ''), doc.kind, doc.city, doc.region].join('\n'),
    tagsEn: labels.map((t) => t?.en ?? '').join('\n'),
    body: doc.body,
    en: doc.summary_en ?? '',
    needs: doc.needs?.de.join('\n') ?? '',
    needsEn: doc.needs?.en.join('\n') ?? '',
  };
  // A profile answers no question: its "wo" ("… an der Stadtkrone Ost, wo …") or a need phrasing's "wer" ("Wer berät
  // uns bei …?") is grammar, and must not match the question word of every message.
  return Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, withoutQuestionWords(text)])) as typeof fields;
}

function faqFields(doc: FaqEntry): Record<TextField | 'tagsEn' | 'needsEn', string> {
  return {
    title: doc.title,
    questions: doc.questions.join('\n'),
    tags: doc.tags.join('\n'),
    tagsEn: '',
    body: doc.body,
    en: '',
    needs: '',
    needsEn: '',
  };
}

/**
 * The postings of the matched terms (by their numbers in `terms`) in flat arrays: term t fills the slots `slot[p]`
 * with the credits `value[p]` for `start[t] ≤ p < start[t + 1]`.
 */
function flatPostings(terms: readonly string[], postingsByTerm: Map<string, Posting[]>) {
  const lists = terms.map((term) => postingsByTerm.get(term) ?? []);
  const start = new Int32Array(terms.length + 1);
  lists.forEach((list, t) => (start[t + 1] = start[t]! + list.length));
  const slot = new Int32Array(start[terms.length]!);
  const value = new Float64Array(start[terms.length]!);
  let p = 0;
  for (const list of lists) {
    for (const posting of list) {
      slot[p] = posting.slot;
      value[p++] = posting.value;
    }
  }
  return { start, slot, value };
}

/**
 * The alternatives of the query's words in flat arrays: word w has the alternatives `start[w]` … `start[w + 1] − 1`;
 * alternative a has the slots `firstSlot[a]` … `firstSlot[a + 1] − 1` (`querySlots` numbers them in this order), its
 * credit, and the divisor `matchWords` divides by. `slotWord` gives the word of each slot.
 */
function flatAlternatives(words: QueryWord[], layout: QuerySlots) {
  const count = words.reduce((sum, word) => sum + word.alternatives.length, 0);
  const start = new Int32Array(words.length + 1);
  const firstSlot = new Int32Array(count + 1);
  const credit = new Float64Array(count);
  const divisor = new Float64Array(count);
  const slotWord = new Int32Array(layout.count);
  let a = 0;
  let slot = 0;
  words.forEach((word, w) => {
    for (const alternative of word.alternatives) {
      firstSlot[a] = slot;
      slotWord.fill(w, slot, slot + alternative.parts.length);
      slot += alternative.parts.length;
      credit[a] = alternative.credit;
      divisor[a] = alternative.parts.length + 0.5 * (alternative.unknownParts ?? 0);
      a++;
    }
    start[w + 1] = a;
  });
  if (slot !== layout.count) throw new Error('flatAlternatives: slots not numbered as querySlots numbers them');
  firstSlot[count] = slot;
  return { start, firstSlot, credit, divisor, slotWord };
}

/** The `k`-th largest of `values` (the smallest when there are fewer), 0 for none. */
function kthLargest(values: number[], k: number): number {
  /** The `k` largest so far, largest first. */
  const top: number[] = [];
  for (const value of values) {
    if (top.length >= k && value <= top[k - 1]!) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]! < value) i--;
    top.splice(i, 0, value);
    if (top.length > k) top.pop();
  }
  return top[Math.min(k, top.length) - 1] ?? 0;
}
