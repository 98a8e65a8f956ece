/**
 * A query as the index sees it: its content words, what each word is worth, and every way each word may be found in
 * a document (as typed, through its compound parts, through a synonym).
 */
import { CompoundSplitter, contentWords, secondPersonWords, splitWords, wordTerms } from './analyzer.js';
import { foldUmlauts } from './umlauts.js';
import { typoEdits } from './fuzzyVocabulary.js';
import { projectLexicon } from './lexicon.js';
import { placeWordsIn } from './places.js';
import type { Language } from './schema.js';
import { queryCacheSize, RecentCache } from './recentCache.js';
import type { SynonymExpansion, SynonymTable } from './synonyms.js';

/** Index terms of one part of an alternative, each with the credit it earns (1 for the part itself, less for a synonym of it). */
export type Part = Map<string, number>;

/** One way a query word can be found in a document. */
export interface Alternative {
  kind: 'word' | 'compound' | 'synonym';
  /** Credit relative to the word as typed (1). */
  credit: number;
  /** The parts that must all be found for full credit: one per compound part, or one per word of a synonym. */
  parts: Part[];
  /**
   * Parts of a compound the index does not know ("…struktur" of "Gesellschafterstruktur"): never found, they count
   * half against the alternative, since the known part usually carries the meaning.
   */
  unknownParts?: number;
  /** For `why`: the synonym searched. */
  synonym?: string;
}

/**
 * What a word contributes to the query's meaning:
 * - `topic`: a word that names what the user asks about (weighted by rarity);
 * - `question`: a question word ("wer", "wann", "when") — it helps to pick an FAQ entry, but names no topic;
 * - `filler`: a word that asks for help or qualifies it ("suchen", "Unterstützung", "neu", "looking for").
 */
export type WordRole = 'topic' | 'question' | 'filler';

export interface QueryWord {
  word: string;
  role: WordRole;
  /** Share of the query's meaning, before normalising. */
  weight: number;
  alternatives: Alternative[];
  /** The typed words a synonym of this word stands for (several for a phrase like "IT-Sicherheit"). */
  trigger: string;
  /** The word as typed, folded: the one term searched with typo tolerance. */
  typed: string;
  /** True for a topic word no document contains: whatever it weighs, a hit that leaves it open has a gap. */
  unknown?: boolean;
}

/** Question words: kept by the analyzer, but they never name a topic. */
const questionWords = new Set([
  'wann', 'wo', 'wer', 'warum', 'weshalb', 'wieso', 'when', 'where', 'who', 'why',
  ...secondPersonWords,
]);

/**
 * `text` without its question words: a profile's need phrasing "Wer berät uns bei der Einführung eines ERP-Systems?"
 * says what the provider does, and its "wer" must not match the "wer" of every question.
 */
export function withoutQuestionWords(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => (questionWords.has(word.toLowerCase()) ? ' ' : word));
}

/**
 * The lexicon's `fillers` (knowledge/lexicon.yml) as index terms, German and English stems, so that inflections count
 * too; its `providerFillers` as written and umlaut-folded, compared with whole words: "beraten" is a filler in a
 * provider search, "Beratung" and "Berater" (the same stem) name a topic.
 */
const termsOf = (words: string[]) => new Set(words.flatMap((w) => [...wordTerms(w, 'de'), ...wordTerms(w, 'en')]));
let fillers: { all: Set<string>; providers: Set<string> } | undefined;
function fillerLists() {
  const lexicon = projectLexicon();
  const providerWords = lexicon.providerFillerWords.map((w) => w.toLowerCase());
  return (fillers ??= { all: termsOf(lexicon.fillerWords), providers: new Set([...providerWords, ...providerWords.map(foldUmlauts)]) });
}

function isFiller(word: string, terms: string[], providers: boolean): boolean {
  const { all, providers: forProviders } = fillerLists();
  return terms.some((t) => all.has(t)) || (providers && (forProviders.has(word) || forProviders.has(foldUmlauts(word))));
}

