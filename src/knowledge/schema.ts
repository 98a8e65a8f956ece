/**
 * zod schemas of the knowledge folder, next to the types they produce. See docs/knowledge-format.md.
 */
import { z } from 'zod';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

export const providerKinds = ['hochschule', 'forschung', 'startup', 'unternehmen', 'netzwerk', 'verwaltung'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const regions = ['dortmund', 'suedwestfalen'] as const;
export type Region = (typeof regions)[number];

/** The cooperation's other side: the region a firm from `region` looks to. */
export function otherRegion(region: Region): Region {
  return region === 'dortmund' ? 'suedwestfalen' : 'dortmund';
}

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug like "tu-dortmund"');
const nonEmptyText = z.string().trim().min(1, 'must not be empty');
/**
 * A calendar day like 2026-11-25. The loader keeps YAML dates as text; a Date is accepted too. The round trip through
 * `Date` rejects days that do not exist (2026-02-30, 2026-13-45), which `Date.parse` alone would roll over.
 */
const isoDay = z.union([z.date(), z.string()], { error: 'must be a date like 2026-11-25' }).transform((value, ctx) => {
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : value;
  const roundTrip = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!roundTrip || Number.isNaN(roundTrip.getTime()) || roundTrip.toISOString().slice(0, 10) !== text) {
    ctx.addIssue({ code: 'custom', message: 'must be a date like 2026-11-25' });
    return z.NEVER;
  }
  return text;
});

/**
 * The date of a source document: a day (2024-05-13), a month (2024-05), a year (2024), or "undated" for a page that
 * states no date. YAML reads a bare year as a number; it is kept as text.
 */
const sourceDateProblem = 'must be a date like 2024-05-13, 2024-05, 2024 or "undated"';
const sourceDate = z.union([z.date(), z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'is required' : sourceDateProblem) }).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  if (text === 'undated' || /^\d{4}$/.test(text)) return text;
  const [year, month, day] = text.split('-');
  const probe = day ? text : month ? `${text}-01` : '';
  const roundTrip = /^\d{4}-\d{2}(-\d{2})?$/.test(text) ? new Date(`${probe}T00:00:00Z`) : undefined;
  if (!year || !roundTrip || Number.isNaN(roundTrip.getTime()) || roundTrip.toISOString().slice(0, probe.length) !== probe) {
    ctx.addIssue({ code: 'custom', message: sourceDateProblem });
    return z.NEVER;
  }
  return text;
});

export const faqFrontMatterSchema = z.strictObject({
  type: z.literal('faq'),
  id: slug,
  lang: z.enum(languages),
  title: nonEmptyText,
  questions: z.array(nonEmptyText).min(1, 'needs at least one question'),
  tags: z.array(nonEmptyText).default([]),
  related: z.array(slug).default([]),
  source: nonEmptyText.optional(),
  /** `draft`: written by a curator (or `npm run gaps -- --write`), checked but not served until set `live`. */
  status: z.enum(['live', 'draft']).default('live'),
  /**
   * `person`: the entry stands for asking to talk to a person ("Kann mich jemand zurückrufen?"). When it is the reply,
   * the bot offers the handoff instead of showing the body; its questions teach the search how people ask for one.
   */
  reply: z.enum(['answer', 'person']).default('answer'),
});

export const providerFrontMatterSchema = z.strictObject({
  type: z.literal('provider'),
  id: slug,
  name: nonEmptyText,
  /**
   * Other names users call the provider by ("TU Dortmund", "University of Siegen"); with the name, and the name's part
   * in brackets, they make the provider named in a message, which then shows it first.
   */
  aliases: z.array(nonEmptyText).default([]),
  kind: z.enum(providerKinds),
  region: z.enum(regions),
  city: nonEmptyText,
  topics: z.array(slug).min(1, 'needs at least one topic'),
  offers: z.array(nonEmptyText).min(1, 'needs at least one offer'),
  url: z.url({ message: 'must be a URL' }),
  source: z.url({ message: 'must be a URL' }),
  /**
   * When the source document was written or last updated (see {@link sourceDate}); shown to users as "Stand …", and
   * `npm run knowledge:check` warns when it is older than KNOWLEDGE_SOURCE_MAX_AGE_YEARS.
   */
  sourceDate,
  /** The day someone checked the profile against its source. */
  verified: isoDay,
  summary_en: nonEmptyText.optional(),
  /**
   * How companies describe, in their own words, needs that this provider's offers serve ("Unsere Leute stapeln den
   * ganzen Tag Kartons auf Paletten"). Searched, not shown in the chat: they bridge everyday words and the profile's terms, and
   * may only rephrase what the profile itself states.
   */
  needs: z.strictObject({ de: z.array(nonEmptyText).default([]), en: z.array(nonEmptyText).default([]) }).optional(),
});

export const topicSchema = z.strictObject({
  id: slug,
  de: nonEmptyText,
  en: nonEmptyText,
  /** Words that name the topic in a message; each also through its group in synonyms.yml. */
  terms: z.array(nonEmptyText).min(1, 'needs at least one term that names the topic'),
});
export const topicsFileSchema = z.array(topicSchema).min(1);
/** `out-of-scope.yml`: questions curators marked "not our topic", per language. */
export const outOfScopeFileSchema = z.strictObject({
  de: z.array(nonEmptyText).default([]),
  en: z.array(nonEmptyText).default([]),
});
export type OutOfScopeExamples = z.infer<typeof outOfScopeFileSchema>;
export const synonymsFileSchema = z.array(z.array(nonEmptyText).min(2, 'a group needs at least two terms'));

export type FaqFrontMatter = z.infer<typeof faqFrontMatterSchema>;
export type ProviderFrontMatter = z.infer<typeof providerFrontMatterSchema>;
export type Topic = z.infer<typeof topicSchema>;

export interface FaqEntry extends Omit<FaqFrontMatter, 'status' | 'reply'> {
  /** `live` when unset. */
  status?: FaqFrontMatter['status'];
  /** `answer` when unset. */
  reply?: FaqFrontMatter['reply'];
  body: string;
  file: string;
}

export interface ProviderProfile extends ProviderFrontMatter {
  body: string;
  file: string;
}

export type KnowledgeDocument = FaqEntry | ProviderProfile;

/** The validated knowledge folder. */
export interface Knowledge {
  faqs: FaqEntry[];
  providers: ProviderProfile[];
  topics: Topic[];
  synonyms: string[][];
  /** Entries with `status: draft`: validated, never served (not among `faqs`). */
  drafts?: FaqEntry[];
  /** Questions curators marked "not our topic" (`out-of-scope.yml`). */
  outOfScope?: OutOfScopeExamples;
}
