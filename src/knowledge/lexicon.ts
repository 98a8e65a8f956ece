/**
 * The language knowledge of the decision layer as data: `knowledge/lexicon.yml` (who the user is, what they look for,
 * which kinds of provider a word asks for) and `knowledge/places.yml` (the two regions, their parts, districts and
 * towns). Both are matched against a message's words — lower-cased, umlauts folded — never as regular expressions
 * over the raw text, so a word boundary cannot fail on "groß" or "Lüdenscheid".
 *
 * See docs/quality.md ("How the assistant decides") for how the core uses them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';
import { foldUmlauts } from './umlauts.js';
import { RecentCache } from './recentCache.js';
import { typoDistance, typoEdits } from './fuzzyVocabulary.js';
import { providerKinds, regions, type ProviderKind, type Region } from './schema.js';

const entry = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((text) => compileEntry(text).length > 0, 'has no word');
const byLanguage = z.strictObject({ de: z.array(entry).default([]), en: z.array(entry).default([]) });

/** The intents that need no search, in the order they are tried. */
export const intentNames = ['help', 'greeting', 'thanks', 'findProviders', 'human'] as const;
export type IntentName = (typeof intentNames)[number];

/** How an intent is recognised: see the comment above `intents:` in knowledge/lexicon.yml. */
const intentSchema = z.strictObject({
  whole: byLanguage.optional(),
  ignoring: byLanguage.optional(),
  opens: byLanguage.optional(),
  maxCharsAfter: z.number().int().nonnegative().optional(),
  anywhere: byLanguage.optional(),
  notWhenOpening: byLanguage.optional(),
});

export const lexiconFileSchema = z.strictObject({
  self: byLanguage,
  possessives: byLanguage,
  indefiniteArticles: byLanguage,
  offerVerbs: byLanguage,
  beneficiaryPrepositions: byLanguage,
  doVerbs: byLanguage,
  selfIntroductions: byLanguage,
  introductionEnds: byLanguage,
  askingExistence: byLanguage,
  needVerbs: byLanguage,
  soughtParticiples: byLanguage,
  helpVerbs: byLanguage,
  originPrepositions: byLanguage,
  residence: byLanguage,
  residenceFounding: byLanguage,
  residenceAfter: byLanguage,
  residenceLabels: byLanguage,
  startingPoint: z.strictObject({ before: byLanguage, after: byLanguage }),
  askingWhere: byLanguage,
  targetPrepositions: byLanguage,
  sideNouns: byLanguage,
  preferenceWords: byLanguage,
  relativePronouns: byLanguage,
  someoneElse: byLanguage,
  modalVerbs: byLanguage,
  tradePrepositions: byLanguage,
  clientNouns: byLanguage,
  jointWork: byLanguage,
  trialWords: byLanguage,
  placeBeforeName: byLanguage,
  askingWhoThere: byLanguage,
  questionSubjects: byLanguage,
  askingWhenOrWhy: byLanguage,
  timeOrder: byLanguage,
  timeOrderBeforeName: byLanguage,
  priceQuestions: byLanguage,
  durationQuestions: byLanguage,
  durationStated: byLanguage,
  objections: byLanguage,
  thisAssistant: byLanguage.extend({ name: z.strictObject({ de: z.string().min(1), en: z.string().min(1) }) }),
  participation: byLanguage.extend({ name: z.strictObject({ de: z.string().min(1), en: z.string().min(1) }) }),
  idleIdioms: byLanguage,
  whatIsThis: byLanguage.extend({ reading: z.strictObject({ de: z.string().min(1), en: z.string().min(1) }) }),
  excepting: byLanguage,
  coordinating: byLanguage,
  priceStated: byLanguage,
  lacking: byLanguage,
  placeArticles: byLanguage,
  placePrepositions: byLanguage,
  asWords: byLanguage,
  withWords: byLanguage,
  workplacePrepositions: byLanguage,
  listJoiners: byLanguage,
  deliveryWords: byLanguage,
  staffNouns: byLanguage,
  elsewhere: byLanguage,
  jobSeeking: byLanguage,
  privateContact: byLanguage,
  otherServices: byLanguage,
  audience: byLanguage,
  seekingBeforeAudience: byLanguage,
  companyNouns: byLanguage,
  particles: byLanguage,
  letterFormulas: z.strictObject({ salutations: byLanguage, closings: byLanguage }),
  wantedNouns: byLanguage,
  amountQuestions: byLanguage,
  countQuestions: byLanguage,
  followUp: z.strictObject({
    starts: byLanguage,
    aboutIt: byLanguage,
    pointers: byLanguage,
    endPointers: byLanguage,
    listed: byLanguage,
    alsoOffered: byLanguage,
    leansOn: byLanguage,
    inLastAnswer: byLanguage,
    inLastAnswerAtEnd: byLanguage,
    interjections: byLanguage,
    people: byLanguage,
    otherSide: byLanguage,
    more: byLanguage,
  }),
  followUpMaxWords: z.number().int().positive(),
  amountFillers: byLanguage,
  wantedKinds: z
    .array(
      byLanguage.extend({
        kinds: z.array(z.enum(providerKinds)).min(1),
        firms: z.boolean().default(false),
        overTopics: z.boolean().default(false),
        supportedBy: z.array(z.enum(providerKinds)).default([]),
        /** A site of the user's own ("Niederlassung", "branch"): it asks for these kinds, but names no one looked for. */
        ownSite: z.boolean().default(false),
      }),
    )
    .min(1),
  partnerNouns: byLanguage.extend({ kinds: z.array(z.enum(providerKinds)).min(1) }),
  intents: z.strictObject(Object.fromEntries(intentNames.map((name) => [name, intentSchema])) as Record<IntentName, typeof intentSchema>),
  need: z.strictObject({
    words: byLanguage,
    plans: byLanguage,
    ownPlanVerbs: byLanguage,
    ownPlanWithin: z.number().int().positive(),
    field: byLanguage,
    exists: z.strictObject({ asking: byLanguage, whom: byLanguage, withinChars: z.number().int().nonnegative() }),
    ownCompany: byLanguage,
    notWhenOpening: byLanguage,
    knowing: byLanguage,
  }),
  aboutTheCooperation: byLanguage,
  ownCompany: byLanguage,
  partners: byLanguage,
  kindFilter: z.strictObject({ opens: byLanguage, alsoOpens: byLanguage, kinds: z.array(byLanguage.extend({ kind: z.enum(providerKinds) })).min(1) }),
  questionStarts: byLanguage,
  indirectQuestionStarts: byLanguage,
  pointsBack: z.strictObject({ words: byLanguage, beforeWord: byLanguage, atEnd: byLanguage, lowerCase: byLanguage }),
  numberWords: byLanguage,
  fillers: byLanguage,
  providerFillers: byLanguage,
});

