/**
 * Masking of what identifies a person in text kept for statistics, and keyed pseudonyms.
 */
import { describe, expect, it } from 'vitest';
import { MASKS, maskPersonalData } from '../../src/privacy/mask.js';
import { Pseudonyms } from '../../src/privacy/pseudonym.js';

describe('maskPersonalData', () => {
  it.each([
    ['Bitte an anna.berg@example.org schreiben', `Bitte an ${MASKS.email} schreiben`],
    ['Mail: j.müller+chat@stadt-olpe.de.', `Mail: ${MASKS.email}.`],
    ['Rufen Sie 0231 123 4567 an', `Rufen Sie ${MASKS.phone} an`],
    ['Tel. +49 (0)2761 94 50-12', `Tel. ${MASKS.phone}`],
    ['Handy 0171/2345678', `Handy ${MASKS.phone}`],
    ['0049 231 5550 100', MASKS.phone],
    ['IBAN DE89 3704 0044 0532 0130 00 bitte', `IBAN ${MASKS.iban} bitte`],
    ['de89370400440532013000', MASKS.iban],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'Die Vereinbarung wurde am 25.06.2018 unterzeichnet.',
    'Am 2018-06-25 in Arnsberg',
    'Wir haben 250 Mitarbeiter und 12 Standorte',
    'Förderung bis 50.000 Euro',
    'ISO 27001 und DIN 5008',
    'Wer leitet die Südwestfalen Agentur?',
  ])('leaves %j as it is', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks several kinds in one text and keeps the question readable', () => {
    expect(maskPersonalData('Ich bin anna@firma.de, 0231 9876543, und suche Hilfe bei KI')).toBe(
      `Ich bin ${MASKS.email}, ${MASKS.phone}, und suche Hilfe bei KI`,
    );
  });
});

describe('Pseudonyms', () => {
  it('gives the same user the same pseudonym, others and other keys different ones, without the id in it', () => {
    const a = new Pseudonyms('key-a');
    const b = new Pseudonyms('key-b');
    expect(a.of('webchat', 'dl_123')).toBe(a.of('webchat', 'dl_123'));
    expect(a.of('webchat', 'dl_123')).not.toBe(a.of('webchat', 'dl_124'));
    expect(a.of('webchat', 'dl_123')).not.toBe(a.of('msteams', 'dl_123'));
    expect(a.of('webchat', 'dl_123')).not.toBe(b.of('webchat', 'dl_123'));
    expect(a.of('webchat', 'dl_123')).not.toContain('dl_123');
    expect(a.of('webchat', 'dl_123')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