/** How the index weighs a word that is not a question or filler word; 0 when no document contains it. */
export type TopicWeight = (terms: string[]) => number;

export interface QueryAnalysis {
  splitter: CompoundSplitter;
  synonyms: SynonymTable;
  topicWeight: TopicWeight;
  /** Weight of a word that no document contains. */
  unknownWeight: number;
  /**
   * Weight of an unknown word that looks like a verb, adjective or adverb rather than a noun (see `looksLikeNoNoun`):
   * the folder lacks it because it says the same in other words ("gesetzt", "briefly"), not because the question is
   * about something else.
   */
  unknownNonNounWeight: number;
  /** The query's language, when known: it decides how a word's form is read. */
  lang?: Language;
  /**
   * Credit of a word found only after correcting a typo: two neighbouring letters swapped ("Agnetur" → "Agentur"), or
   * a few edits in a long word ("Gitterboxn" → "Gitterboxen"; see `typoEdits`).
   */
  transpositionCredit: number;
  /** True when providers are searched: provider filler words then weigh as fillers. */
  providers: boolean;
  /**
   * True when the providers of Dortmund's side are searched: a place of Südwestfalen then says where the user's
   * company is ("Metallbetrieb aus Plettenberg"), not what a provider offers, and weighs as a filler word. As a rare
   * word it would otherwise outweigh the need itself. It still counts where a profile names it (a chamber's district).
   */
  placesWeighLittle?: boolean;
  questionWeight: number;
  fillerWeight: number;
  compoundCredit: number;
  synonymCredit: number;
  /**
   * Readings of recent words, built from the same splitter, synonyms and synonym credit, and with `known` agreeing with
   * `topicWeight` (see `WordReadings`); without it, every word is read anew.
   */
  readings?: WordReadings;
}

/**
 * What a query gives every search of it, whatever is searched: its content words (each once, in order) with their
 * readings, which of them look like no nouns, and its place words. A turn searches its text for FAQ entries and for
 * providers, so the index reads the text once for both (see `KnowledgeIndex`); the weights per search follow from it.
 * Shared between searches: read only.
 */
export interface QueryReading {
  words: readonly string[];
  /** Per word (same order): its reading. */
  readings: readonly WordReading[];
  noNoun: (word: string) => boolean;
  /** The query's place words (see `placeWordsIn`), found when first asked. */
  places(): Set<string>;
}

/** Reads `query` in `lang` (see `QueryReading`); `read` gives a word's reading. */
export function readQuery(query: string, lang: Language | undefined, read: (word: string) => WordReading): QueryReading {
  const words: string[] = [];
  for (const word of contentWords(query)) if (!words.includes(word)) words.push(word);
  let places: Set<string> | undefined;
  return {
    words,
    readings: words.map(read),
    noNoun: looksLikeNoNoun(query, lang),
    places: () => (places ??= placeWordsIn(query)),
  };
}

/**
 * The content words of a query with their roles, weights and alternatives. `read` is the query read before (by
 * `readQuery`, with the same language, splitter, synonyms and synonym credit); without it the query is read here.
 */