const names = z.array(entry).default([]);
const regionPlacesSchema = z.strictObject({
  names: z.array(entry).min(1, 'a region needs a name'),
  demonyms: names,
  abbreviations: names,
  areas: z.record(z.string(), z.array(entry).min(1)).default({}),
  districts: z.record(z.string(), z.strictObject({ names, towns: names })).default({}),
  /** The cooperation's partner in the region: a provider id. */
  partner: z.string().optional(),
});
export const placesFileSchema = z.strictObject({
  regions: z.strictObject({ dortmund: regionPlacesSchema, suedwestfalen: regionPlacesSchema }),
  /** Titles before a town's name that users leave out ("Berleburg" for "Bad Berleburg"). */
  omittedTitles: names,
});

/** How users write `town`: as listed, and without a title of `titles` before it ("Bad Berleburg", "Berleburg"). */
export function townSpellings(town: string, titles: readonly string[]): string[] {
  const words = town.trim().split(/\s+/);
  const titled = words.length > 1 && titles.some((title) => title.toLowerCase() === words[0]!.toLowerCase());
  return titled ? [town, words.slice(1).join(' ')] : [town];
}

export type LexiconFile = z.infer<typeof lexiconFileSchema>;
export type PlacesFile = z.infer<typeof placesFileSchema>;

/**
 * A word of a message: lower-cased and umlaut-folded, with the clause it is in (sentences, commas, semicolons, dashes;
 * not colons: "Sitz: Dortmund" is one statement; nor commas in parentheses: "Wir (Gießerei, Olpe) …" says one thing).
 */
export interface Word {
  word: string;
  /** The word as typed, lower-cased, umlauts kept. */
  raw: string;
  clause: number;
  /** The sentence the word is in (counted from 0; sentences end with ".", "!" or "?"). */
  sentence: number;
  /** The word's sentence ends with a question mark ("Wer hilft in Siegen?"). */
  asked: boolean;
  /** A colon follows the word ("Arnsberg: …", "Sitz: Dortmund"); it ends no clause. */
  colonAfter: boolean;
  /** Where the word is in the text: [start, end) in UTF-16 units of the NFC-normalised text. */
  from: number;
  to: number;
}

/** Words (a word with an English particle stays one: "Start-up" → "startup", as the analyzer has it), and clause marks. */
const TOKEN = /[\p{L}\p{N}]+(?:-(?:ups?|ins?|outs?|offs?|ons?)(?![\p{L}\p{N}]))?|[.!?;:,–—()]|\s-\s/giu;

/**
 * The words of the texts read last: a turn reads its message (and its follow-up readings) word by word in many places.
 * Frozen, since every caller shares them.
 */
const recentWords = new RecentCache<string, readonly Readonly<Word>[]>(16);

/** `word` was typed with a capital first letter in `text`, the NFC-normalised text its words were read from. */
export function typedCapitalised(text: string, word: Word): boolean {
  return /^\p{Lu}/u.test(text.slice(word.from, word.to));
}

/** The words of `text` with their clauses, as the lexicon matches them (shared: read only). */
export function wordsOf(text: string): readonly Readonly<Word>[] {
  return recentWords.remember(text, readWords);
}

function readWords(text: string): readonly Readonly<Word>[] {
  const out: Word[] = [];
  let clause = 0;
  let parentheses = 0;
  // Words of the sentence read so far: a question mark marks them as asked; a full stop or "!" ends the sentence.
  let sentenceStart = 0;
  let sentence = 0;
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    const token = match[0];
    if (token === ':') {
      const before = out[out.length - 1];
      if (before !== undefined && before.to === match.index) before.colonAfter = true;
      continue;
    }
    if (token === '?') for (let i = sentenceStart; i < out.length; i++) out[i]!.asked = true;
    // A full stop right after a single letter belongs to an abbreviation ("z.B.", "u. a."): the sentence goes on.
    const last = out[out.length - 1];
    const abbreviation = token === '.' && last !== undefined && last.to === match.index && [...last.raw].length === 1;
    if ((token === '?' || token === '!' || (token === '.' && !abbreviation)) && sentenceStart < out.length) {
      sentenceStart = out.length;
      sentence++;
    }
    if (token === '(' || token === ')') {
      parentheses = Math.max(0, parentheses + (token === '(' ? 1 : -1));
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(token)) {
      if (token === ',' && parentheses > 0) continue;
      if (out.length > 0 && out[out.length - 1]!.clause === clause) clause++;
      continue;
    }
    const raw = token.toLowerCase().replace('-', '');
    out.push({ word: foldUmlauts(raw), raw, clause, sentence, asked: false, colonAfter: false, from: match.index, to: match.index + token.length });
  }
  for (const word of out) Object.freeze(word);
  return Object.freeze(out);
}

/** One word of an entry: the folded word, or a prefix for an entry word ending in "*", a suffix for one starting with "*". */
type Part = { text: string; prefix: boolean; suffix?: boolean };

/** A place name or a plain phrase: its words, the last one a prefix when the phrase ends in "*". */
function compile(phrase: string): Part[] {
  const prefix = phrase.trim().endsWith('*');
  const parts = wordsOf(phrase.replace(/\*$/, '')).map((w) => ({ text: w.word, prefix: false }));
  if (prefix && parts.length > 0) parts[parts.length - 1]!.prefix = true;
  return parts;
}

/**
 * One position of an entry: its alternatives ("wer kann|könnte|hilft": the second and third word are alternatives),
 * each a sequence of words (one typed word may be two of the analyzer's: "we'd" → we, d).
 */
