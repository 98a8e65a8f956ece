/**
 * The one mapping from a client's locale ("de-DE", "en-US", "EN") to the product's languages.
 */
import type { Language } from './schema.js';

/** The language of a locale if it is one of ours, else undefined. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const prefix = locale?.trim().slice(0, 2).toLowerCase();
  return prefix === 'de' || prefix === 'en' ? prefix : undefined;
}

/** The language of a locale, German when the locale is missing or not one of ours (the agencies' default). */
export function languageOrGerman(locale: string | undefined): Language {
  return languageOfLocale(locale) ?? 'de';
}
