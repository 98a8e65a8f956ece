/**
 * Shows how the assistant treats single questions: detected language, FAQ and provider hits with score, coverage and
 * why, and the reply the user would get. A tuning aid (use it on dev questions only).
 *
 * Usage: npx tsx scripts/eval/explain.ts "Wer ist Geschäftsführer der Südwestfalen Agentur?" ["…"]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shownOfReply } from './systems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const index = new KnowledgeIndex(loadKnowledge(path.join(root, 'knowledge')));
const core = new AssistantCore(index);

for (const question of process.argv.slice(2)) {
  const detected = index.detectLanguage(question);
  console.log(`\n### ${question}   [${detected.lang}${detected.reliable ? '' : ', unsure'}]`);
  for (const type of ['faq', 'provider'] as const) {
    console.log(`  words (${type}): ${index.queryWords(question, { type, lang: detected.lang }).map((w) => `${w.word} ${w.role === 'topic' ? '' : `(${w.role}) `}${w.weight.toFixed(2)}`).join(', ')}`);
  }
  for (const type of ['faq', 'provider'] as const) {
    for (const hit of index.search(question, { type, lang: detected.lang, limit: 5 }).hits) {
      console.log(
        `  ${type.padEnd(8)} ${hit.id.padEnd(34)} score ${hit.score.toFixed(2).padStart(7)}  coverage ${hit.coverage.toFixed(2)}  why ${hit.why.join(' | ')}`,
      );
    }
  }
  const shown = shownOfReply(core.respond({ text: question }, emptyMemory()).reply);
  console.log(`  → ${shown.kind}${shown.confident ? '' : ' (not confident)'} ${shown.ids.join(', ')}`);
}