type Slot = Part[][];

/** An entry of a word list: words separated by spaces, alternatives for one position by "|", "*" for any ending or beginning. */
function compileEntry(entry: string): Slot[] {
  const slots: Slot[] = [];
  for (const token of entry.trim().split(/\s+/)) {
    const alternatives = token.split('|').filter(Boolean).map((alternative) => {
      const prefix = alternative.length > 1 && alternative.endsWith('*');
      const suffix = alternative.length > 1 && alternative.startsWith('*');
      const parts: Part[] = wordsOf(alternative.replace(/^\*|\*$/g, '')).map((w) => ({ text: w.word, prefix: false }));
      if (parts.length > 0) {
        if (prefix) parts[parts.length - 1]!.prefix = true;
        if (suffix) parts[0]!.suffix = true;
      }
      return parts;
    });
    const usable = alternatives.filter((parts) => parts.length > 0);
    if (usable.length === 0) continue;
    // A single alternative of several words is several positions: "we'd like" → we, d, like.
    if (usable.length === 1) for (const part of usable[0]!) slots.push([[part]]);
    else slots.push(usable);
  }
  return slots;
}

function fitsPart(part: Part, word: string): boolean {
  if (part.prefix && part.suffix) return word.includes(part.text);
  if (part.prefix) return word.startsWith(part.text);
  if (part.suffix) return word.endsWith(part.text);
  return word === part.text;
}

/** Whether the words of `alternative` are `words[i…]`, all in `clause`. */
function fitsAt(alternative: readonly Part[], words: readonly Word[], i: number, clause: number): boolean {
  if (i + alternative.length > words.length) return false;
  for (let n = 0; n < alternative.length; n++) {
    const word = words[i + n]!;
    if (word.clause !== clause || !fitsPart(alternative[n]!, word.word)) return false;
  }
  return true;
}

/** Particles a phrase may step over between two of its words (see `WordList`); at most this many in a row. */
const maxParticlesBetween = 2;

/**
 * The end (exclusive) of the longest way `slots[k…]` fits `words` from `i` within one clause, or -1; between two
 * positions of the entry it may step over words of `between`. It runs for every word of every message against many
 * entries, so it allocates nothing.
 */
function fitFrom(slots: readonly Slot[], k: number, words: readonly Word[], i: number, clause: number, between: ReadonlySet<string>): number {
  if (k === slots.length) return i;
  let best = -1;
  const alternatives = slots[k]!;
  for (let skipped = 0; skipped <= maxParticlesBetween; skipped++) {
    const at = i + skipped;
    if (skipped > 0 && (k === 0 || at > words.length || !between.has(words[at - 1]!.word) || words[at - 1]!.clause !== clause)) break;
    for (let a = 0; a < alternatives.length; a++) {
      const alternative = alternatives[a]!;
      if (!fitsAt(alternative, words, at, clause)) continue;
      best = Math.max(best, fitFrom(slots, k + 1, words, at + alternative.length, clause, between));
    }
    if (best >= 0) return best;
  }
  return best;
}

/** Adds `slots` to the entries kept under `key`. */
function addEntry(map: Map<string, Slot[][]>, key: string, slots: Slot[]): void {
  const list = map.get(key);
  if (list) list.push(slots);
  else map.set(key, [slots]);
}

/**
 * A list of words and phrases: tells where in a message one of them starts, and how many words it spans.
 *
 * Entries: a word ("anbieter"), a stem with any ending ("such*"), a word ending ("*partner": Industriepartner), a
 * sequence of words ("looking for"), alternatives per position ("wer kann|könnte|hilft"). Matched against
 * `wordsOf`: lower-cased, umlauts folded; a sequence does not reach over a clause mark ("wollen? Wir" is no "wollen wir").
 * Between the words of a sequence it steps over the `between` words (lexicon.yml `particles`: "rufen Sie mich bitte
 * zurück" is "rufen mich zurück").
 */
export class WordList {
  /**
   * The entries that can start at a word, found by what their first position asks of it: entries whose first word is
   * a whole word by that word; whose first word is a stem by its first letter; an ending, by its last letter; a part
   * anywhere in the word, always tried (`anywhere`). An entry with several first alternatives is kept under each
   * alternative's key; trying it twice at one word changes nothing.
   */
  private readonly byFirstWord = new Map<string, Slot[][]>();
  private readonly byFirstLetter = new Map<string, Slot[][]>();
  private readonly byLastLetter = new Map<string, Slot[][]>();
  private readonly anywhere: Slot[][] = [];
  readonly size: number;

  constructor(
    entries: readonly string[],
    private readonly between: ReadonlySet<string> = new Set(),
  ) {
    const compiled = entries.map(compileEntry).filter((slots) => slots.length > 0);
    this.size = compiled.length;
    for (const slots of compiled) {
      const firstParts = slots[0]!.map((alternative) => alternative[0]!);
      if (firstParts.some((part) => (part.prefix && part.suffix) || part.text.length === 0)) {
        this.anywhere.push(slots);
        continue;
      }
      const keys = { word: new Set<string>(), first: new Set<string>(), last: new Set<string>() };
      for (const part of firstParts) {
        if (part.prefix) keys.first.add(part.text[0]!);
        else if (part.suffix) keys.last.add(part.text[part.text.length - 1]!);
        else keys.word.add(part.text);
      }
      for (const key of keys.word) addEntry(this.byFirstWord, key, slots);
      for (const key of keys.first) addEntry(this.byFirstLetter, key, slots);
      for (const key of keys.last) addEntry(this.byLastLetter, key, slots);
    }
  }

  /** The length in words of the longest entry that starts at `words[i]`, or 0. */
  matchAt(words: readonly Word[], i: number): number {
    if (i < 0 || i >= words.length) return 0;
    const word = words[i]!.word;
    let end = this.longestFit(this.byFirstWord.get(word), words, i);
    if (this.byFirstLetter.size > 0) end = Math.max(end, this.longestFit(this.byFirstLetter.get(word[0]!), words, i));
    if (this.byLastLetter.size > 0) end = Math.max(end, this.longestFit(this.byLastLetter.get(word[word.length - 1]!), words, i));
    if (this.anywhere.length > 0) end = Math.max(end, this.longestFit(this.anywhere, words, i));
    return Math.max(0, end - i);
  }

