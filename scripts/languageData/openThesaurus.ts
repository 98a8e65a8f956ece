/**
 * Cuts the German thesaurus of OpenThesaurus (Debian package `openthesaurus-de-text`, LGPL-2.1-or-later, © Daniel
 * Naber and the OpenThesaurus contributors, https://www.openthesaurus.de) down to the groups that can lead a user's
 * word to a word of the knowledge folder: groups with a member whose words all occur in the folder, and another
 * member. Annotations such as "(ugs.)" are dropped, members of more than two words too (users hardly type them).
 */
import { readFileSync } from 'node:fs';
import { contentWords, wordTerms } from '../../src/knowledge/analyzer.js';
import type { Knowledge } from '../../src/knowledge/schema.js';

/** Where Debian installs the thesaurus in its text format (one group per line, members separated by ";"). */
export const openThesaurusFile = '/usr/share/openthesaurus-de/openthesaurus.txt';

export interface ThesaurusCut {
  /** The cut groups, members lower-cased. */
  groups: string[][];
  /** The thesaurus's own header line with its date ("Automatically generated …"). */
  version: string;
}

/** Every text of the folder a search can find: titles, questions, tags, answers, profiles, need phrasings. */
export function folderTexts(knowledge: Knowledge): string[] {
  const texts: string[] = [];
  for (const faq of knowledge.faqs) texts.push(faq.title, ...faq.questions, ...faq.tags, faq.body);
  for (const p of knowledge.providers) {
    texts.push(p.name, ...p.offers, p.body, p.summary_en ?? '', ...(p.needs?.de ?? []), ...(p.needs?.en ?? []));
  }
  for (const topic of knowledge.topics) texts.push(topic.de, topic.en, ...topic.terms);
  return texts;
}

/**
 * The groups of `file` with a member the folder contains.
 *
 * @param nounsOnly keep only groups in which a member the folder contains is a noun (written with a capital)
 */
export function cutThesaurus(knowledge: Knowledge, file = openThesaurusFile, nounsOnly = true): ThesaurusCut {
  const vocabulary = new Set<string>();
  for (const text of folderTexts(knowledge)) for (const word of contentWords(text)) for (const term of wordTerms(word, 'de')) vocabulary.add(term);
  const inFolder = (member: string) => {
    const words = contentWords(member);
    return words.length > 0 && words.every((word) => wordTerms(word, 'de').some((term) => vocabulary.has(term)));
  };
  const text = readFileSync(file, 'utf8');
  const version = /^# Automatically generated .*$/m.exec(text)?.[0].slice(2) ?? 'unknown version';
  const groups: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const members = [
      ...new Set(
        line
          .split(';')
          .map((member) => member.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim())
          .filter((member) => member.length > 0 && contentWords(member).length > 0 && contentWords(member).length <= 2),
      ),
    ];
    const known = members.filter(inFolder);
    if (members.length < 2 || known.length === 0) continue;
    if (nounsOnly && !known.some((member) => /^\p{Lu}/u.test(member) && !member.includes(' '))) continue;
    groups.push(members.map((member) => member.toLowerCase()));
  }
  return { groups, version };
}
