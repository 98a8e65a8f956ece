/**
 * The search-ready view of the knowledge folder: a MiniSearch index of its documents (`postingIndex.ts`) and the one
 * `search` that the core, the HTTP API and the evaluation use. Documents are analysed when they are indexed, each
 * field in its own language (`indexedFields.ts`); a query is analysed in both languages, split into compound parts
 * and widened by synonyms (`queryWords.ts`).
 *
 * Scoring works per query word, not per index term (`matching.ts`): each word of the query can be found in a
 * document in several ways, and only the best way counts, scaled by where it was found (title > body) and by what the
 * word means (rare words more than common ones, request words like "suchen" hardly at all). A document's `coverage`
 * is the weighted share of the query it explains; its `score` also rewards documents whose title or one of whose
 * questions the query matches closely, and FAQ entries whose phrasings the question resembles (`phrasingClassifier.ts`).
 * A hit's coverage, rank and explanation (`why`, `gaps`; `explanation.ts`) come from one computation per document,
 * `QueryMatcher.match`. MiniSearch finds the candidates and the index terms they matched (with its fuzzy and prefix
 * search); its BM25 score only breaks ties.
 *
 * Building an index is a pure function of a `Knowledge` value: a second index can be built while the first serves.
 */
import { CompoundSplitter, contentWords, rememberWhileBuilding, wordTerms } from './analyzer.js';
import { foldUmlauts } from './umlauts.js';
import { explain } from './explanation.js';
import { analysedFields, FIELDS, rawFields, type Field } from './indexedFields.js';
import { detectLanguage, languageNeutralWords, properNames, type DetectedLanguage } from './language.js';
import { fieldMaskCredits, LineTable, QueryMatcher, termCredits, forEachTermValue, type FieldMaskCredits, type Line, type LineRange, type LineTableData } from './matching.js';
import { PhrasingClassifier } from './phrasingClassifier.js';
import { PostingIndex, type PostingIndexData, type PostingMatches } from './postingIndex.js';
import { analyseQueryWords, queryTerms, readQuery, WordReadings, type QueryReading, type QueryWord } from './queryWords.js';
import type { Knowledge, KnowledgeDocument, Language, ProviderProfile, Topic } from './schema.js';
import { searchDefaults } from './searchDefaults.js';
import type { DocumentType, SearchHit, SearchOptions, SearchResult } from './searchResult.js';
import { SynonymTable } from './synonyms.js';
import { TopicNames } from './topicNames.js';

type Scope = DocumentType | 'all';

export interface IndexOptions {
  /**
   * Synonym groups of a general thesaurus, searched besides the folder's `synonyms.yml` with `weight` (0…1) times a
   * curated synonym's credit. None by default (why: docs/quality.md, appendix; `scripts/eval/languageResources.ts`).
   *
   * @example
   * new KnowledgeIndex(knowledge, { thesaurus: { groups: [['rechner', 'computer']], weight: 0.5 } })
   */
  thesaurus?: { groups: string[][]; weight: number };
  /**
   * Folded German words (a word list) that compounds may be split into, besides the folder's own words. None by default
   * (docs/quality.md, appendix).
   */
  compoundWords?: Iterable<string>;
  /**
   * When the phrasing classifier is trained: `now` (default) in the constructor, or `later` by `trainClassifier()`.
   * A server takes `later` to answer requests at once; until trained, searches rank by their words alone.
   */
  classifier?: 'now' | 'later';
}

/**
 * What building an index derives from its folder at most cost, as data (see `KnowledgeIndex.parts`): what the index
 * snapshot (`indexSnapshot.ts`) keeps, so that the next start with the same folder restores the index.
 */
export interface IndexParts {
  /** MiniSearch, its flat postings and their fuzzy vocabulary. */
  postings: PostingIndexData;
  /** Title and question lines per document. */
  lines: LineTableData;
  /** The words compounds are split into (`CompoundSplitter.knownWords`). */
  splitterWords: string[];
  /** Per scope and index term number (`postings.terms`): in how many documents the term occurs as a word. */
  documentFrequency: Record<Scope, Int32Array>;
  /** Names and other words both languages use (`languageNeutralWords`), and the folder's proper names. */
  neutralWords: string[];
  names: string[];
}

