/**
 * Text analysis for German and English: the same functions run at index time and at query time, so that what a user
 * types and what the knowledge folder says meet in one form.
 *
 * Pipeline per word: Unicode NFC → lower case → stop word removal → a separable verb's zu-infinitive as its infinitive
 * ("aufzubauen" → "aufbauen") → umlaut/ß folding → Snowball stemming.
 * German words of eight or more letters are also split into their parts when the parts are known words
 * (`digitalisierungsberatung` → `digitalisierung`, `beratung`), so that a query for the head finds the compound.
 * Next to its stem, a word is also indexed in its folded surface form when that differs: typos happen on what people
 * write, not on stems (Snowball turns "Sicherheit" into "sich", which no typo of "Sicherheit" is close to).
 */
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { deu, eng } from 'stopword';
import type { Language } from './schema.js';
import { projectPlaces } from './lexicon.js';
import { foldUmlauts, rememberFoldsWhileBuilding } from './umlauts.js';

/** What is remembered while an index is built (see {@link rememberWhileBuilding}); undefined otherwise. */
let buildMemo: { stems: Map<string, string>; words: Map<string, readonly string[]> } | undefined;

/**
 * Pronouns the stopword lists miss (they have "unsere" but not "unseres", "our" but not "us"): they say who asks, never
 * what about ("Wer berät uns bei der Digitalisierung unseres Betriebs?").
 */
const missingPronouns = {
  de: ['unseres', 'unseren', 'unserem', 'unsrer', 'unsre', 'unsren', 'eures', 'eurem'],
  en: ['us', 'ours', 'yours', 'theirs', 'hers', 'ourselves', 'yourself', 'yourselves', 'myself', 'themselves'],
};

/** Auxiliary verbs the English list misses ("did", "do" are in it): they say how a question is built, not what about. */
const missingAuxiliaries = ['does', 'doing', 'will'];

/**
 * Question words the German list has only in two words ("wie viele"): written as one ("Wieviele Städte …?") they ask
 * how many just the same and name nothing the question is about.
 */
const missingQuestionWords = ['wieviel', 'wieviele', 'wievielen', 'wievieler'];

const germanStopwords = new Set([...deu, ...missingPronouns.de, ...missingQuestionWords].map(foldUmlauts));
const englishStopwords = new Set([...eng, ...missingPronouns.en, ...missingAuxiliaries]);

/**
 * Short all-caps words that are domain terms although they look like stop words ("IT", "KI").
 * They are kept whatever the stop word lists say.
 */
const keptAcronyms = new Set(['it', 'ki', 'ai', 'ml', 'iot', 'erp', 'crm', 'seo', 'sap', 'ux']);

/**
 * "du", "you": addressing the assistant ("Was ist deine Aufgabe?", "What are you here for?") asks about the assistant.
 * Kept as words here; `queryWords.ts` weighs them as question words.
 */
export const secondPersonWords = ['du', 'dich', 'dir', 'dein', 'deine', 'deinen', 'deinem', 'deiner', 'deines', 'ihr', 'euch', 'you', 'your'];

/** Words that stay words even when a stop word list disagrees: they carry the meaning of many questions. */
const keptWords = new Set([
  'wann', 'wo', 'wer', 'warum', 'weshalb', 'wieso', 'when', 'where', 'who', 'why', 'hilfe', 'help',
  // "Was hat … gesagt?" asks for a quote; the German list drops these forms as stop words.
  'gesagt', 'sagte', 'sagt', 'sagen', 'said', 'say', 'says',
  // "In welchem Jahr …", "An welchem Tag …" ask for a date, as "which year" and "which day" do in English.
  'jahr', 'jahre', 'jahren', 'tag',
  ...secondPersonWords,
]);

