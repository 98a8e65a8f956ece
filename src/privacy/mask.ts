/**
 * Masks what identifies a person in text kept for statistics and curation (the question log): e-mail addresses,
 * phone numbers and IBAN-like strings become placeholders. What a user asked stays readable; who they are does not.
 */

/** Placeholders that replace what was masked. */
export const MASKS = { email: '[E-Mail]', phone: '[Telefon]', iban: '[IBAN]' } as const;

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Two country letters, two check digits, then 11–30 letters or digits, optionally in groups of four. */
const iban = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/gi;
/**
 * A phone number: an optional + or 00 country prefix, then at least seven digits in groups that may be separated by
 * spaces, slashes, dots or dashes and an optional area code in parentheses. Years, dates and amounts have fewer
 * digits or other separators and stay.
 */
const phone = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d{1,5}\)?(?:[ /.-]?\(?\d{1,6}\)?){2,6}(?![\p{L}\p{N}])/gu;

const digitCount = (text: string) => text.replace(/\D/g, '').length;

/** Dates that look like phone numbers by their digits: 2018-06-25, 25.06.2018, 25/06/2018. */
const date = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}([./])\d{1,2}\1\d{2,4})$/;

/**
 * @example
 * maskPersonalData('Bitte an anna@example.org oder 0231 123 4567') // 'Bitte an [E-Mail] oder [Telefon]'
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(email, MASKS.email)
    .replace(iban, (match) => (digitCount(match) >= 10 ? MASKS.iban : match))
    .replace(phone, (match) => (digitCount(match) >= 7 && !date.test(match.trim()) ? MASKS.phone : match));
}