/** MiniSearch's options for the index: fields are analysed before (`analysed`, by document id), terms taken as they are. */
function postingIndexOptions(analysed: ReadonlyMap<string, Record<Field, string>>) {
  return {
    fields: [...FIELDS],
    idField: 'id',
    // Fields are analysed per document language; the tokenizer then only splits the prepared terms.
    extractField: (doc: KnowledgeDocument, field: string) => (field === 'id' ? doc.id : analysed.get(doc.id)?.[field as Field]),
    tokenize: (text: string) => text.split(' ').filter(Boolean),
    processTerm: (term: string) => term,
  };
}

/** A search candidate before it is explained. */
interface Scored {
  /** The document's MiniSearch short id. */
  shortId: number;
  /** The share of the query the document explains (`QueryMatcher.match`). */
  coverage: number;
  /** Coverage, lowered for an FAQ entry in the other language: the score before the line match. */
  base: number;
  /** MiniSearch's BM25 score, normalised, times `tieBreak`. */
  tie: number;
  /** The phrasing classifier's probability for the entry and its share of the score (see `addClassifierVote`). */
  phrasing?: number;
  vote: number;
  /** The final score, once the line match is known. */
  score: number;
}

/**
 * A search-ready view of the knowledge folder. Build once per folder; searching changes nothing but small caches
 * (filter id sets, the last query's MiniSearch matches) that never change a result.
 */
export class KnowledgeIndex {
  readonly knowledge: Knowledge;
  /** MiniSearch over the analysed fields, with its flat-posting search. */
  private readonly miniSearch: PostingIndex<KnowledgeDocument, Field>;
  /** Documents by MiniSearch's short id (the numbers `PostingMatches` uses). */
  private readonly byShortId: KnowledgeDocument[];
  /** By short id: an FAQ entry's language, undefined for a provider (read for every candidate of a search). */
  private readonly faqLanguage: (Language | undefined)[];
  /** Per set of fields a term was found in: how much that counts (see `QueryMatcher`). */
  private readonly fieldCredits: FieldMaskCredits;
  /** Knows the words compounds are split into: the folder's own, a few common heads, and `IndexOptions.compoundWords`. */
  private readonly splitter: CompoundSplitter;
  private readonly synonyms: SynonymTable;
  private readonly byId = new Map<string, KnowledgeDocument>();
  /**
   * Per index term number: in how many documents of a type (or of all types) the term occurs as a word (compound parts
   * not counted).
   */
  private readonly documentFrequency: Record<Scope, Int32Array>;
  private readonly scopeSize: Record<Scope, number>;
  /** Title and question (offer) lines per document, by short id. */
  private readonly lines: LineTable;
  private readonly topicById: Map<string, Topic>;
  /** Which topics a query names (from the `terms` in topics.yml). */
  private readonly topicNames: TopicNames;
  /** Per combination of filters: which documents (by short id) pass them (see `allowedDocuments`). */
  private readonly allowedCache = new Map<string, Uint8Array>();
  /** Names and other words both languages use: left out when the language of a text is decided. */
  private readonly neutralWords: Set<string>;
  /** The folder's proper names ("winterberg", "olpe"; see `properNames`): what "found through names alone" means. */
  private readonly names: ReadonlySet<string>;
  /** The same, umlauts folded as `lexicon.ts` reads words: for follow-ups that name another one. */
  readonly properNames: ReadonlySet<string>;
  /** Which FAQ entry a question resembles, learned from the entries' phrasings; undefined until trained. */
  private classifier?: PhrasingClassifier;
  private training?: Promise<void>;
  /**
   * By short id: the id of the FAQ entry's version in each language ("kontakt-de" → kontakt-de / kontakt-en), whether
   * that version exists or not; undefined for a provider.
   */
  private readonly faqVersion: Record<Language, (string | undefined)[]>;
  /** The FAQ ids of each language (the classifier's candidates when a search finds a single entry). */
  private readonly faqIds: Record<Language, string[]>;
  /** Readings of recently searched words (see `wordReadings`). */
  private readings?: WordReadings;
  /** The last query's MiniSearch matches (see `matchingDocuments`); only read, never changed. */
  private lastMatches?: { key: string; matches: PostingMatches<Field> };
  /** The last query read, in its language (see `readQuery`); only read, never changed. */
  private lastReading?: { query: string; lang?: Language; reading: QueryReading };

