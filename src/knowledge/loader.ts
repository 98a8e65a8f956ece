/**
 * Loads and validates the knowledge folder. Every problem is collected as `file: field: reason`, so one run of
 * `npm run knowledge:check` (or one failed start) lists all of them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import jsYaml from 'js-yaml';
import type { ZodError } from 'zod';
import { contentWords } from './analyzer.js';
import {
  faqFrontMatterSchema,
  outOfScopeFileSchema,
  type OutOfScopeExamples,
  providerFrontMatterSchema,
  synonymsFileSchema,
  topicsFileSchema,
  type FaqEntry,
  type Knowledge,
  type ProviderProfile,
  type Topic,
} from './schema.js';

/** Thrown by {@link loadKnowledge}; `problems` are `file: field: reason` lines. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`Knowledge folder is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

/**
 * YAML 1.2 core schema: "no"/"on" stay strings, and so do dates — the YAML timestamp type would roll an impossible
 * day like 2026-13-45 over into 2027, so `verified` is checked as text by the schema instead. js-yaml (rather than
 * the `yaml` package) for speed; it gives the same values for every file under the core schema.
 */
const parseYaml = (text: string): unknown => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
const yamlEngine = (text: string): object => (parseYaml(text) as object | undefined) ?? {};

/** zod's wording for a missing key ("expected string, received undefined") said the way authors think of it. */
function reason(issue: ZodError['issues'][number]): string {
  return issue.code === 'invalid_type' && / received undefined$/.test(issue.message) ? 'is required' : issue.message;
}

function zodProblems(file: string, error: ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(front matter)'}: ${reason(issue)}`);
}

function listMarkdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listMarkdownFiles(full));
    else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') out.push(full);
  }
  return out;
}

/** The first line of a parser message, without the trailing colon that introduces its code excerpt. */
function firstLine(error: unknown): string {
  return (error as Error).message.split('\n')[0]!.replace(/:\s*$/, '');
}

