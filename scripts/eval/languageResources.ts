/**
 * Measures the general German language resources the index can take (`IndexOptions.thesaurus`, `compoundWords`)
 * against the index without them: the dev and test split, and the probes batch by batch, among them the held-out
 * batches of earlier rounds. How docs/quality.md (appendix) decided not to adopt them. Installs the Debian packages
 * when they are missing and this runs as root.
 *
 * Usage: npx tsx scripts/eval/languageResources.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { KnowledgeIndex, type IndexOptions } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { ensureDebianFile } from '../languageData/debianPackage.js';
import { compoundParts, germanWordListFile } from '../languageData/germanWords.js';
import { cutThesaurus, openThesaurusFile } from '../languageData/openThesaurus.js';
import { aggregate, bySplit } from './metrics.js';
import { inScopeBatches, outOfScopeBatches } from './probeSet.js';
import { loadQuestions } from './questions.js';
import { evaluate } from './run.js';
import { assistantSystem } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const knowledge = loadKnowledge(path.join(root, 'knowledge'));
const questions = loadQuestions(path.join(root, 'test/eval/questions.jsonl'), knowledge);

ensureDebianFile(openThesaurusFile, 'openthesaurus-de-text');
ensureDebianFile(germanWordListFile, 'wngerman');
const nouns = cutThesaurus(knowledge, openThesaurusFile, true);
const all = cutThesaurus(knowledge, openThesaurusFile, false);
const parts = compoundParts();
console.log(`OpenThesaurus (${nouns.version}): ${nouns.groups.length} groups with a noun of the folder, ${all.groups.length} with any word`);
console.log(`German compound parts from ${germanWordListFile}: ${parts.length}\n`);

const variants: [string, IndexOptions][] = [
  ['without (shipped)', {}],
  ['OpenThesaurus, noun groups, weight 0.5', { thesaurus: { groups: nouns.groups, weight: 0.5 } }],
  ['OpenThesaurus, noun groups, weight 0.7', { thesaurus: { groups: nouns.groups, weight: 0.7 } }],
  ['OpenThesaurus, all groups, weight 0.7', { thesaurus: { groups: all.groups, weight: 0.7 } }],
  ['compound parts from the word list', { compoundWords: parts }],
];

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;
const batchNames = [...inScopeBatches().map((b) => b.name), ...outOfScopeBatches().map((b) => b.name)];
console.log(`| variant | test hit@1 | test false answers | dev hit@1 | dev false answers | probes in scope | probes out of scope | ${batchNames.map((_, i) => `b${i + 1}`).join(' | ')} |`);
for (const [name, options] of variants) {
  const core = new AssistantCore(new KnowledgeIndex(knowledge, options));
  const system = assistantSystem(core);
  const results = evaluate(system, questions);
  const test = aggregate(bySplit(results, 'test'));
  const dev = aggregate(bySplit(results, 'dev'));
  const inScope = inScopeBatches().map((batch) => batch.probes.filter((p) => {
    const shown = system(p.question);
    return shown.confident && p.expected.includes(shown.ids[0] ?? '');
  }).length);
  const outOfScope = outOfScopeBatches().map((batch) => batch.lines.filter((q) => system(q).confident).length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(
    `| ${name} | ${percent(test.hit1)} | ${percent(test.falseAnswerRate)} | ${percent(dev.hit1)} | ${percent(dev.falseAnswerRate)} | ${sum(inScope)} | ${sum(outOfScope)} | ${[...inScope, ...outOfScope].join(' | ')} |`,
  );
}
console.log(`\nBatches: ${batchNames.map((name, i) => `b${i + 1} ${name.slice(0, 50)}`).join('; ')}`);