  /**
   * @param built what an earlier build of the same folder, by the same code and with the same options, derived
   *   (`parts()`, kept by `indexSnapshot.ts`): taken instead of derived again. Throws when it does not fit the folder.
   */
  constructor(knowledge: Knowledge, options: IndexOptions = {}, built?: IndexParts) {
    // Stems and content words are remembered while building: the folder repeats its words (see `rememberWhileBuilding`).
    const forgetAnalysis = rememberWhileBuilding();
    try {
      this.knowledge = knowledge;
      this.neutralWords = built ? new Set(built.neutralWords) : languageNeutralWords(knowledge.faqs);
      this.names = built ? new Set(built.names) : properNames(knowledge.faqs, this.neutralWords);
      this.properNames = new Set([...this.names].map(foldUmlauts));
      const thesaurus = options.thesaurus?.groups ?? [];
      this.synonyms = new SynonymTable(
        [...knowledge.synonyms, ...thesaurus],
        [...knowledge.synonyms.map(() => 1), ...thesaurus.map(() => options.thesaurus!.weight)],
      );
      this.splitter = new CompoundSplitter(built ? built.splitterWords : options.compoundWords);
      this.topicById = new Map(knowledge.topics.map((t) => [t.id, t]));
      const docs: KnowledgeDocument[] = [...knowledge.faqs, ...knowledge.providers];
      for (const doc of docs) this.byId.set(doc.id, doc);
      this.topicNames = new TopicNames(knowledge.topics);

      /** Per document id, its index terms per field (only when building). */
      const analysed = new Map<string, Record<Field, string>>();
      if (built) {
        this.miniSearch = PostingIndex.restore(built.postings, postingIndexOptions(analysed));
      } else {
        const raw = new Map(docs.map((doc) => [doc.id, rawFields(doc, this.topicById)]));
        for (const doc of docs) for (const text of Object.values(raw.get(doc.id)!)) this.splitter.learn(text);
        for (const group of knowledge.synonyms) for (const term of group) this.splitter.learn(term);
        for (const doc of docs) analysed.set(doc.id, analysedFields(raw.get(doc.id)!, doc, this.splitter));
        this.miniSearch = new PostingIndex<KnowledgeDocument, Field>(postingIndexOptions(analysed));
        this.miniSearch.addAll(docs);
      }
      this.fieldCredits = fieldMaskCredits(FIELDS, searchDefaults.fieldWeight, searchDefaults.extraFieldCredit);
      this.byShortId = Array.from({ length: this.miniSearch.shortIdCount }, (_, shortId) => {
        return this.byId.get(this.miniSearch.documentId(shortId))!;
      });
      if (built && (this.byShortId.length !== docs.length || this.byShortId.some((doc) => doc === undefined))) {
        throw new Error('knowledgeIndex: the parts given index other documents');
      }
      this.faqLanguage = this.byShortId.map((doc) => (doc.type === 'faq' ? doc.lang : undefined));
      this.faqIds = {
        de: knowledge.faqs.filter((faq) => faq.lang === 'de').map((faq) => faq.id),
        en: knowledge.faqs.filter((faq) => faq.lang === 'en').map((faq) => faq.id),
      };
      const pairOf = (doc: KnowledgeDocument) => (doc.type === 'faq' ? doc.id.replace(/-(de|en)$/, '') : undefined);
      this.faqVersion = {
        de: this.byShortId.map((doc) => pairOf(doc) && `${pairOf(doc)}-de`),
        en: this.byShortId.map((doc) => pairOf(doc) && `${pairOf(doc)}-en`),
      };
      if (options.classifier !== 'later') this.classifier = PhrasingClassifier.train(knowledge.faqs);
      const termCount = this.miniSearch.terms.length;
      this.documentFrequency = built ? built.documentFrequency : this.countDocuments(analysed, termCount);
      if (Object.values(this.documentFrequency).some((counts) => counts.length !== termCount)) {
        throw new Error('knowledgeIndex: the document frequencies are of other terms');
      }
      this.scopeSize = { all: docs.length, faq: knowledge.faqs.length, provider: knowledge.providers.length };
      if (built && built.lines.docStart.length !== this.byShortId.length + 1) throw new Error('knowledgeIndex: the lines are of other documents');
      this.lines = new LineTable(built ? built.lines : this.byShortId.map((doc) => this.prepareLines(doc)), termCount);
      // Searches read the flat postings only (see `PostingIndex.releasePostings`), and the index never changes: neither
      // MiniSearch's own index nor the analysed fields it was built from are needed any more.
      this.miniSearch.releasePostings();
      analysed.clear();
    } finally {
      forgetAnalysis();
    }
  }