  /** The end (exclusive) of the longest of `entries` that fits the words from `i`, or -1. */
  private longestFit(entries: readonly Slot[][] | undefined, words: readonly Word[], i: number): number {
    let best = -1;
    if (entries === undefined) return best;
    const clause = words[i]!.clause;
    for (let e = 0; e < entries.length; e++) best = Math.max(best, fitFrom(entries[e]!, 0, words, i, clause, this.between));
    return best;
  }

  /** Positions where an entry starts. */
  positions(words: readonly Word[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < words.length; i++) if (this.matchAt(words, i) > 0) out.push(i);
    return out;
  }

  has(words: readonly Word[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.matchAt(words, i) > 0) return true;
    return false;
  }

  /** The length of the entry the message starts with, or 0. */
  opens(words: readonly Word[]): number {
    return this.matchAt(words, 0);
  }

  /**
   * True when the whole message is one entry, after dropping words of `ignoring` at its start and end ("bitte einen
   * Mitarbeiter" is "Mitarbeiter").
   */
  isWhole(words: readonly Word[], ignoring?: WordList): boolean {
    let start = 0;
    let end = words.length;
    if (ignoring) {
      while (start < end && ignoring.matchAt(words, start) === 1) start++;
      while (end > start && ignoring.matchAt(words, end - 1) === 1) end--;
    }
    if (start === end) return false;
    return this.matchAt(words.slice(start, end), 0) === end - start;
  }
}

/**
 * "Word A shortly before word B": an entry of `first`, then one of `then` starting at most `withinChars` characters
 * after its end ("gibt es in Siegen eine Hochschule", "is there a company …"). The distance is counted in characters
 * of the text, so a few long words weigh like many short ones.
 */
export class Near {
  constructor(
    readonly first: WordList,
    readonly then: WordList,
    readonly withinChars: number,
  ) {}

  has(words: readonly Word[]): boolean {
    for (let i = 0; i < words.length; i++) {
      const length = this.first.matchAt(words, i);
      if (length === 0) continue;
      const end = words[i + length - 1]!.to;
      for (let j = i + length; j < words.length && words[j]!.from - end <= this.withinChars; j++) {
        if (this.then.matchAt(words, j) > 0) return true;
      }
    }
    return false;
  }
}

/** A place named in a message. */
export interface PlaceMention {
  region: Region;
  /** Word positions [start, end). */
  start: number;
  end: number;
  /** The adjective or inhabitants' form ("Dortmunder", "Sauerländer"). */
  demonym: boolean;
  /** The districts the place lies in or covers; empty for the whole region. */
  districts: string[];
}

interface PlaceName {
  region: Region;
  parts: Part[];
  demonym: boolean;
  districts: string[];
  /** Counts only right after an origin preposition ("aus do"). */
  afterOrigin: boolean;
}

const both = (list: { de: string[]; en: string[] }) => [...list.de, ...list.en];

/** An intent of lexicon.yml, compiled: see the comment above `intents:` there. */
export interface CompiledIntent {
  name: IntentName;
  whole?: WordList;
  ignoring?: WordList;
  opens?: WordList;
  maxCharsAfter?: number;
  anywhere?: WordList;
  notWhenOpening?: WordList;
}