export function analyseQueryWords(query: string, ctx: QueryAnalysis, read?: QueryReading): QueryWord[] {
  const words: QueryWord[] = [];
  read ??= readQuery(query, ctx.lang, (word) =>
    ctx.readings ? ctx.readings.of(word) : readWord(word, ctx.splitter, ctx.synonyms, ctx.synonymCredit),
  );
  const { noNoun } = read;
  const places = ctx.placesWeighLittle ? read.places() : undefined;
  const known = (terms: string[]) => ctx.topicWeight(terms) > 0;
  for (let i = 0; i < read.words.length; i++) {
    const word = read.words[i]!;
    const reading = read.readings[i]!;
    const { terms, folded, split } = reading;
    const role: WordRole = questionWords.has(word)
      ? 'question'
      : (ctx.providers ? reading.providerFiller : reading.filler) || places?.has(word) || isIdentifier(word)
        ? 'filler'
        : 'topic';
    const alternatives: Alternative[] = [{ kind: 'word', credit: 1, parts: [reading.ownPart] }];
    let topicWeight = role === 'topic' ? ctx.topicWeight(terms) : 0;
    if (role === 'topic' && topicWeight === 0) {
      // Unknown word: maybe a typo of a known word (two letters swapped, the most common one, or a letter missing,
      // extra or wrong in a long word).
      const swapped = ctx.readings ? ctx.readings.corrected(reading) : transpositionOf(folded, known);
      if (swapped) {
        alternatives.push({ kind: 'word', credit: ctx.transpositionCredit, parts: [new Map(swapped.map((t) => [t, 1]))] });
        topicWeight = ctx.topicWeight(swapped);
      }
    }
    const weight =
      role === 'question' ? ctx.questionWeight : role === 'filler' ? ctx.fillerWeight : topicWeight || ctx.unknownWeight;
    // A part that only says "someone who does it" ("…dienstleister", "…partner") names no topic of its own.
    const parts = ctx.providers ? reading.providerParts : reading.parts;
    if (parts.length > 0) {
      // Only the head was recognised ("Presekontakt" → "Kontakt"): the unknown rest counts as a part not found.
      const unknownParts = split.length === 1 && folded.length - split[0]!.length >= 4 ? 1 : 0;
      alternatives.push({ kind: 'compound', credit: ctx.compoundCredit, parts: [...parts], unknownParts });
    } else if (role === 'topic' && topicWeight === 0) {
      // An unknown compound with a known first part ("Gesellschafterstruktur"): half a compound match at best.
      const modifier = ctx.readings ? ctx.readings.modifier(reading) : modifierPart(folded, ctx.splitter, ctx.synonyms, ctx.synonymCredit);
      if (modifier) {
        alternatives.push({ kind: 'compound', credit: ctx.compoundCredit, parts: [modifier], unknownParts: 1 });
      }
    }
    const unknown = role === 'topic' && topicWeight === 0 ? { unknown: true } : {};
    words.push({ word, role, weight, alternatives, trigger: word, typed: folded, ...unknown });
  }
  lightenUnknownNonNouns(words, noNoun, ctx);
  const expansions = expandSynonyms(ctx.synonyms, words);
  for (const expansion of expansions) {
    const triggers = expansion.trigger.split(' ');
    for (const w of words.filter((x) => triggers.includes(x.word))) {
      w.trigger = expansion.trigger;
      w.alternatives.push({
        kind: 'synonym',
        credit: ctx.synonymCredit * expansion.factor,
        parts: synonymParts(expansion),
        synonym: expansion.synonym,
      });
    }
  }
  mergeSynonymWords(words, ctx.synonyms, ctx.fillerWeight);
  return words;
}

/**
 * What a query word gives whatever is searched: its index terms, whether it is a filler word, its compound parts.
 * The same for every search of one index, so `WordReadings` keeps it per word. Shared between searches: read only.
 */
export interface WordReading {
  /** Index terms of the word: German and English stems and the folded surface form. */
  terms: string[];
  /** The same terms, each with credit 1: the part of the alternative "the word as typed". */
  ownPart: Part;
  folded: string;
  /** Whether the word is a filler word in a search for FAQ entries or everything, and in a search for providers. */
  filler: boolean;
  providerFiller: boolean;
  /** The compound's known parts, head first (see `CompoundSplitter.split`). */
  split: string[];
  /** The parts that name a topic of their own (filler parts such as "…dienstleister" left out), per kind of search. */
  parts: Part[];
  providerParts: Part[];
  /**
   * For a word no document contains, computed when first asked (`WordReadings`): the known terms the word is a typo
   * of (null: none), and the known first part of the compound (null: none).
   */
  swapped?: string[] | null;
  modifier?: Part | null;
}