  /**
   * What this index derived from its folder, for `new KnowledgeIndex(knowledge, options, parts)` with the same folder
   * and options (see `indexSnapshot.ts`).
   */
  parts(): IndexParts {
    return {
      postings: this.miniSearch.toData(),
      lines: this.lines.toData(),
      splitterWords: this.splitter.knownWords(),
      documentFrequency: this.documentFrequency,
      neutralWords: [...this.neutralWords],
      names: [...this.names],
    };
  }

  /** The document frequencies (see `documentFrequency`) of the analysed fields of every document. */
  private countDocuments(analysed: ReadonlyMap<string, Record<Field, string>>, termCount: number): Record<Scope, Int32Array> {
    const counted: Record<Scope, Int32Array> = { all: new Int32Array(termCount), faq: new Int32Array(termCount), provider: new Int32Array(termCount) };
    for (const [id, fields] of analysed) {
      // Rarity counts where a term occurs as a word: a part of many compounds is not a common word because of
      // them (compound parts are found, but they do not make the part an everyday word). A term found only inside
      // compounds ("führen" of "Geschäftsführer") thus weighs like a word the folder lacks.
      const wordFields = FIELDS.filter((field) => field !== 'parts').map((field) => fields[field]);
      const terms = new Set(wordFields.flatMap((text) => text.split(' ').filter(Boolean)));
      for (const counts of [counted.all, counted[this.byId.get(id)!.type]]) {
        for (const term of terms) {
          const number = this.miniSearch.numberOf(term);
          if (number < 0) throw new Error(`knowledgeIndex: "${term}" is counted but not indexed`);
          counts[number]!++;
        }
      }
    }
    return counted;
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

  /**
   * The title and question lines of an FAQ entry; a provider's name, offer lines and its `needs` lines, German then
   * English: a problem described the way a profile's own need line puts it is the best evidence of fit. A query is
   * matched against the need lines of its own language only (`otherNeedLines`).
   */
  private prepareLines(doc: KnowledgeDocument): Line[] {
    const texts: [string, Language][] =
      doc.type === 'faq'
        ? [doc.title, ...doc.questions].map((text) => [text, doc.lang])
        : [
            ...[doc.name, ...doc.offers, ...(doc.needs?.de ?? [])].map((text): [string, Language] => [text, 'de']),
            ...(doc.needs?.en ?? []).map((text): [string, Language] => [text, 'en']),
          ];
    return texts.map(([text, lang]) =>
      contentWords(text).map((word) => {
        const terms = wordTerms(word, lang);
        const partTerms = this.splitter.split(foldUmlauts(word)).flatMap((part) => wordTerms(part, lang));
        // A term no document contains is never matched: only the index terms count.
        const indexed = (list: string[]) => list.map((t) => this.miniSearch.numberOf(t)).filter((t) => t >= 0);
        return { terms: indexed(terms), partTerms: indexed(partTerms), weight: this.rarity(terms, doc.type) };
      }),
    );
  }

  /** A provider's need lines in the language other than `lang` (see `prepareLines`); undefined for an FAQ entry. */
  private otherNeedLines(shortId: number, lang: Language): LineRange | undefined {
    const doc = this.byShortId[shortId]!;
    if (doc.type !== 'provider' || !doc.needs) return undefined;
    const german = 1 + doc.offers.length;
    const english = german + doc.needs.de.length;
    return lang === 'de' ? { from: english, to: english + doc.needs.en.length } : { from: german, to: english };
  }

  /** `minWordWeight`…1 by inverse document frequency within `scope`; 0 when no document there has the word. */
  private rarity(terms: string[], scope: Scope): number {
    const frequency = this.documentFrequency[scope];
    let df = 0;
    for (const t of terms) {
      const number = this.miniSearch.numberOf(t);
      if (number >= 0) df = Math.max(df, frequency[number]!);
    }
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

  /**
   * The words of a query as a search with `options` weighs them: role, weight and the ways each may be found (for
   * tuning tools such as `scripts/eval/explain.ts`).
   */
  queryWords(query: string, options: SearchOptions = {}): QueryWord[] {
    const lang = options.lang ?? this.detectLanguage(query).lang;
    return this.analyseQuery(query, this.scopeOf(options), lang, options.region);
  }

  /** Ids of the directory topics `text` names, as a provider search reads it (see `TopicNames`). */
  namedTopics(text: string, lang: Language): string[] {
    return this.topicNames.named(this.analyseQuery(text, 'provider', lang), this.neutralWords);
  }

  /** The documents a search with `options` weighs its words among: one type, or all. */
  private scopeOf(options: SearchOptions): Scope {
    return options.type ?? (options.topic || options.kind || options.region ? 'provider' : 'all');
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
      readings: this.wordReadings(),
    }, this.readQuery(query, lang));
  }