/** Heads that make common German compounds; the corpus vocabulary adds more. */
const builtInHeads = [
  'beratung', 'sicherheit', 'entwicklung', 'software', 'management', 'planung', 'technik', 'technologie', 'forschung',
  'projekt', 'projekte', 'partner', 'anbieter', 'dienstleister', 'losung', 'losungen', 'wartung', 'produktion',
  'logistik', 'kette', 'programm', 'forderung', 'forderprogramm', 'netzwerk', 'zentrum', 'institut', 'hochschule',
  'unternehmen', 'firma', 'betrieb', 'agentur', 'angriff', 'schutz', 'daten', 'analyse', 'automatisierung',
  'vereinbarung', 'vertrag', 'kooperation', 'transfer', 'arbeit', 'arbeiten', 'markt', 'marketing', 'handel', 'shop',
  'kraft', 'krafte', 'bildung', 'weiterbildung', 'grundung', 'grunder', 'startup', 'start', 'region', 'standort',
  'fuhrer', 'leiter', 'sprecher', 'kontakt', 'adresse', 'anlage', 'anlagen', 'maschine', 'maschinen', 'roboter',
  'system', 'systeme', 'plattform', 'infrastruktur', 'cloud', 'intelligenz', 'lernen', 'studium', 'studierende',
];

/**
 * The names of a region written as several words ("South Westphalia", "South-Westphalia"; knowledge/places.yml), each
 * with the region's first name ("Südwestfalen"), built on first use. The analyser reads such a name as that one word,
 * as a German text writes it: otherwise an English question that names the region matches "south" and "westphalia"
 * fully in the few entries that spell the English name and only through a synonym in the many that write
 * "Südwestfalen", and the name "Westphal" reads as the start of "Westphalia".
 */
let multiWordRegionNames: { pattern: RegExp; names: Map<string, string> } | null | undefined;

function regionNamesOfSeveralWords(): typeof multiWordRegionNames {
  if (multiWordRegionNames !== undefined) return multiWordRegionNames;
  const names = new Map<string, string>();
  for (const region of Object.values(projectPlaces().regions)) {
    const [first] = region.names;
    if (!first) continue;
    for (const name of [...region.names, ...region.demonyms]) {
      if (/[\s-]/.test(name.trim())) names.set(spacedKey(name), first);
    }
  }
  const sources = [...names.keys()].sort((a, b) => b.length - a.length).map((name) => name.split(' ').join('[\\s-]+'));
  multiWordRegionNames = names.size === 0 ? null : { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), names };
  return multiWordRegionNames;
}

/** A name lower-cased with its words apart by one space ("South-Westphalia" → "south westphalia"). */
function spacedKey(name: string): string {
  return name.trim().toLowerCase().split(/[\s-]+/).join(' ');
}

/** `text` with each name of a region in several words replaced by the region's one-word name. */
export function withRegionNamesJoined(text: string): string {
  const joined = regionNamesOfSeveralWords();
  if (!joined) return text;
  return text.replace(joined.pattern, (match) => joined.names.get(spacedKey(match)) ?? match);
}

/**
 * Splits text into words: letters and digits, keeping inner hyphens apart as separate words. Version-like numbers
 * stay one word ("Industrie 4.0"), so that they are not lost as two one-letter words. A word with an English particle
 * ("Start-up", "Roll-out", "Spin-off") becomes one word ("startup"): apart, "Start" would stand for start-ups.
 */
export function splitWords(text: string): string[] {
  return (withRegionNamesJoined(text.normalize('NFC')).match(WORD) ?? []).map(joinParticle);
}