/** The lexicon and the places, compiled for matching. */
export class Lexicon {
  readonly self: WordList;
  readonly possessives: WordList;
  /** `indefiniteArticles`: "ein", "a" before one party ("a Dortmund company"), not a class ("Dortmund firms"). */
  readonly indefiniteArticles: WordList;
  /** `offerVerbs`: firms that offer something ("Firmen bieten …") are its providers, not firms to work with. */
  readonly offerVerbs: WordList;
  /** `beneficiaryPrepositions`: "für"/"for" before a party behind the one sought: whom the help is for. */
  readonly beneficiaryPrepositions: WordList;
  /** `doVerbs`: "machen", "do": right after a word for firms in its clause, like `offerVerbs` (not in a relative clause). */
  readonly doVerbs: WordList;
  /** `selfIntroductions`: a clause opening with one of these says what the user is ("Wir sind ein Start-up."). */
  readonly selfIntroductions: WordList;
  /** `introductionEnds`: what the user says about themselves ends here ("Wir sind ein Start-up *und* erleben …"). */
  readonly introductionEnds: WordList;
  /** `askingExistence`: a clause opening with one of these asks whether someone exists ("Gibt es …", "Any …"). */
  readonly askingExistence: WordList;
  readonly needVerbs: WordList;
  readonly helpVerbs: WordList;
  readonly originPrepositions: WordList;
  readonly residence: WordList;
  /** `residenceFounding`: words of `residence` that say the user is founding: they stay in the provider search. */
  readonly residenceFounding: WordList;
  /** Words of residence that follow the place ("in Dortmund gegründet"). */
  readonly residenceAfter: WordList;
  /** Labels of an address right before the place ("Standort: Olpe", "Sitz Siegen"). */
  readonly residenceLabels: WordList;
  /** `startingPoint`: a place between `before` and `after` ("von Dortmund aus") is where the user acts from. */
  readonly startingPoint: { before: WordList; after: WordList };
  /** Question words asking where ("Wo im Sauerland …?"). */
  readonly askingWhere: WordList;
  readonly targetPrepositions: WordList;
  /** A side of the cooperation right after a place ("auf der Dortmunder Seite", "the South Westphalia side"): where to look. */
  readonly sideNouns: WordList;
  /** A wish right before a place's preposition ("gern aus Südwestfalen", "ideally in …"): where the user looks. */
  readonly preferenceWords: WordList;
  /** Words that open a relative clause after a noun ("…, das Lagertechnik anbietet"). */
  readonly relativePronouns: WordList;
  /** Someone other than the user as the one who seeks ("Sucht jemand …?", "Is anyone looking for …?"). */
  readonly someoneElse: WordList;
  /** Modal verbs ending a relative clause after its verb ("…, die uns helfen können"). */
  readonly modalVerbs: WordList;
  /** Between a firm sought and its trade ("Hersteller von Sensorik", `tradePrepositions`). */
  readonly tradePrepositions: WordList;
  /** Firms sought as customers ("Pilotkunden", `clientNouns`). */
  /** `jointWork`: working together with the firms sought ("gemeinsam entwickeln", "co-develop"). */
  readonly jointWork: WordList;
  /** `trialWords`: trying something out with the firms sought ("testen", "pilot"): they are test users. */
  readonly trialWords: WordList;
  readonly clientNouns: WordList;
  /** A surname alone after one of these is a town, not the person (`placeBeforeName`). */
  readonly placeBeforeName: WordList;
  /** A question word for whom the user looks for, before a place (`askingWhoThere`: "Wer aus Dortmund …?"). */
  readonly askingWhoThere: WordList;
  /** `questionSubjects`: the subject of a question before whom it asks for ("Kann *man* … Studierende finden?"). */
  readonly questionSubjects: WordList;
  /** `askingWhenOrWhy`: a question for a time or a reason, never for providers ("Wann findet … statt?"). */
  readonly askingWhenOrWhy: WordList;
  /** `timeOrder`: words asking what came before or after a fact ("Vorgänger", "previous"); see `statesAskedOrder`. */
  readonly timeOrder: WordList;
  /** `timeOrderBeforeName`: "vor"/"before" right before a person's full name asks for who came before them. */
  readonly timeOrderBeforeName: WordList;
  /** `priceQuestions`: "Was kostet …?", "how much does … cost": a question for a price (see `statesAskedPrice`). */
  readonly priceQuestions: WordList;
  /** `durationQuestions`: "Wie lange gilt …?", "until when": a question for how long something runs (see `statesAskedDuration`). */
  readonly durationQuestions: WordList;
  /** `durationStated`: words that state a span of time or a term ("Jahre", "unbefristet", "months"). */
  readonly durationStated: WordList;
  /** `objections`: particles that make a statement after a question an objection ("doch", "after all"): context. */
  readonly objections: WordList;
  /** `thisAssistant`: "diese Seite", "this website": the assistant itself, read as `thisAssistantName` of a language. */
  readonly thisAssistant: WordList;
  readonly thisAssistantName: { readonly de: string; readonly en: string };
  /** `participation`: idioms for taking part ("mit im Boot", "on board"), read as `participationName` of a language. */
  readonly participation: WordList;
  readonly participationName: { readonly de: string; readonly en: string };
  /** `idleIdioms`: idioms that name nothing asked about ("den ganzen Tag", "all day"), left out before the search. */
  readonly idleIdioms: WordList;
  /** `whatIsThis`: a first message that only asks what this is ("Was ist das hier?"), read as `whatIsThisReading`. */
  readonly whatIsThis: WordList;
  readonly whatIsThisReading: { readonly de: string; readonly en: string };
  /** `excepting`: "außer", "apart from": what follows is left out of what is asked (see `withoutExcepted`). */
  readonly excepting: WordList;
  /** `coordinating`: "und", "oder", "and", "or": a second thing excepted after the first ("außer Hochschulen und …"). */
  readonly coordinating: WordList;
  /** `priceStated`: words that state a price or that something is free ("Euro", "kostenlos", "free of charge"). */
  readonly priceStated: WordList;
  /** `lacking`: words saying a side has not or cannot something ("nicht", "fehlt", "can't"); see `withoutLackingSide`. */
  readonly lacking: WordList;
  /** Words between a preposition and its place ("aus dem Sauerland", "im Raum Siegen"). */
  readonly placeArticles: WordList;
  /** Prepositions between whom a user looks for and a place ("Partner in Siegen"). */
  readonly placePrepositions: WordList;
  /** "als", "as" before an inhabitants' form. */
  readonly asWords: WordList;
  /** Need verbs that follow what is sought ("Agentur gesucht"): see lexicon.yml. */
  readonly soughtParticiples: WordList;
  readonly withWords: WordList;
  /** `workplacePrepositions`: after a self-introduction, the firm where the user works ("ich bin … bei einem Hersteller in …"). */
  readonly workplacePrepositions: WordList;
  /** `listJoiners`: "und", "oder" joining two nouns of one phrase. */
  readonly listJoiners: WordList;
  /** `deliveryWords`: goods or trips on their way to someone ("Touren zu"); a kind of firm right after is where they go. */
  readonly deliveryWords: WordList;
  /** `staffNouns`: people a firm hires or trains; "aus" after them says where those people are, not the user. */
  readonly staffNouns: WordList;
  /** `elsewhere`: places outside both regions. */
  readonly elsewhere: WordList;
  /** A letter's salutation and closing (`letterFormulas`). */
  readonly letterFormulas: { salutations: WordList; closings: WordList };
  /** `otherServices`: trades and services no profile offers. */
  readonly otherServices: WordList;
  /** `audience`: "für", "for" before whom something is meant for. */
  readonly audience: WordList;
  /** `seekingBeforeAudience`: "looking", "searching" before "for": then "for" names what is sought, not whom it is for. */
  readonly seekingBeforeAudience: WordList;
  /** `companyNouns`: words for a firm that, opening a clause, introduce the user's company. */
  readonly companyNouns: WordList;
  /** `jobSeeking`: a person looking for a job, an apprenticeship or an internship for themselves. */
  readonly jobSeeking: WordList;
  /** `privateContact`: private contact data of a person, which the assistant never gives. */
  readonly privateContact: WordList;
  readonly amountQuestions: WordList;
  readonly countQuestions: WordList;
  readonly followUp: {
    starts: WordList;
    /** `aboutIt`: openings with a word for what was just asked or offered ("geht das auch …?", "could that also work …?"). */
    aboutIt: WordList;
    pointers: WordList;
    /** `endPointers`: words that point back only where they close a clause ("Was kostet der?"), else articles. */
    endPointers: WordList;
    /** `listed`: words that, right after a provider list, stand for the providers shown ("what do those charge?"). */
    listed: WordList;
    /**
     * `alsoOffered`: right after a provider list, words asking whether the providers shown also offer something
     * ("Machen die auch …?", "do they also …?").
     */
    alsoOffered: WordList;
    leansOn: WordList;
    inLastAnswer: WordList;
    /** `inLastAnswerAtEnd`: words that ask whether something is among what the last answer listed where they close a clause ("Ist Soest auch dabei?"). */
    inLastAnswerAtEnd: WordList;
    interjections: WordList;
    people: WordList;
    otherSide: WordList;
    more: WordList;
    maxWords: number;
  };
  readonly amountFillers: WordList;
  /** `wantedNouns`: whom a user may look for besides the kinds ("Partner", "Anbieter"). */
  readonly wantedNouns: WordList;
  /** `wantedNouns` and every word of `wantedKinds` but a site of the user's own (`ownSite`): whom a user may look for. */
  readonly wanted: WordList;
  /** `supportedBy`: the kinds asked for when someone is asked to help these ("Wer unterstützt Start-ups?"). */
  readonly wantedKinds: { kinds: ProviderKind[]; firms: boolean; overTopics: boolean; ownSite: boolean; supportedBy: ProviderKind[]; words: WordList }[];
  /** `partnerNouns`: a partner sought with no kind named ("einen Partner für …"): these kinds are preferred. */
  readonly partnerNouns: { kinds: ReadonlySet<string>; words: WordList };
  /** The kinds that support users (every `supportedBy` of `wantedKinds`: chambers, agencies, networks). */
  readonly supporterKinds: ReadonlySet<string>;
  /** The intents that need no search, in the order they are tried. */
  readonly intents: CompiledIntent[];
  readonly need: { words: WordList; plans: WordList; ownPlanVerbs: WordList; ownPlanWithin: number; field: WordList; exists: Near; ownCompany: WordList; notWhenOpening: WordList; knowing: WordList };
  /** `aboutTheCooperation`: words that make the cooperation itself the subject of a question. */
  readonly aboutTheCooperation: WordList;
  readonly ownCompany: WordList;
  readonly partnerWords: WordList;
  readonly kindFilter: { opens: WordList; alsoOpens: WordList; kinds: { kind: ProviderKind; words: WordList }[] };
  readonly questionStarts: WordList;
  readonly indirectQuestionStarts: WordList;
  readonly pointsBack: { words: WordList; beforeWord: WordList; atEnd: WordList; lowerCase: WordList };
  readonly numberWords: WordList;
  /** `fillers` and `providerFillers` as written (single words, both languages): see `queryWords.ts`. */
  readonly fillerWords: string[];
  readonly providerFillerWords: string[];
  /** The cooperation's partner per region (provider ids). */
  readonly partners: Partial<Record<Region, string>> = {};
  private readonly placeNames: PlaceName[];
  /** Place names by their first word (longest first). */
  private readonly placesByFirstWord = new Map<string, PlaceName[]>();
  /** Town or district (folded) → its district, for providers' `city`. */
  private readonly districtOfPlace = new Map<string, string>();
  private readonly regionNames = new Map<string, Region>();