function readYamlFile(root: string, name: string, problems: string[]): unknown {
  const file = path.join(root, name);
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${name}: (file): ${firstLine(error)}`);
    return undefined;
  }
}

/**
 * Reads `dir` and returns the validated knowledge, or throws a {@link KnowledgeError} listing every problem.
 *
 * @example
 * const knowledge = loadKnowledge('knowledge');
 */
export function loadKnowledge(dir: string): Knowledge {
  const problems: string[] = [];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new KnowledgeError([`${dir}: (folder): the knowledge folder does not exist`]);
  }

  let topics: Topic[] | undefined;
  const topicsResult = topicsFileSchema.safeParse(readYamlFile(dir, 'topics.yml', problems));
  if (topicsResult.success) topics = topicsResult.data;
  else if (!problems.some((p) => p.startsWith('topics.yml'))) problems.push(...zodProblems('topics.yml', topicsResult.error));

  let synonyms: string[][] = [];
  const synonymsResult = synonymsFileSchema.safeParse(readYamlFile(dir, 'synonyms.yml', problems) ?? []);
  if (synonymsResult.success) synonyms = synonymsResult.data.map((group) => group.map((t) => t.toLowerCase()));
  else problems.push(...zodProblems('synonyms.yml', synonymsResult.error));

  let outOfScope: OutOfScopeExamples = { de: [], en: [] };
  if (existsSync(path.join(dir, 'out-of-scope.yml'))) {
    const outOfScopeResult = outOfScopeFileSchema.safeParse(readYamlFile(dir, 'out-of-scope.yml', problems) ?? {});
    if (outOfScopeResult.success) outOfScope = outOfScopeResult.data;
    else if (!problems.some((p) => p.startsWith('out-of-scope.yml'))) problems.push(...zodProblems('out-of-scope.yml', outOfScopeResult.error));
  }

  const faqs: FaqEntry[] = [];
  const providers: ProviderProfile[] = [];
  /** Ids of files that exist but failed validation: their own problems are reported, references to them are not. */
  const invalidIds = new Set<string>();
  for (const full of listMarkdownFiles(dir)) {
    const file = path.relative(dir, full).split(path.sep).join('/');
    invalidIds.add(path.basename(full, '.md'));
    let parsed: matter.GrayMatterFile<string>;
    try {
      // gray-matter caches by content; a fresh options object per call keeps our engine.
      parsed = matter(readFileSync(full, 'utf8'), { engines: { yaml: yamlEngine } });
    } catch (error) {
      problems.push(`${file}: (front matter): invalid YAML: ${firstLine(error)}`);
      continue;
    }
    const data = parsed.data as Record<string, unknown>;
    const body = parsed.content.trim();
    const expectedId = path.basename(full, '.md');
    if (data.type === 'faq') {
      const result = faqFrontMatterSchema.safeParse(data);
      if (!result.success) problems.push(...zodProblems(file, result.error));
      else faqs.push({ ...result.data, body, file });
    } else if (data.type === 'provider') {
      const result = providerFrontMatterSchema.safeParse(data);
      if (!result.success) problems.push(...zodProblems(file, result.error));
      else providers.push({ ...result.data, body, file });
    } else {
      problems.push(`${file}: type: must be "faq" or "provider"`);
      continue;
    }
    if (typeof data.id === 'string' && data.id !== expectedId) problems.push(`${file}: id: must equal the file name "${expectedId}"`);
    if (body.length === 0) problems.push(`${file}: (body): must not be empty`);
  }
  for (const doc of [...faqs, ...providers]) invalidIds.delete(doc.id);

  problems.push(...crossChecks(faqs, providers, topics, invalidIds));
  const knowledge = splitDrafts({ faqs, providers, topics: topics ?? [], synonyms, outOfScope });
  problems.push(...draftProblems(knowledge));
  if (problems.length > 0 || !topics) throw new KnowledgeError(problems);
  return knowledge;
}

/** Drafts are checked with the folder but not served: they move from `faqs` to `drafts`. */
export function splitDrafts(knowledge: Knowledge): Knowledge {
  const all = [...knowledge.faqs, ...(knowledge.drafts ?? [])];
  return {
    ...knowledge,
    faqs: all.filter((faq) => faq.status !== 'draft'),
    drafts: all.filter((faq) => faq.status === 'draft'),
  };
}

/** Problems with drafts among live entries: a live entry must not point at an entry that is not served. */
export function draftProblems(knowledge: Knowledge): string[] {
  const drafts = new Set((knowledge.drafts ?? []).map((d) => d.id));
  const problems: string[] = [];
  for (const faq of knowledge.faqs) {
    faq.related.forEach((id, i) => {
      if (drafts.has(id)) problems.push(`${faq.file}: related.${i}: "${id}" is a draft (not served)`);
    });
  }
  return problems;
}

/** Checks that need the whole folder: unique ids, existing related ids, known topics, topic terms that name something. */
function crossChecks(
  faqs: FaqEntry[],
  providers: ProviderProfile[],
  topics: Topic[] | undefined,
  invalidIds: Set<string>,
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const doc of [...faqs, ...providers]) {
    const other = seen.get(doc.id);
    if (other) problems.push(`${doc.file}: id: "${doc.id}" is already used by ${other}`);
    else seen.set(doc.id, doc.file);
  }
  // The first entry with an id wins, as in the duplicate check above.
  const faqById = new Map<string, FaqEntry>();
  for (const faq of faqs) if (!faqById.has(faq.id)) faqById.set(faq.id, faq);
  for (const faq of faqs) {
    faq.related.forEach((id, i) => {
      const target = faqById.get(id);
      if (!target && invalidIds.has(id)) return;
      if (!target) problems.push(`${faq.file}: related.${i}: unknown entry "${id}"`);
      else if (target.lang !== faq.lang) problems.push(`${faq.file}: related.${i}: "${id}" is in another language`);
    });
  }
  // Without a valid topics.yml (already reported) every topic would look unknown.
  if (!topics) return problems;
  // A term of only stop words ("und") would never name its topic in a message.
  topics.forEach((topic, t) => {
    topic.terms.forEach((term, i) => {
      if (contentWords(term).length === 0) problems.push(`topics.yml: ${t}.terms.${i}: "${term}" has no word that can name a topic`);
    });
  });
  const topicIds = new Set(topics.map((t) => t.id));
  for (const provider of providers) {
    provider.topics.forEach((topic, i) => {
      if (!topicIds.has(topic)) problems.push(`${provider.file}: topics.${i}: unknown topic "${topic}" (see topics.yml)`);
    });
  }
  return problems;
}