const APOSTROPHE = /['’]/;
const WORD = /[\p{L}\p{N}]+(?:-(?:ups?|ins?|outs?|offs?|ons?)(?![\p{L}\p{N}]))?(?:\.\d+)*/giu;

/** "Start-up" → "Start"+"up" as one word: "Startup". */
function joinParticle(word: string): string {
  return word.includes('-') ? word.replace('-', '') : word;
}

/**
 * Lower-cased words without stop words. Short all-caps acronyms (IT, KI) survive. The result is shared while an index
 * is built (see {@link rememberWhileBuilding}): read it, do not change it.
 */
export function contentWords(text: string): readonly string[] {
  const known = buildMemo?.words.get(text);
  if (known) return known;
  const out: string[] = [];
  const normalised = withRegionNamesJoined(text.normalize('NFC'));
  for (const match of normalised.matchAll(WORD)) {
    // The tail of an English contraction ("we're", "we've", "we'll") is no word: "re" found "research" by prefix.
    if (APOSTROPHE.test(normalised[match.index - 1] ?? '')) continue;
    const raw = joinParticle(match[0]);
    const lower = raw.toLowerCase();
    // "it" is the English pronoun unless written "IT" or as the first part of a compound ("it-sicherheit").
    if (lower === 'it' && raw !== 'IT' && normalised[match.index + 2] !== '-') continue;
    if (keptAcronyms.has(lower) || keptWords.has(lower)) {
      out.push(lower);
      continue;
    }
    if (lower.length < 2) continue;
    if (germanStopwords.has(foldUmlauts(lower)) || englishStopwords.has(lower)) continue;
    out.push(infinitiveOfZu(lower));
  }
  buildMemo?.words.set(text, out);
  return out;
}

/**
 * A German separable verb's infinitive with "zu" inside ("aufzubauen", "anzubieten", "auszuprobieren"): its prefix, "zu"
 * and an infinitive of four or more letters. Not a gerundive ("die Auszubildenden": "bilden" + "d" + an ending), a noun
 * with a short rest ("Aufzügen"), a compound of "Zug" ("Umzugskosten") or a word that does not end like an infinitive
 * ("Einzugsgebiet").
 */
const ZU_INFINITIVE = /^(ab|an|auf|aus|bei|bereit|dar|durch|ein|fest|frei|her|heraus|herein|hin|hinzu|los|mit|nach|statt|teil|um|vor|voran|vorbei|weg|weiter|zurück|zusammen|zu)zu((?!gs)\p{L}{2,}(?:en|ern|eln))$/u;
const GERUNDIVE = /^\p{L}{2,}end(e|en|er|es|em)?$/u;

/** `word` as the infinitive without "zu" when it is a separable verb's zu-infinitive (see `ZU_INFINITIVE`); else `word`. */
export function infinitiveOfZu(word: string): string {
  const match = ZU_INFINITIVE.exec(word);
  if (!match || GERUNDIVE.test(match[2]!)) return word;
  return match[1]! + match[2]!;
}

/**
 * Remembers stems and the content words of texts until the returned function is called: a knowledge folder repeats
 * the same words thousands of times, and an index build reads each text several times (to learn compound parts, to
 * index it, to match its lines). Only for building: what a search keeps per query word is bounded and kept apart
 * (`WordReadings` in queryWords.ts).
 *
 * @example
 * const forget = rememberWhileBuilding();
 * try { build(); } finally { forget(); }
 */
export function rememberWhileBuilding(): () => void {
  if (buildMemo) return () => {};
  buildMemo = { stems: new Map(), words: new Map() };
  const forgetFolds = rememberFoldsWhileBuilding();
  return () => {
    buildMemo = undefined;
    forgetFolds();
  };
}

/**
 * An English word in the American "-ize", "-yze" spelling ("digitalization", "organize", "analyzed"), with at least
 * three letters before the ending ("size", "prize" stay). The folder writes the British "-ise", "-yse", and Snowball
 * stems the two apart: "digitalisation" → "digitalis", "digitalization" → "digit", the stem of "digital".
 */
const AMERICAN_ENDING = /^(\p{L}{3,}[iy])z(e|es|ed|ing|er|ers|ation|ations)$/u;

/** `word` in the British spelling the folder uses, when it is an American "-ize"/"-yze" form; else `word`. */
function britishSpelling(word: string): string {
  const match = AMERICAN_ENDING.exec(word);
  return match ? `${match[1]}s${match[2]}` : word;
}

/** The index form of one lower-case word in one language. */
export function stem(word: string, lang: Language): string {
  const key = buildMemo && `${lang}:${word}`;
  const known = key && buildMemo!.stems.get(key);
  if (known) return known;
  const stemmed = lang === 'de' ? germanStemmer(foldUmlauts(word)) : englishStemmer(britishSpelling(foldUmlauts(word)));
  if (key) buildMemo!.stems.set(key, stemmed);
  return stemmed;
}

/** Shortest head accepted without a known first part. */
const MIN_LONE_HEAD = 6;
/** Endings that make an adjective of a noun ("gründ|lich", "grundsätz|lich", "zweifel|haft"): no compound head. */
const ADJECTIVE_ENDING = /(lich|isch|haft|sam|bar|ig)(e|en|em|er|es)?$/;

/**
 * Known words used to split compounds: folded, unstemmed words of 4+ letters.
 * Built from the corpus so that a domain's own vocabulary splits its own compounds.
 */
export class CompoundSplitter {
  private readonly heads = new Set<string>(builtInHeads);

  constructor(words: Iterable<string> = []) {
    for (const word of words) this.heads.add(word);
  }

  /** Adds every word of `text` of four or more letters to the known words. */
  learn(text: string): void {
    for (const word of contentWords(text)) {
      const folded = foldUmlauts(word);
      if (folded.length >= 4 && !this.heads.has(folded)) {
        this.heads.add(folded);
        this.splits.clear();
      }
    }
  }

  /**
   * The known parts of a folded compound, head first, or `[]`.
   *
   * @example
   * splitter.split('digitalisierungsberatung') // ['beratung', 'digitalisierung']
   */
  split(folded: string): string[] {
    if (folded.length < 8) return [];
    let parts = this.splits.get(folded);
    if (!parts) {
      // Bounded: a server splits every new query word; the folder's own words are split again and again.
      if (this.splits.size >= 50_000) this.splits.clear();
      this.splits.set(folded, (parts = this.splitUncached(folded)));
    }
    return parts;
  }

  /** Splits of words asked for since the known words last changed (read only). */
  private readonly splits = new Map<string, string[]>();

  private splitUncached(folded: string): string[] {
    for (let start = 3; start <= folded.length - 4; start++) {
      const head = folded.slice(start);
      if (!this.heads.has(head)) continue;
      const parts = [head];
      let modifier = folded.slice(0, start);
      if (!this.heads.has(modifier) && /(s|es|n|en)$/.test(modifier)) {
        const trimmed = modifier.replace(/(es|s|en|n)$/, '');
        if (this.heads.has(trimmed)) modifier = trimmed;
      }
      if (modifier.length >= 4 && this.heads.has(modifier)) parts.push(modifier);
      // A short head after an unknown rest is mostly a word's tail that happens to be a word too
      // ("Internetadr|essen"): keep searching for a longer head, and give up if there is none.
      else if (head.length < MIN_LONE_HEAD) continue;
      return parts;
    }
    return [];
  }

  /**
   * The known first part of a compound whose head is unknown ("gesellschafterstruktur" → "gesellschafter"), or
   * undefined. Only the longest known part of five or more letters ("cloud") that leaves four or more letters counts,
   * and none in an adjective: "gründlich" and "grundsätzlich" are no compounds of "Grund".
   */
  knownModifier(folded: string): string | undefined {
    if (ADJECTIVE_ENDING.test(folded)) return undefined;
    for (let end = folded.length - 4; end >= 5; end--) {
      const modifier = folded.slice(0, end);
      if (this.heads.has(modifier)) return modifier;
      const trimmed = modifier.replace(/(es|s|en|n)$/, '');
      if (trimmed !== modifier && trimmed.length >= 5 && this.heads.has(trimmed)) return trimmed;
    }
    return undefined;
  }

  /** Every known word: `new CompoundSplitter(words)` knows the same ones. */
  knownWords(): string[] {
    return [...this.heads];
  }

  /** True when `folded` is a known word. */
  knows(folded: string): boolean {
    return this.heads.has(folded);
  }
}

/** One term of an analysed text, with the word it came from. */
export interface AnalysedTerm {
  term: string;
  /** The lower-case word the user or author wrote. */
  word: string;
  /** `word` itself (its stem or its folded surface form), a part of a compound, or a synonym of `word`. */
  origin: 'word' | 'compound' | 'synonym';
}

/** The index terms of one word: its stem, and its folded surface form when that differs from the stem. */
export function wordTerms(word: string, lang: Language): string[] {
  const stemmed = stem(word, lang);
  const folded = foldUmlauts(word);
  return folded === stemmed ? [stemmed] : [stemmed, folded];
}

/**
 * Index terms of a text in one language: stems (and surface forms) of the content words plus those of compound parts.
 */
export function analyse(text: string, lang: Language, splitter: CompoundSplitter): AnalysedTerm[] {
  const out: AnalysedTerm[] = [];
  for (const word of contentWords(text)) {
    for (const term of wordTerms(word, lang)) out.push({ term, word, origin: 'word' });
    if (lang === 'de' || word.length >= 10) {
      for (const part of splitter.split(foldUmlauts(word))) {
        for (const term of wordTerms(part, lang)) out.push({ term, word, origin: 'compound' });
      }
    }
  }
  return out;
}

/** The analysed text as a space-joined string (what the index stores for a field). */
export function analyseToString(text: string, lang: Language, splitter: CompoundSplitter): string {
  return analyse(text, lang, splitter)
    .map((t) => t.term)
    .join(' ');
}
