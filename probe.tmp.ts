import { readFileSync } from 'node:fs';
import { buildKnowledge } from './src/core/knowledgeBuilder.js';
import { emptyMemory } from './src/core/types.js';
const built = await buildKnowledge({ dir: process.argv[2] ?? 'knowledge', classifier: 'before' });
const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
for (const q of lines) {
  const turn = built.core.respond({ text: q }, emptyMemory());
  const r = turn.reply as any;
  const detail = r.kind === 'answer' ? r.entry.id : r.kind === 'didYouMean' ? r.candidates.map((c: any) => c.id).join(',') : r.kind === 'providers' ? r.matches.map((m: any) => m.provider.id).slice(0,2).join(',') : '';
  console.log(`${r.kind}\t${detail}\t${q}`);
}