/** Reads one query word (a lower-case content word); see `WordReading`. */
export function readWord(word: string, splitter: CompoundSplitter, synonyms: SynonymTable, synonymCredit: number): WordReading {
  const terms = [...new Set([...wordTerms(word, 'de'), ...wordTerms(word, 'en')])];
  const folded = foldUmlauts(word);
  const split = splitter.split(folded);
  const parts: Part[] = [];
  const providerParts: Part[] = [];
  for (const part of split) {
    const own = wordTerms(part, 'de');
    const filler = isFiller(part, own, false);
    const providerFiller = isFiller(part, own, true);
    if (filler && providerFiller) continue;
    const found = partTerms(part, synonyms, synonymCredit);
    if (!filler) parts.push(found);
    if (!providerFiller) providerParts.push(found);
  }
  return {
    terms,
    ownPart: new Map(terms.map((t) => [t, 1])),
    folded,
    filler: isFiller(word, terms, false),
    providerFiller: isFiller(word, terms, true),
    split,
    parts,
    providerParts,
  };
}

/** The known first part of an unknown compound as a part to search (see `CompoundSplitter.knownModifier`). */
function modifierPart(folded: string, splitter: CompoundSplitter, synonyms: SynonymTable, synonymCredit: number): Part | undefined {
  const modifier = splitter.knownModifier(folded);
  return modifier ? partTerms(modifier, synonyms, synonymCredit) : undefined;
}

/**
 * The readings of recently searched words for one index. A word's reading does not depend on the question it is in
 * or on what is searched, and users ask about the same words in different questions; a turn searches its words two
 * or three times (FAQ entries, providers, the question part alone). Only the bounded number of most recently used
 * words is kept.
 */
export class WordReadings {
  private readonly readings: RecentCache<string, WordReading>;

  /**
   * @param known whether a document of any type contains one of the terms: what "a topic weight above 0" means in
   *   every scope, since a word counts wherever some document has it
   */
  constructor(
    private readonly splitter: CompoundSplitter,
    private readonly synonyms: SynonymTable,
    private readonly synonymCredit: number,
    private readonly known: (terms: string[]) => boolean,
    size = queryCacheSize,
    private readonly near?: TermsNear,
  ) {
    this.readings = new RecentCache(size);
  }

  of(word: string): WordReading {
    return this.readings.remember(word, () => readWord(word, this.splitter, this.synonyms, this.synonymCredit));
  }

  /**
   * The known terms an unknown word is a typo of: its terms with two letters swapped (see `transpositionOf`), else
   * the index terms nearest to it within `typoEdits` (see `nearestTerms`); undefined when there are none.
   */
  corrected(reading: WordReading): string[] | undefined {
    if (reading.swapped === undefined) {
      reading.swapped = transpositionOf(reading.folded, this.known) ?? (this.near && nearestTerms(reading.folded, this.near)) ?? null;
    }
    return reading.swapped ?? undefined;
  }

  /** The known first part of the word as an unknown compound (see `modifierPart`), or undefined. */
  modifier(reading: WordReading): Part | undefined {
    if (reading.modifier === undefined) reading.modifier = modifierPart(reading.folded, this.splitter, this.synonyms, this.synonymCredit) ?? null;
    return reading.modifier ?? undefined;
  }

  /** Words kept (for tests). */
  get size(): number {
    return this.readings.count;
  }
}

/** Five digits or more: a phone, customer or postal number, which names nothing an entry or a profile is about. */
function isIdentifier(word: string): boolean {
  return word.length >= 5 && /^\d+$/.test(word);
}

/**
 * Unknown words that by their form are no nouns ("festgelegt", "briefly") weigh `unknownNonNounWeight` when at least
 * two known topic words say what the question is about ("Welcher Rahmen wurde mit dem Vertrag festgelegt?"). With
 * fewer the verb is much of the question ("Was verdient ein Pressesprecher?") and keeps its full weight.
 */