  constructor(lexicon: LexiconFile, places: PlacesFile) {
    const particles = new Set(both(lexicon.particles).map((word) => foldUmlauts(word.toLowerCase())));
    // Whom a user may look for: `wantedNouns` and every word of `wantedKinds` but a site of the user's own (`ownSite`).
    const wantedEntries = [...both(lexicon.wantedNouns), ...lexicon.wantedKinds.filter((group) => !group.ownSite).flatMap(both)];
    const phrases = (entries: { de: string[]; en: string[] }) => new WordList(both(entries), particles);
    this.self = phrases(lexicon.self);
    this.possessives = phrases(lexicon.possessives);
    this.indefiniteArticles = phrases(lexicon.indefiniteArticles);
    this.offerVerbs = phrases(lexicon.offerVerbs);
    this.beneficiaryPrepositions = phrases(lexicon.beneficiaryPrepositions);
    this.doVerbs = phrases(lexicon.doVerbs);
    this.selfIntroductions = phrases(lexicon.selfIntroductions);
    this.introductionEnds = phrases(lexicon.introductionEnds);
    this.askingExistence = phrases(lexicon.askingExistence);
    this.needVerbs = phrases(lexicon.needVerbs);
    this.soughtParticiples = phrases(lexicon.soughtParticiples);
    this.helpVerbs = phrases(lexicon.helpVerbs);
    this.originPrepositions = phrases(lexicon.originPrepositions);
    this.residence = phrases(lexicon.residence);
    this.residenceFounding = phrases(lexicon.residenceFounding);
    this.residenceAfter = phrases(lexicon.residenceAfter);
    this.residenceLabels = phrases(lexicon.residenceLabels);
    this.startingPoint = { before: phrases(lexicon.startingPoint.before), after: phrases(lexicon.startingPoint.after) };
    this.askingWhere = phrases(lexicon.askingWhere);
    this.targetPrepositions = phrases(lexicon.targetPrepositions);
    this.sideNouns = phrases(lexicon.sideNouns);
    this.preferenceWords = phrases(lexicon.preferenceWords);
    this.relativePronouns = phrases(lexicon.relativePronouns);
    this.someoneElse = phrases(lexicon.someoneElse);
    this.modalVerbs = phrases(lexicon.modalVerbs);
    this.tradePrepositions = phrases(lexicon.tradePrepositions);
    this.clientNouns = phrases(lexicon.clientNouns);
    this.jointWork = phrases(lexicon.jointWork);
    this.trialWords = phrases(lexicon.trialWords);
    this.placeBeforeName = phrases(lexicon.placeBeforeName);
    this.askingWhoThere = phrases(lexicon.askingWhoThere);
    this.questionSubjects = phrases(lexicon.questionSubjects);
    this.askingWhenOrWhy = phrases(lexicon.askingWhenOrWhy);
    this.timeOrder = phrases(lexicon.timeOrder);
    this.timeOrderBeforeName = phrases(lexicon.timeOrderBeforeName);
    this.priceQuestions = phrases(lexicon.priceQuestions);
    this.priceStated = phrases(lexicon.priceStated);
    this.durationQuestions = phrases(lexicon.durationQuestions);
    this.durationStated = phrases(lexicon.durationStated);
    this.objections = phrases(lexicon.objections);
    this.thisAssistant = phrases(lexicon.thisAssistant);
    this.thisAssistantName = lexicon.thisAssistant.name;
    this.participation = phrases(lexicon.participation);
    this.participationName = lexicon.participation.name;
    this.idleIdioms = phrases(lexicon.idleIdioms);
    this.whatIsThis = phrases(lexicon.whatIsThis);
    this.whatIsThisReading = lexicon.whatIsThis.reading;
    this.excepting = phrases(lexicon.excepting);
    this.coordinating = phrases(lexicon.coordinating);
    this.lacking = phrases(lexicon.lacking);
    this.placeArticles = phrases(lexicon.placeArticles);
    this.placePrepositions = phrases(lexicon.placePrepositions);
    this.asWords = phrases(lexicon.asWords);
    this.withWords = phrases(lexicon.withWords);
    this.workplacePrepositions = phrases(lexicon.workplacePrepositions);
    this.listJoiners = phrases(lexicon.listJoiners);
    this.deliveryWords = phrases(lexicon.deliveryWords);
    this.staffNouns = phrases(lexicon.staffNouns);
    this.elsewhere = phrases(lexicon.elsewhere);
    this.jobSeeking = phrases(lexicon.jobSeeking);
    this.privateContact = phrases(lexicon.privateContact);
    this.companyNouns = phrases(lexicon.companyNouns);
    this.otherServices = phrases(lexicon.otherServices);
    this.audience = phrases(lexicon.audience);
    this.seekingBeforeAudience = phrases(lexicon.seekingBeforeAudience);
    this.letterFormulas = { salutations: phrases(lexicon.letterFormulas.salutations), closings: phrases(lexicon.letterFormulas.closings) };
    this.amountQuestions = phrases(lexicon.amountQuestions);
    this.countQuestions = phrases(lexicon.countQuestions);
    this.followUp = {
      starts: phrases(lexicon.followUp.starts),
      aboutIt: phrases(lexicon.followUp.aboutIt),
      pointers: phrases(lexicon.followUp.pointers),
      endPointers: phrases(lexicon.followUp.endPointers),
      listed: phrases(lexicon.followUp.listed),
      alsoOffered: phrases(lexicon.followUp.alsoOffered),
      leansOn: phrases(lexicon.followUp.leansOn),
      inLastAnswer: phrases(lexicon.followUp.inLastAnswer),
      inLastAnswerAtEnd: phrases(lexicon.followUp.inLastAnswerAtEnd),
      interjections: phrases(lexicon.followUp.interjections),
      people: phrases(lexicon.followUp.people),
      otherSide: phrases(lexicon.followUp.otherSide),
      more: phrases(lexicon.followUp.more),
      maxWords: lexicon.followUpMaxWords,
    };
    this.amountFillers = phrases(lexicon.amountFillers);
    this.wanted = new WordList(wantedEntries, particles);
    this.wantedNouns = phrases(lexicon.wantedNouns);
    this.partnerNouns = { kinds: new Set(lexicon.partnerNouns.kinds), words: phrases(lexicon.partnerNouns) };
    this.supporterKinds = new Set(lexicon.wantedKinds.flatMap((group) => group.supportedBy));
    this.wantedKinds = lexicon.wantedKinds.map((group) => ({ kinds: group.kinds, firms: group.firms, overTopics: group.overTopics, ownSite: group.ownSite, supportedBy: group.supportedBy, words: phrases(group) }));
    const list = (entries: { de: string[]; en: string[] } | undefined) => (entries ? phrases(entries) : undefined);
    this.intents = intentNames.map((name) => {
      const i = lexicon.intents[name];
      return {
        name,
        whole: list(i.whole),
        ignoring: list(i.ignoring),
        opens: list(i.opens),
        maxCharsAfter: i.maxCharsAfter,
        anywhere: list(i.anywhere),
        notWhenOpening: list(i.notWhenOpening),
      };
    });
    const need = lexicon.need;
    this.need = {
      words: phrases(need.words),
      plans: phrases(need.plans),
      ownPlanVerbs: phrases(need.ownPlanVerbs),
      ownPlanWithin: need.ownPlanWithin,
      field: phrases(need.field),
      knowing: phrases(need.knowing),
      // Whom the question asks for: the words of `need.exists.whom`, and any word for whom a user may look for (`wanted`:
      // "Gibt es Maschinenbauer …?", "Are there manufacturers …?").
      exists: new Near(
        phrases(need.exists.asking),
        new WordList([...both(need.exists.whom), ...wantedEntries], particles),
        need.exists.withinChars,
      ),
      ownCompany: phrases(need.ownCompany),
      notWhenOpening: phrases(need.notWhenOpening),
    };
    this.ownCompany = phrases(lexicon.ownCompany);
    this.aboutTheCooperation = phrases(lexicon.aboutTheCooperation);
    this.partnerWords = phrases(lexicon.partners);
    this.kindFilter = {
      opens: phrases(lexicon.kindFilter.opens),
      alsoOpens: phrases(lexicon.kindFilter.alsoOpens),
      kinds: lexicon.kindFilter.kinds.map((group) => ({ kind: group.kind, words: phrases(group) })),
    };
    this.questionStarts = phrases(lexicon.questionStarts);
    this.indirectQuestionStarts = phrases(lexicon.indirectQuestionStarts);
    const pointsBack = lexicon.pointsBack;
    this.pointsBack = {
      words: phrases(pointsBack.words),
      beforeWord: phrases(pointsBack.beforeWord),
      atEnd: phrases(pointsBack.atEnd),
      lowerCase: phrases(pointsBack.lowerCase),
    };
    this.numberWords = phrases(lexicon.numberWords);
    this.fillerWords = both(lexicon.fillers);
    this.providerFillerWords = both(lexicon.providerFillers);
    this.placeNames = [];
    for (const region of regions) {
      const r = places.regions[region];
      if (r.partner) this.partners[region] = r.partner;
      const add = (name: string, districts: string[], demonym = false, afterOrigin = false) =>
        this.placeNames.push({ region, parts: compile(name), demonym, districts, afterOrigin });
      for (const name of r.names) {
        add(name, []);
        this.regionNames.set(foldUmlauts(name.toLowerCase()), region);
      }
      for (const name of r.demonyms) add(name, [], true);
      for (const name of r.abbreviations) add(name, [], false, true);
      for (const [area, districts] of Object.entries(r.areas)) add(area, districts, /(er|ern)$/.test(area));
      for (const [district, { names: districtNames, towns }] of Object.entries(r.districts)) {
        for (const name of [district, ...districtNames]) {
          add(name, [district]);
          this.districtOfPlace.set(foldUmlauts(name.toLowerCase()), district);
        }
        for (const town of towns) {
          for (const spelling of townSpellings(town, places.omittedTitles)) add(spelling, [district]);
          // The adjective: "Olper", "Siegener".
          add(`${town}r`, [district], true);
          add(`${town}er`, [district], true);
          this.districtOfPlace.set(foldUmlauts(town.toLowerCase()), district);
        }
      }
    }
    // Longer names first: "Kreis Siegen-Wittgenstein" before "Siegen".
    this.placeNames.sort((a, b) => b.parts.length - a.parts.length);
    for (const name of this.placeNames) {
      const first = name.parts[0]!.text;
      this.placesByFirstWord.set(first, [...(this.placesByFirstWord.get(first) ?? []), name]);
    }
  }

