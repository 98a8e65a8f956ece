/**
 * Loads and validates the knowledge folder. Every problem is collected as `file: field: reason`, so one run of
 * `npm run knowledge:check` (or one failed start) lists all of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import YAML from 'yaml';
import type { ZodError } from 'zod';
import {
  faqFrontMatterSchema,
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

/** YAML 1.2 core schema keeps "no"/"on" as strings; timestamps become Dates for the `verified` field. */
const yamlEngine = (text: string): object => YAML.parse(text, { customTags: ['timestamp'] }) ?? {};

function zodProblems(file: string, error: ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(front matter)'}: ${issue.message}`);
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

function readYamlFile(root: string, name: string, problems: string[]): unknown {
  const file = path.join(root, name);
  try {
    return YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${name}: (file): ${(error as Error).message.split('\n')[0]}`);
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

  let topics: Topic[] = [];
  const topicsResult = topicsFileSchema.safeParse(readYamlFile(dir, 'topics.yml', problems));
  if (topicsResult.success) topics = topicsResult.data;
  else if (!problems.some((p) => p.startsWith('topics.yml'))) problems.push(...zodProblems('topics.yml', topicsResult.error));

  let synonyms: string[][] = [];
  const synonymsResult = synonymsFileSchema.safeParse(readYamlFile(dir, 'synonyms.yml', problems) ?? []);
  if (synonymsResult.success) synonyms = synonymsResult.data.map((group) => group.map((t) => t.toLowerCase()));
  else problems.push(...zodProblems('synonyms.yml', synonymsResult.error));

  const faqs: FaqEntry[] = [];
  const providers: ProviderProfile[] = [];
  for (const full of listMarkdownFiles(dir)) {
    const file = path.relative(dir, full).split(path.sep).join('/');
    let parsed: matter.GrayMatterFile<string>;
    try {
      // gray-matter caches by content; a fresh options object per call keeps our engine.
      parsed = matter(readFileSync(full, 'utf8'), { engines: { yaml: yamlEngine } });
    } catch (error) {
      problems.push(`${file}: (front matter): invalid YAML: ${(error as Error).message.split('\n')[0]}`);
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

  problems.push(...crossChecks(faqs, providers, topics));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { faqs, providers, topics, synonyms };
}

/** Checks that need the whole folder: unique ids, existing related ids, known topics. */
function crossChecks(faqs: FaqEntry[], providers: ProviderProfile[], topics: Topic[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const doc of [...faqs, ...providers]) {
    const other = seen.get(doc.id);
    if (other) problems.push(`${doc.file}: id: "${doc.id}" is already used by ${other}`);
    else seen.set(doc.id, doc.file);
  }
  const faqById = new Map(faqs.map((f) => [f.id, f]));
  for (const faq of faqs) {
    faq.related.forEach((id, i) => {
      const target = faqById.get(id);
      if (!target) problems.push(`${faq.file}: related.${i}: unknown entry "${id}"`);
      else if (target.lang !== faq.lang) problems.push(`${faq.file}: related.${i}: "${id}" is in another language`);
    });
  }
  const topicIds = new Set(topics.map((t) => t.id));
  for (const provider of providers) {
    provider.topics.forEach((topic, i) => {
      if (!topicIds.has(topic)) problems.push(`${provider.file}: topics.${i}: unknown topic "${topic}" (see topics.yml)`);
    });
  }
  return problems;
}
