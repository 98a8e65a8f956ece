/**
 * Language detection restricted to German and English (eld with its extra-small n-gram database, cut down to German
 * and English, see `languageData.ts`; docs/quality.md, appendix, says why this database).
 * Short texts are unreliable; the caller passes the conversation's language as fallback.
 */
import { contentWords } from './analyzer.js';
import { queryCacheSize, RecentCache } from './recentCache.js';
import germanEnglish from './germanEnglishNgrams.json' with { type: 'json' };
import { eldModuleUrl, type NgramDatabase } from './languageData.js';
import type { FaqEntry, Language } from './schema.js';

type Eld = (typeof import('eld/extrasmall'))['eld'];

const eld = await germanEnglishDetector();

/**
 * An eld instance with the cut German/English database. If eld's module files moved (a future eld), its public
 * entry with all 60 languages: the same decisions, a slower start and more memory.
 */
export async function germanEnglishDetector(): Promise<Eld> {
  try {
    type CreateEld = () => { instance: Eld; loadData: (data: NgramDatabase) => string };
    const { createEld } = (await import(eldModuleUrl('languageDetector.js'))) as { createEld: CreateEld };
    const { instance, loadData } = createEld();
    if (loadData(germanEnglish as NgramDatabase)) {
      instance.setLanguageSubset(['de', 'en']);
      return instance;
    }
  } catch {
    // Fall through to the public entry.
  }
  const { eld: whole } = await import('eld/extrasmall');
  whole.setLanguageSubset(['de', 'en']);
  return whole;
}

export interface DetectedLanguage {
  lang: Language;
  /** False for texts too short or too mixed to tell; then `lang` is the fallback. */
  reliable: boolean;
}

/**
 * Function words that settle short texts eld is unsure about. Words both languages use ("in", "an", "was", "so")
 * are left out. An umlaut or ß counts half a German word: German names turn up in English questions too
 * ("Website of the Wirtschaftsförderung Dortmund").
 */
const germanWords =
  /\b(und|oder|wer|wie|wann|wo|warum|weshalb|wieso|woher|wohin|welche[rsnm]?|wem|wen|ist|sind|der|das|den|dem|des|ich|du|wir|ihr|nicht|bitte|hilfe|danke|hallo|gibt|es|mit|für|fuer|nur|kann|können|koennen|suche|suchen|brauchen|unser|unsere|unseren|unserer|bei|beim|hat|haben|hast|habe|dein|deine|mein|meine|ein|eine|einen|einem|einer|zur|zum|vom|von|über|ueber|auch|noch|schon|sich|uns|wird|wurde|gibt)\b/gi;
const englishWords =
  /\b(and|or|who|how|what|when|where|why|which|is|are|the|i|we|you|not|please|help|thanks|hello|there|with|for|only|can|looking|need|our|my|do|does|did|of|to|from|about|this|that|your|have|has|a|be|were|its)\b/gi;
const germanLetters = /[äöüß]/i;

function countMatches(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Words that the German and the English FAQ entries both use in their titles and questions: names (Südwestfalen,
 * Hubertus Winterberg, Wirtschaftsförderung), places, years, loanwords. They say nothing about the language of a
 * question, but their letters are German, so "address Südwestfalen Agentur Olpe street" was taken for German.
 */
export function languageNeutralWords(faqs: readonly FaqEntry[]): Set<string> {
  const wordsOf = (lang: Language) =>
    new Set(faqs.filter((faq) => faq.lang === lang).flatMap((faq) => [faq.title, ...faq.questions].flatMap((t) => contentWords(t))));
  const english = wordsOf('en');
  return new Set([...wordsOf('de')].filter((word) => english.has(word)));
}

/**
 * Proper names of the folder: words both languages share ({@link languageNeutralWords}) that the English entries write
 * capitalised inside a sentence more often than not (English capitalises only names): "Winterberg", "Westphal",
 * "Olpe", "Wirtschaftsförderung". Lower-case, umlauts folded (as `lexicon.ts` reads words).
 */
export function properNames(faqs: readonly FaqEntry[], neutral = languageNeutralWords(faqs)): Set<string> {
  const capitalised = new Map<string, number>();
  for (const faq of faqs.filter((entry) => entry.lang === 'en')) {
    for (const text of [faq.title, ...faq.questions, faq.body]) {
      (text.match(/\p{L}[\p{L}\p{N}-]*/gu) ?? []).forEach((word, i) => {
        if (i === 0) return;
        const key = word.toLowerCase();
        capitalised.set(key, (capitalised.get(key) ?? 0) + (/^\p{Lu}/u.test(word) ? 1 : -1));
      });
    }
  }
  return new Set([...capitalised].filter(([word, balance]) => balance > 0 && neutral.has(word)).map(([word]) => word));
}

/**
 * Per set of neutral words, per recent token: whether it is kept (see `withoutNeutralWords`). Messages repeat their
 * tokens ("Südwestfalen", "Agentur", "die"), and every message's language is told.
 */
const keptTokens = new WeakMap<ReadonlySet<string>, RecentCache<string, boolean>>();

/** `text` without the words made only of `neutral` words; the whole text when nothing else is left. */
function withoutNeutralWords(text: string, neutral: ReadonlySet<string>): string {
  let known = keptTokens.get(neutral);
  if (!known) keptTokens.set(neutral, (known = new RecentCache(queryCacheSize)));
  const kept = text.split(/\s+/).filter((token) =>
    known.remember(token, () => {
      const words = contentWords(token);
      return words.length === 0 || !words.every((word) => neutral.has(word));
    }),
  );
  const rest = kept.join(' ');
  return contentWords(rest).length > 0 ? rest : text;
}

/**
 * The language of `text`, German or English; `fallback` when it cannot be told. With `neutral` (see
 * {@link languageNeutralWords}) names and other words both languages use are left out of the decision.
 */
export function detectLanguage(text: string, fallback: Language = 'de', neutral?: ReadonlySet<string>): DetectedLanguage {
  const trimmed = neutral ? withoutNeutralWords(text.trim(), neutral) : text.trim();
  if (trimmed.length === 0) return { lang: fallback, reliable: false };
  const de = countMatches(germanWords, trimmed) + (germanLetters.test(trimmed) ? 0.5 : 0);
  const en = countMatches(englishWords, trimmed);
  // Function words beat n-grams on short texts.
  if (Math.abs(de - en) >= 1) return { lang: de > en ? 'de' : 'en', reliable: true };
  const result = eld.detect(trimmed);
  const scores = result.getScores() as Partial<Record<Language, number>>;
  const guess = result.language === 'en' || result.language === 'de' ? (result.language as Language) : undefined;
  if (!guess) return { lang: fallback, reliable: false };
  const margin = Math.abs((scores.de ?? 0) - (scores.en ?? 0));
  if (margin < 0.1) return { lang: fallback, reliable: false };
  return { lang: guess, reliable: true };
}