  /**
   * The first word of a place name that `word` may be a typo of (see `typoDistance`), the nearest one; none when two
   * are equally near. Only for words no place name starts with and long enough to allow a slip; a look along the few
   * hundred first words.
   */
  private placeWordNear(word: string): string | undefined {
    if (this.placesByFirstWord.has(word) || typoEdits(word.length) === 0) return undefined;
    // A turn reads the places of its words several times (region, intents, follow-up): each word is looked up once.
    const known = this.placeWordsNear.get(word);
    if (known !== undefined) return known || undefined;
    if (this.placeWordsNear.size >= 4096) this.placeWordsNear.clear();
    const near = this.nearestPlaceWord(word);
    this.placeWordsNear.set(word, near ?? '');
    return near;
  }

  /** Per word looked up by `placeWordNear`: the first word of a place name it may be a typo of, '' for none. */
  private readonly placeWordsNear = new Map<string, string>();

  private nearestPlaceWord(word: string): string | undefined {
    let near: string | undefined;
    let least = Infinity;
    let tie = false;
    for (const first of this.placesByFirstWord.keys()) {
      const distance = typoDistance(word, first);
      if (distance === undefined || distance > least) continue;
      tie = distance === least;
      least = distance;
      near = first;
    }
    return tie ? undefined : near;
  }

