/**
 * Language detection restricted to German and English (eld, small n-gram database).
 * Short texts are unreliable; the caller passes the conversation's language as fallback.
 */
import { eld } from 'eld/small';
import type { Language } from './schema.js';

eld.setLanguageSubset(['de', 'en']);

export interface DetectedLanguage {
  lang: Language;
  /** False for texts too short or too mixed to tell; then `lang` is the fallback. */
  reliable: boolean;
}

/** German function words and letters that settle short texts eld is unsure about. */
const germanHints = /[äöüß]|\b(und|oder|wer|wie|wann|wo|ist|sind|der|das|ich|wir|nicht|bitte|hilfe|danke|hallo|gibt|es|mit|für|fuer|nur|kann|suche|suchen|brauchen|unser|unsere|bei)\b/gi;
const englishHints = /\b(and|or|who|how|what|when|where|is|are|the|i|we|not|please|help|thanks|hello|there|with|for|only|can|looking|need|our|my|do|does)\b/gi;

function countMatches(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

export function detectLanguage(text: string, fallback: Language = 'de'): DetectedLanguage {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { lang: fallback, reliable: false };
  const de = countMatches(germanHints, trimmed);
  const en = countMatches(englishHints, trimmed);
  const result = eld.detect(trimmed);
  const scores = result.getScores() as Partial<Record<Language, number>>;
  const guess = result.language === 'en' || result.language === 'de' ? (result.language as Language) : undefined;
  if (Math.abs(de - en) >= 1 && (de === 0 || en === 0 || Math.abs(de - en) >= 2)) {
    const hinted: Language = de > en ? 'de' : 'en';
    // Function words beat n-grams on short texts.
    return { lang: hinted, reliable: true };
  }
  if (!guess) return { lang: fallback, reliable: false };
  const margin = Math.abs((scores.de ?? 0) - (scores.en ?? 0));
  if (margin < 0.1) return { lang: fallback, reliable: false };
  return { lang: guess, reliable: true };
}