function lightenUnknownNonNouns(words: QueryWord[], noNoun: (word: string) => boolean, ctx: QueryAnalysis): void {
  const knownTopics = words.filter((w) => w.role === 'topic' && !w.unknown).length;
  if (knownTopics < minKnownTopicWords) return;
  for (const w of words) if (w.unknown && noNoun(w.word)) w.weight = ctx.unknownNonNounWeight;
}

/** Known topic words a query needs before its unknown verbs and adverbs weigh less (see `lightenUnknownNonNouns`). */
const minKnownTopicWords = 2;

/**
 * Tells words that are hardly nouns by their form: in a German query whose writer capitalises nouns (some word after
 * the first is capitalised), a lower-case word after the first; in English, words ending in "-ing", "-ed" or "-ly".
 * What a question is about is a noun ("Wetter", "Hotel", "Landrat"); verbs and adverbs the folder lacks ("gesetzt",
 * "trying", "briefly") mostly rephrase what it says.
 */
function looksLikeNoNoun(query: string, lang: Language | undefined): (word: string) => boolean {
  const typed = splitWords(query);
  if (lang === 'de') {
    const capitalises = typed.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w));
    const lowerAfterFirst = new Set(typed.slice(1).filter((w) => /^\p{Ll}+$/u.test(w)));
    const first = typed[0]?.toLowerCase();
    return (word) => capitalises && lowerAfterFirst.has(word) && word !== first;
  }
  if (lang === 'en') return (word) => word.length >= 6 && /(ing|ed|ly)$/.test(word);
  return () => false;
}

/**
 * Synonym look-ups do not depend on which documents are searched, and a turn searches the same text twice (FAQ
 * entries, then providers), so their results are kept per synonym table: expansions for the last few queries, the
 * synonyms of single words (compound parts) for a bounded set of words. The results are only read, never changed.
 * When a cache is full it is cleared at once: simpler than an LRU, and a miss only costs the look-up.
 */
const synonymCaches = new WeakMap<SynonymTable, { expand: Map<string, SynonymExpansion[]>; single: Map<string, string[]> }>();
const expandCacheSize = 16;
const singleCacheSize = 256;

function synonymCache(table: SynonymTable) {
  let cache = synonymCaches.get(table);
  if (!cache) synonymCaches.set(table, (cache = { expand: new Map(), single: new Map() }));
  return cache;
}

function remember<T>(map: Map<string, T>, size: number, key: string, compute: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= size) map.clear();
    value = compute();
    map.set(key, value);
  }
  return value;
}

/**
 * `table.expand` for the words' own terms (their first alternative), cached; a word's own terms follow from the word,
 * so the words are the key.
 */
function expandSynonyms(table: SynonymTable, words: readonly QueryWord[]): SynonymExpansion[] {
  const key = words.map((w) => w.word).join('\u0002');
  return remember(synonymCache(table).expand, expandCacheSize, key, () =>
    table.expand(words.map((w) => ({ word: w.word, stems: new Set(w.alternatives[0]!.parts[0]!.keys()), known: w.role === 'topic' && !w.unknown }))),
  );
}

/** `table.singleWordSynonyms`, cached. */
function singleWordSynonyms(table: SynonymTable, terms: Set<string>): string[] {
  return remember(synonymCache(table).single, singleCacheSize, [...terms].join('\u0001'), () => table.singleWordSynonyms(terms));
}

/** Per synonym expansion (kept with the expansions, see `expandSynonyms`): its parts to search, each term with credit 1. */
const partsOfExpansion = new WeakMap<SynonymExpansion, Part[]>();

function synonymParts(expansion: SynonymExpansion): Part[] {
  let parts = partsOfExpansion.get(expansion);
  if (!parts) partsOfExpansion.set(expansion, (parts = expansion.parts.map((terms) => new Map(terms.map((t) => [t, 1])))));
  return parts;
}

