/**
 * Curators' changes to the knowledge, kept as data (in the database) and applied over the folder whenever the index
 * is built, so that every instance serves them at once; `npm run gaps -- --write` later writes them into the
 * Markdown files as plain edits a curator reviews and commits. A change already in the folder is retired.
 *
 * Three actions:
 * - `phrasing`: a user's question becomes one more phrasing (`questions:`) of an entry;
 * - `draft`: a new entry with `status: draft` (checked, not served until a curator sets it live);
 * - `outOfScope`: questions that are not our topic become examples in `out-of-scope.yml`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { z } from 'zod';
import { languages, type FaqEntry, type Knowledge } from './schema.js';

const text = z.string().trim().min(1).max(500);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug like "foerderung-de"').max(100);

export const curatorChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('phrasing'), entryId: slug, question: text }),
  z.object({
    action: z.literal('draft'),
    id: slug,
    lang: z.enum(languages),
    title: text,
    questions: z.array(text).min(1).max(50),
    body: z.string().trim().min(1).max(10_000),
  }),
  z.object({ action: z.literal('outOfScope'), lang: z.enum(languages), questions: z.array(text).min(1).max(50) }),
]);
export type CuratorChangeData = z.infer<typeof curatorChangeSchema>;

/** A stored change: the data plus who made it and when. */
export interface CuratorChange {
  id: number;
  data: CuratorChangeData;
  author: string;
  createdAt: string;
}

/** A stored change with its data checked; a change whose data no longer parses is left out (and reported). */
export function parseChanges(stored: readonly { id: number; data: unknown; author: string; createdAt: string }[]): {
  changes: CuratorChange[];
  invalid: ChangeOutcome[];
} {
  const changes: CuratorChange[] = [];
  const invalid: ChangeOutcome[] = [];
  for (const change of stored) {
    const parsed = curatorChangeSchema.safeParse(change.data);
    if (parsed.success) changes.push({ ...change, data: parsed.data });
    else invalid.push({ id: change.id, status: 'invalid', problem: parsed.error.issues[0]?.message ?? 'invalid data' });
  }
  return { changes, invalid };
}

/** What building with a change did: applied over the folder, or retired because the folder has it already. */
export type ChangeOutcome = { id: number; status: 'applied' | 'retired' } | { id: number; status: 'invalid'; problem: string };

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The knowledge with the changes applied, and what became of each change. Pure: the folder is not touched. */
export function applyChanges(knowledge: Knowledge, changes: readonly CuratorChange[]): { knowledge: Knowledge; outcomes: ChangeOutcome[] } {
  const faqs = knowledge.faqs.map((faq) => ({ ...faq, questions: [...faq.questions] }));
  const drafts = (knowledge.drafts ?? []).map((faq) => ({ ...faq, questions: [...faq.questions] }));
  const outOfScope = { de: [...(knowledge.outOfScope?.de ?? [])], en: [...(knowledge.outOfScope?.en ?? [])] };
  const outcomes: ChangeOutcome[] = [];
  const byId = (id: string): FaqEntry | undefined => faqs.find((f) => f.id === id) ?? drafts.find((f) => f.id === id);
  for (const change of changes) {
    const { data, id } = change;
    if (data.action === 'phrasing') {
      const entry = byId(data.entryId);
      if (!entry) outcomes.push({ id, status: 'invalid', problem: `unknown entry "${data.entryId}"` });
      else if (entry.questions.some((q) => same(q, data.question))) outcomes.push({ id, status: 'retired' });
      else {
        entry.questions.push(data.question);
        outcomes.push({ id, status: 'applied' });
      }
    } else if (data.action === 'draft') {
      const existing = byId(data.id) ?? knowledge.providers.find((p) => p.id === data.id);
      if (existing) outcomes.push({ id, status: 'retired' });
      else {
        drafts.push({
          type: 'faq',
          id: data.id,
          lang: data.lang,
          title: data.title,
          questions: data.questions,
          tags: [],
          related: [],
          status: 'draft',
          reply: 'answer',
          body: data.body,
          file: draftFile(data.id, data.lang),
        });
        outcomes.push({ id, status: 'applied' });
      }
    } else {
      const list = outOfScope[data.lang];
      const missing = data.questions.filter((q) => !list.some((known) => same(known, q)));
      if (missing.length === 0) outcomes.push({ id, status: 'retired' });
      else {
        list.push(...missing);
        outcomes.push({ id, status: 'applied' });
      }
    }
  }
  return { knowledge: { ...knowledge, faqs, drafts, outOfScope }, outcomes };
}