  /** What every search of `query` in `lang` reads alike (see `QueryReading`); the last one is kept for the next search. */
  private readQuery(query: string, lang: Language | undefined): QueryReading {
    const last = this.lastReading;
    if (last?.query === query && last.lang === lang) return last.reading;
    const readings = this.wordReadings();
    const reading = readQuery(query, lang, (word) => readings.of(word));
    this.lastReading = { query, lang, reading };
    return reading;
  }

  /** Readings of recent query words (made at the first search, from the index's splitter and synonyms). */
  private wordReadings(): WordReadings {
    // A word counts wherever some document has it: `topicWeight` is above 0 in a scope exactly when this is true.
    this.readings ??= new WordReadings(
      this.splitter,
      this.synonyms,
      searchDefaults.synonymCredit,
      (terms) => this.rarity(terms, 'all') > 0,
      undefined,
      (word, maxDistance) => this.miniSearch.termsNear(word, maxDistance),
    );
    return this.readings;
  }

  /** Other words the folder's synonym groups give for `word` (`synonyms.yml`; folded), e.g. for what a number counts. */
  wordsAlike(word: string): string[] {
    return this.synonyms.wordsAlike(word);
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
    const words = this.analyseQuery(query, this.scopeOf(options), lang, options.region);
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
    const matcher = new QueryMatcher(words, matches.terms, credits, this.fieldCredits);
    const scored = this.score(matcher, matches, raw, lang);
    this.addClassifierVote(query, lang, scored);
    // The line match moves a score by at most `lineShare` (`providerLineShare` in a search of providers): it lies
    // between `base · floor + tie + vote` (no line matched) and `base + tie + vote`. The hits shown are read from the
    // `keep` best candidates at most (see `preferUserLanguage`); candidates whose best possible score stays below the
    // `keep`-th best lowest one cannot be among them. The others are ranked; a candidate's line match is computed best
    // possible score first, until no further candidate can reach the `keep`-th best score computed: the rest keep
    // their lowest score, below it.
    const keep = 2 * limit;
    const lineShare = this.scopeOf(options) === 'provider' ? searchDefaults.providerLineShare : searchDefaults.lineShare;
    const floor = 1 - lineShare;
    const bar = kthLargest(scored, ({ base, tie, vote }) => base * floor + tie + vote, keep);
    const ranked = scored.filter(({ base, tie, vote }) => base + tie + vote >= bar);
    // The query's credits on the words of the title and question lines: per index term its best credit for a query word.
    const valuedTerms: number[] = [];
    const termValues: number[] = [];
    forEachTermValue(credits, words, (term, value) => {
      valuedTerms.push(this.miniSearch.numberOf(term));
      termValues.push(value);
    });
    this.lines.creditQuery(valuedTerms, termValues, searchDefaults.linePartFactor);
    try {
      const best: number[] = [];
      // Best possible score first (in place: the final order below does not depend on the order before it).
      for (const candidate of ranked.sort((a, b) => b.base + b.tie + b.vote - (a.base + a.tie + a.vote))) {
        candidate.score = candidate.base * floor + candidate.tie + candidate.vote;
        if (best.length >= keep && candidate.base + candidate.tie + candidate.vote < best[keep - 1]!) continue;
        const line = this.lines.bestMatch(candidate.shortId, this.otherNeedLines(candidate.shortId, lang));
        candidate.score = candidate.base * (floor + lineShare * line) + candidate.tie + candidate.vote;
        insertDescending(best, candidate.score, keep);
      }
    } finally {
      this.lines.forgetQuery();
    }
    // Best score first; equal scores in MiniSearch's order (a total order: each document has its own place there).
    ranked.sort((a, b) => b.score - a.score || matches.compare(a.shortId, b.shortId));
    // Why, gaps and topics only for the hits shown (and twins they borrow from), from the same word matches that gave
    // the candidate its coverage.
    const acronyms = typedAcronyms(query);
    const explained = new Map<number, SearchHit>();
    // Filled anew for each hit explained (`explain` keeps nothing of it).
    const wordMatches = matcher.wordMatches();
    const hitOf = (candidate: Scored): SearchHit => {
      let hit = explained.get(candidate.shortId);
      if (!hit) {
        matcher.match(matches.termLists, candidate.shortId, wordMatches);
        const doc = this.byShortId[candidate.shortId]!;
        const { why, gaps, onlyNames } = explain(words, wordMatches, acronyms, this.names, searchDefaults);
        hit = {
          id: doc.id,
          type: doc.type,
          doc,
          score: candidate.score,
          coverage: candidate.coverage,
          phrasing: candidate.phrasing,
          vote: candidate.vote,
          why,
          gaps,
          onlyNames,
          matchedTopics: doc.type === 'provider' ? doc.topics.filter((topic) => topics.includes(topic)) : [],
        };
        explained.set(candidate.shortId, hit);
      }
      return hit;
    };
    const returned = (candidate: Scored, position: number, first: SearchHit | undefined) =>
      this.returnedBeyond(candidate, position, first, topics, options.topicHitsBeyond);
    return { query, lang, topics, hits: this.preferUserLanguage(ranked, hitOf, lang, limit, returned) };
  }