/**
 * Two words of one synonym group name one thing ("Cloud-Hosting", "KI und künstliche Intelligenz"): the later word
 * keeps only a filler's weight and the earlier one takes the larger weight, so that a document explaining the thing
 * once is not marked down for the second name (each word already finds the other's documents through the group).
 */
function mergeSynonymWords(words: QueryWord[], synonyms: SynonymTable, fillerWeight: number): void {
  /** A word's own terms: the part of its first alternative. */
  const ownTerms = (word: QueryWord) => word.alternatives[0]!.parts[0]!;
  /** Per word, when first needed: the one-word synonyms of its own terms. */
  const alike: (string[] | undefined)[] = [];
  const sameGroup = (i: number, b: QueryWord) => {
    alike[i] ??= singleWordSynonyms(synonyms, new Set(ownTerms(words[i]!).keys()));
    const other = ownTerms(b);
    return alike[i].some((t) => other.has(t));
  };
  for (const [j, later] of words.entries()) {
    if (later.role !== 'topic') continue;
    let earlier: QueryWord | undefined;
    for (let i = 0; i < j && !earlier; i++) {
      const w = words[i]!;
      if (w.role === 'topic' && w.weight > fillerWeight && sameGroup(i, later)) earlier = w;
    }
    if (!earlier) continue;
    earlier.weight = Math.max(earlier.weight, later.weight);
    later.weight = fillerWeight;
  }
}

/** Index terms of a compound part; a part may be named by a synonym too ("Gründerberatung" → "Gründung"). */
function partTerms(part: string, synonyms: SynonymTable, synonymCredit: number): Part {
  const own = wordTerms(part, 'de');
  const map: Part = new Map();
  for (const synonymTerm of singleWordSynonyms(synonyms, new Set(own))) map.set(synonymTerm, synonymCredit);
  for (const t of own) map.set(t, 1);
  return map;
}

/** The index terms within `maxDistance` edits of a word, with their distances (see `PostingIndex.termsNear`). */
export type TermsNear = (word: string, maxDistance: number) => { term: string; distance: number }[];

/** More near terms at the least distance than this, and the word is no clear typo of any. */
const maxTypoReadings = 3;

/**
 * The index terms of four or more letters nearest to an unknown word within `typoEdits`, when they are few
 * ("gitterboxn" → "gitterboxen", "gitterbox"); undefined when none or too many are near.
 */
function nearestTerms(folded: string, near: TermsNear): string[] | undefined {
  const edits = typoEdits(folded.length);
  if (edits === 0) return undefined;
  const found = near(folded, edits).filter(({ term }) => term.length >= 4 && /^\p{L}+$/u.test(term));
  if (found.length === 0) return undefined;
  const least = Math.min(...found.map((f) => f.distance));
  const nearest = found.filter((f) => f.distance === least).map((f) => f.term);
  return nearest.length <= maxTypoReadings ? nearest : undefined;
}

/** The index terms of `folded` with two neighbouring letters swapped, if that makes a word the index knows. */
function transpositionOf(folded: string, known: (terms: string[]) => boolean): string[] | undefined {
  if (folded.length < 4) return undefined;
  for (let i = 0; i < folded.length - 1; i++) {
    if (folded[i] === folded[i + 1]) continue;
    const candidate = folded.slice(0, i) + folded[i + 1] + folded[i] + folded.slice(i + 2);
    const terms = [...new Set([...wordTerms(candidate, 'de'), ...wordTerms(candidate, 'en')])];
    if (known(terms)) return terms;
  }
  return undefined;
}

/** Every index term of every alternative of the words (what MiniSearch is asked for), and those typed by the user. */
export function queryTerms(words: QueryWord[]): { terms: string[]; typed: Set<string> } {
  const terms = new Set<string>();
  for (const w of words) for (const a of w.alternatives) for (const part of a.parts) for (const t of part.keys()) terms.add(t);
  return { terms: [...terms], typed: new Set(words.map((w) => w.typed)) };
}
