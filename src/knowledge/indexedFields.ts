/**
 * The fields the knowledge index holds per document, and how a document's text becomes their index terms: each text
 * analysed in its own language (`analyzer.ts`), compound parts in a field of their own.
 */
import { analyse, type CompoundSplitter } from './analyzer.js';
import { withoutQuestionWords } from './queryWords.js';
import type { FaqEntry, KnowledgeDocument, Language, Topic } from './schema.js';

/**
 * Indexed fields. `parts` holds the compound parts of every other field's words ("Beratung" of
 * "Digitalisierungsberatung"): found, but weaker evidence than the word itself.
 */
export const FIELDS = ['title', 'questions', 'tags', 'body', 'en', 'needs', 'parts'] as const;
export type Field = (typeof FIELDS)[number];
type TextField = Exclude<Field, 'parts'>;

/** A document's searchable text per field, before analysis; `tagsEn` and `needsEn` are indexed in English. */
export type RawFields = Record<TextField | 'tagsEn' | 'needsEn', string>;

/** The searchable text of a document per field, before analysis. */
export function rawFields(doc: KnowledgeDocument, topics: ReadonlyMap<string, Topic>): RawFields {
  if (doc.type === 'faq') return faqFields(doc);
  const labels = doc.topics.map((id) => topics.get(id));
  // A provider's kind is not searched: the words users ask for kinds by are read in the core (lexicon.yml
  // `wantedKinds`), and as a word "netzwerk" found every network organisation for "unser Netzwerk" (the user's IT).
  const fields = {
    title: [doc.name, ...doc.aliases].join('\n'),
    questions: doc.offers.join('\n'),
    tags: [...labels.map((t) => t?.de ?? ''), doc.city, doc.region].join('\n'),
    tagsEn: labels.map((t) => t?.en ?? '').join('\n'),
    body: doc.body,
    en: doc.summary_en ?? '',
    needs: doc.needs?.de.join('\n') ?? '',
    needsEn: doc.needs?.en.join('\n') ?? '',
  };
  // A profile answers no question: its "wo" ("… an der Stadtkrone Ost, wo …") or a need phrasing's "wer" ("Wer berät
  // uns bei …?") is grammar, and must not match the question word of every message.
  return Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, withoutQuestionWords(text)])) as RawFields;
}

function faqFields(doc: FaqEntry): RawFields {
  return {
    title: doc.title,
    questions: doc.questions.join('\n'),
    tags: doc.tags.join('\n'),
    tagsEn: '',
    body: doc.body,
    en: '',
    needs: '',
    needsEn: '',
  };
}

/** A document's index terms per field, space-separated: each text analysed in its own language. */
export function analysedFields(raw: RawFields, doc: KnowledgeDocument, splitter: CompoundSplitter): Record<Field, string> {
  const out = {} as Record<Field, string>;
  const parts: string[] = [];
  const add = (field: TextField, text: string, lang: Language) => {
    const terms = analyse(text, lang, splitter);
    out[field] = [out[field] ?? '', ...terms.filter((t) => t.origin === 'word').map((t) => t.term)].join(' ').trim();
    parts.push(...terms.filter((t) => t.origin === 'compound').map((t) => t.term));
  };
  for (const field of ['title', 'questions', 'tags', 'body', 'en', 'needs'] as const) {
    const lang: Language = doc.type === 'faq' ? doc.lang : field === 'en' ? 'en' : 'de';
    add(field, raw[field], lang);
  }
  // Provider topic labels and kind exist in both languages, and so do needs.
  if (doc.type === 'provider') add('tags', raw.tagsEn, 'en');
  if (doc.type === 'provider') add('needs', raw.needsEn, 'en');
  out.parts = parts.join(' ');
  return out;
}