  /** The first name of each region ("Dortmund", "Südwestfalen"). */
  regionName(region: Region): string {
    return this.placeNames.find((name) => name.region === region && name.districts.length === 0 && !name.demonym && !name.afterOrigin)!.parts.map((p) => p.text).join(' ');
  }

  /**
   * Every place `words` name, left to right, longest name first where names overlap. A word that names no place but
   * may be a typo of a place name ("Lüdenscheit", "Siegerlant", see `mayBeTypoOf`) is read as that place.
   */
  places(words: readonly Word[]): PlaceMention[] {
    const out: PlaceMention[] = [];
    for (let i = 0; i < words.length; ) {
      const typed = words[i]!.word;
      const named = this.placesByFirstWord.get(typed) ?? this.placesByFirstWord.get(this.placeWordNear(typed) ?? '') ?? [];
      const found = named.find(
        (name) =>
          i + name.parts.length <= words.length &&
          name.parts.every((part, k) => (k === 0 ? true : words[i + k]!.word === part.text)) &&
          (!name.afterOrigin || (i > 0 && this.originPrepositions.matchAt(words, i - 1) === 1)),
      );
      if (!found) {
        i++;
        continue;
      }
      out.push({ region: found.region, start: i, end: i + found.parts.length, demonym: found.demonym, districts: found.districts });
      i += found.parts.length;
    }
    return out;
  }

  /**
   * The districts a provider's `city` lies in: one for a town or district of places.yml, all (undefined) for a region
   * name ("Südwestfalen"), none for a place outside the list (a provider elsewhere, e.g. Hagen).
   */
  districtsOfCity(city: string): string[] | undefined {
    const key = foldUmlauts(city.toLowerCase());
    if (this.regionNames.has(key)) return undefined;
    const district = this.districtOfPlace.get(key);
    return district ? [district] : [];
  }
}

const parseYaml = (text: string): unknown => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });

/** `file: path: reason` lines for a zod error, as the knowledge loader reports them. */
function problemsOf(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
}

/** Reads and validates lexicon.yml and places.yml in `dir`; returns the lexicon or the problems found. */
export function readLexicon(dir: string): { lexicon?: Lexicon; problems: string[] } {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path.join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: (file): ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
    const result = schema.safeParse(data);
    if (!result.success) problems.push(...problemsOf(name, result.error));
    return result.success ? result.data : undefined;
  };
  const lexicon = read('lexicon.yml', lexiconFileSchema);
  const places = read('places.yml', placesFileSchema);
  if (!lexicon || !places) return { problems };
  return { lexicon: new Lexicon(lexicon, places), problems };
}

/** knowledge/places.yml of the project, read and validated once (the place names for `places.ts`). */
let shippedPlaces: PlacesFile | undefined;
export function projectPlaces(): PlacesFile {
  if (shippedPlaces) return shippedPlaces;
  const file = projectPath('knowledge', 'places.yml');
  const result = placesFileSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!result.success) throw new Error(`knowledge/places.yml is invalid:\n${problemsOf('places.yml', result.error).join('\n')}`);
  return (shippedPlaces = result.data);
}

let shipped: Lexicon | undefined;

/**
 * The lexicon of the project's `knowledge/` folder, read once. Language knowledge, not content: it does not change
 * with a curator's edit of the FAQ, so it is read once per process.
 */
export function projectLexicon(): Lexicon {
  if (shipped) return shipped;
  const { lexicon, problems } = readLexicon(projectPath('knowledge'));
  if (!lexicon) throw new Error(`knowledge/lexicon.yml or places.yml is invalid:\n${problems.join('\n')}`);
  return (shipped = lexicon);
}