  /**
   * Every candidate that makes a hit (see `QueryMatcher.match`), with its coverage, its score before the line match
   * (`base`) and its BM25 tie-breaker. This is the part of a search that grows with the folder: most documents of a
   * large folder match only a common word of the query.
   */
  private score(matcher: QueryMatcher, matches: PostingMatches<Field>, raw: readonly number[], lang: Language): Scored[] {
    const wordMatches = matcher.wordMatches();
    let topBm25 = 0;
    for (const shortId of raw) topBm25 = Math.max(topBm25, matches.scores[shortId]!);
    const scored: Scored[] = [];
    for (const shortId of raw) {
      const coverage = matcher.match(matches.termLists, shortId, wordMatches);
      if (coverage === undefined) continue;
      const faqLanguage = this.faqLanguage[shortId];
      const languageFactor = faqLanguage !== undefined && faqLanguage !== lang ? searchDefaults.otherLanguageFactor : 1;
      const tie = searchDefaults.tieBreak * (matches.scores[shortId]! / topBm25);
      scored.push({ shortId, coverage, base: coverage * languageFactor, tie, vote: 0, score: 0 });
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
    const version = this.faqVersion[lang];
    const faqCandidates = scored.filter((c) => version[c.shortId] !== undefined);
    if (faqCandidates.length === 0) return;
    // The best FAQ entries by their words, as many as can name `classifierCandidates` pairs (two versions each).
    const best = largest(faqCandidates, 2 * searchDefaults.classifierCandidates, (c) => c.base + c.tie);
    const ids = [...new Set(best.map((c) => version[c.shortId]!))].slice(0, searchDefaults.classifierCandidates);
    // Few candidates make any of them look likely (one of three gets a third by chance): with fewer than
    // `classifierCandidates`, the classifier weighs them against every entry of the language, so that "Wie spät ist
    // es?" (one word in common with a few entries' answers) is still asked "does it resemble their phrasings?".
    const candidates = ids.length >= searchDefaults.classifierCandidates ? ids : this.faqIds[lang];
    const probabilities = this.classifier.probabilities(query, lang, candidates);
    if (probabilities.size === 0) return;
    for (const candidate of faqCandidates) {
      candidate.phrasing = probabilities.get(version[candidate.shortId]!) ?? 0;
      candidate.vote = searchDefaults.classifierShare * candidate.phrasing;
    }
  }

  /**
   * Whether a provider at `position` of the best ones is returned under `beyond` (see `SearchOptions.topicHitsBeyond`):
   * among the first `shown`, or with a topic of the query and nearly the coverage of the `first` hit.
   */
  private returnedBeyond(
    candidate: Scored,
    position: number,
    first: SearchHit | undefined,
    topics: readonly string[],
    beyond: SearchOptions['topicHitsBeyond'],
  ): boolean {
    if (!beyond || position < beyond.shown) return true;
    const doc = this.byShortId[candidate.shortId]!;
    const best = first?.coverage ?? candidate.coverage;
    return doc.type === 'provider' && doc.topics.some((topic) => topics.includes(topic)) && candidate.coverage >= best - beyond.slack;
  }

  /**
   * One answer per question: an FAQ entry and its translation (`x-de` / `x-en`) share one place in the list, at the
   * better of their two scores, shown in the user's language when that version exists. `ranked` is best first;
   * `hitOf` explains a candidate. A provider at a place of the list that `returned` rejects keeps its place but is
   * left out.
   */
  private preferUserLanguage(
    ranked: Scored[],
    hitOf: (candidate: Scored) => SearchHit,
    lang: Language,
    limit: number,
    returned: (candidate: Scored, position: number, first: SearchHit | undefined) => boolean,
  ): SearchHit[] {
    const out: SearchHit[] = [];
    let leftOut = 0;
    const seenPairs = new Set<string>();
    for (const candidate of ranked) {
      if (out.length + leftOut >= limit) break;
      const doc = this.byShortId[candidate.shortId]!;
      if (doc.type !== 'faq') {
        if (returned(candidate, out.length + leftOut, out[0])) out.push(hitOf(candidate));
        else leftOut++;
        continue;
      }
      // The pair's German id names the pair; the id in the user's language, its twin (see `faqVersion`).
      const pair = this.faqVersion.de[candidate.shortId]!;
      if (seenPairs.has(pair)) continue;
      seenPairs.add(pair);
      if (doc.lang === lang) {
        out.push(hitOf(candidate));
        continue;
      }
      const twinId = this.faqVersion[lang][candidate.shortId]!;
      const twin = ranked.find((c) => this.byShortId[c.shortId]!.id === twinId);
      const twinDoc = this.byId.get(twinId);
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
    // objects (see postingIndex.ts).
    const matches = this.miniSearch.searchPostings(terms, {
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
}

/** The words typed in capitals only (two to five letters: "BVB", "NRW", "ÖPNV"), lower-cased. */
function typedAcronyms(query: string): Set<string> {
  // Letters around count as word characters too (JavaScript's \b only knows ASCII: "ÖPNV" would not match).
  return new Set((query.match(/(?<![\p{L}\p{N}])\p{Lu}{2,5}(?![\p{L}\p{N}])/gu) ?? []).map((word) => word.toLowerCase()));
}

/**
 * The `k` items of largest `value`, largest first; items of equal value in the order given (what a stable sort by
 * value, largest first, puts first), without sorting them all.
 */
function largest<T>(items: readonly T[], k: number, value: (item: T) => number): T[] {
  const top: { item: T; value: number }[] = [];
  for (const item of items) {
    const v = value(item);
    if (top.length >= k && v <= top[k - 1]!.value) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.value < v) i--;
    top.splice(i, 0, { item, value: v });
    if (top.length > k) top.pop();
  }
  return top.map((entry) => entry.item);
}

/** Inserts `value` into `top` (largest first, equal values in the order inserted), keeping at most `k` values. */
function insertDescending(top: number[], value: number, k: number): void {
  if (k <= 0 || (top.length >= k && value <= top[k - 1]!)) return;
  // Shifted in place (a `splice` would allocate the array of removed values at every insertion).
  let i = Math.min(top.length, k - 1);
  if (top.length < k) top.push(value);
  while (i > 0 && top[i - 1]! < value) {
    top[i] = top[i - 1]!;
    i--;
  }
  top[i] = value;
}

/** The `k`-th largest `value` of `items` (the smallest when there are fewer), 0 for none. */
function kthLargest<T>(items: readonly T[], valueOf: (item: T) => number, k: number): number {
  /** The `k` largest so far, largest first. */
  const top: number[] = [];
  for (const item of items) insertDescending(top, valueOf(item), k);
  return top[Math.min(k, top.length) - 1] ?? 0;
}
