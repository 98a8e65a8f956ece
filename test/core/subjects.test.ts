/** Which FAQ entry a question names the subject of (src/core/subjects.ts), on a small synthetic folder. */
import { describe, expect, it } from 'vitest';
import { EntrySubjects } from '../../src/core/subjects.js';
import { projectLexicon } from '../../src/knowledge/lexicon.js';
import type { FaqEntry } from '../../src/knowledge/schema.js';

const faq = (id: string, title: string): FaqEntry => ({ id, title, lang: 'de' }) as unknown as FaqEntry;
const faqs = [
  faq('quote-meier', 'Was hat Erika Meier gesagt?'),
  faq('agency', 'Was ist die Muster Agentur GmbH?'),
  faq('agency-role', 'Welche Rolle spielt die Muster Agentur?'),
];
const names = new Set(['erika', 'meier', 'muster', 'agentur', 'gmbh']);

describe('entry subjects', () => {
  const subjects = new EntrySubjects(faqs, names, projectLexicon());

  it('reads a full name only one title holds as that entry’s subject, by either of its words', () => {
    expect(subjects.subjectIn('Was meinte Meier bei der Unterzeichnung?', 'de')).toBe('quote-meier');
    expect(subjects.subjectIn('Erika Meier, was war ihr Kommentar?', 'de')).toBe('quote-meier');
  });

  it('takes no name that several titles hold as a subject, nor a lone name after a place preposition', () => {
    expect(subjects.subjectIn('Was macht die Agentur GmbH?', 'de')).toBeUndefined();
    expect(subjects.subjectIn('Wie ist das Wetter in Meier?', 'de')).toBeUndefined();
    expect(subjects.subjectIn('Was hat Meier gesagt?', 'en')).toBeUndefined();
  });
});