/** Where a new draft's file goes, relative to the folder. */
export function draftFile(id: string, lang: string): string {
  return `faq/${lang}/${id}.md`;
}

const yamlString = (value: string) => JSON.stringify(value);

/** Adds a phrasing to the `questions:` list in the front matter of a Markdown file's text. */
export function addQuestionToFile(markdown: string, question: string): string {
  const lines = markdown.split('\n');
  const end = lines.indexOf('---', 1);
  const start = lines.findIndex((line, i) => i < end && /^questions:\s*$/.test(line));
  if (start < 0) {
    const inline = lines.findIndex((line, i) => i < end && /^questions:\s*\[/.test(line));
    if (inline < 0) throw new Error('the front matter has no questions: list');
    lines[inline] = lines[inline]!.replace(/\]\s*$/, `, ${yamlString(question)}]`);
    return lines.join('\n');
  }
  let last = start;
  while (last + 1 < end && /^\s+- /.test(lines[last + 1]!)) last++;
  const indent = /^(\s+)- /.exec(lines[last] ?? '')?.[1] ?? '  ';
  lines.splice(last + 1, 0, `${indent}- ${yamlString(question)}`);
  return lines.join('\n');
}

/** The Markdown file of a new draft entry. */
export function draftMarkdown(data: Extract<CuratorChangeData, { action: 'draft' }>): string {
  return [
    '---',
    'type: faq',
    `id: ${data.id}`,
    `lang: ${data.lang}`,
    `title: ${yamlString(data.title)}`,
    'status: draft',
    'questions:',
    ...data.questions.map((q) => `  - ${yamlString(q)}`),
    '---',
    data.body.trim(),
    '',
  ].join('\n');
}

/**
 * Writes changes into the folder as plain edits (a phrasing into its entry's file, a draft as a new file, examples
 * into `out-of-scope.yml`); returns the files touched, relative to the folder. `applyChanges` over the result retires
 * them. Changes the folder has already are left alone.
 */
export function writeChanges(dir: string, knowledge: Knowledge, changes: readonly CuratorChange[]): string[] {
  const touched = new Set<string>();
  const { outcomes } = applyChanges(knowledge, changes);
  const pending = changes.filter((change) => outcomes.find((o) => o.id === change.id)?.status === 'applied');
  const allFaqs = [...knowledge.faqs, ...(knowledge.drafts ?? [])];
  let outOfScope: { de: string[]; en: string[] } | undefined;
  for (const { data } of pending) {
    if (data.action === 'phrasing') {
      const entry = allFaqs.find((f) => f.id === data.entryId);
      if (!entry) continue;
      const file = path.join(dir, entry.file);
      writeFileSync(file, addQuestionToFile(readFileSync(file, 'utf8'), data.question));
      touched.add(entry.file);
    } else if (data.action === 'draft') {
      const relative = draftFile(data.id, data.lang);
      const file = path.join(dir, relative);
      if (existsSync(file)) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, draftMarkdown(data));
      touched.add(relative);
    } else {
      outOfScope ??= { de: [...(knowledge.outOfScope?.de ?? [])], en: [...(knowledge.outOfScope?.en ?? [])] };
      for (const q of data.questions) if (!outOfScope[data.lang].some((k) => same(k, q))) outOfScope[data.lang].push(q);
    }
  }
  if (outOfScope) {
    const header = '# Questions curators marked "not our topic" (see docs/curation.md); the gap report no longer shows them.\n';
    writeFileSync(path.join(dir, 'out-of-scope.yml'), header + jsYaml.dump(outOfScope, { lineWidth: 200 }));
    touched.add('out-of-scope.yml');
  }
  return [...touched];
}
