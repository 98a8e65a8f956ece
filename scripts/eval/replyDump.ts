/**
 * Writes what the assistant replies to every evaluation question and probe, one JSON line each: the reply's kind, ids
 * and scores, the turn's features, and the hits of the FAQ and provider searches. Two dumps of different code compare
 * line by line (`diff`): a change meant to make turns cheaper must leave them identical.
 *
 * Besides single questions, it plays conversations as the throughput benchmark does (10 questions in a row, the
 * memory carried on), with short follow-ups ("und in Dortmund?") between them, so that follow-up readings are covered.
 *
 * Usage: tsx scripts/eval/replyDump.ts OUT.jsonl
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type ConversationMemory, type Reply } from '../../src/core/types.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { SearchHit } from '../../src/knowledge/searchResult.js';
import { inScopeProbes, outOfScopeProbes } from './probeSet.js';
import { loadQuestions } from './questions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/eval/replyDump.ts OUT.jsonl');

const knowledge = loadKnowledge(path.join(root, 'knowledge'));
const index = new KnowledgeIndex(knowledge);
const core = new AssistantCore(index);
const questions = loadQuestions(path.join(root, 'test/eval/questions.jsonl'), knowledge).map((q) => q.q);
const probes = [...inScopeProbes().map((p) => p.question), ...outOfScopeProbes()];
const followUps = ['und in Dortmund?', 'Was hat er dazu gesagt?', 'and the other side?', 'mit einer Hochschule', 'und im Sauerland?'];

/** A reply reduced to what the user sees first, with its scores. */
function shown(reply: Reply) {
  switch (reply.kind) {
    case 'answer':
      return { kind: reply.kind, lang: reply.lang, ids: [reply.entry.id], scores: [reply.score], why: reply.why };
    case 'providers':
      return {
        kind: reply.kind,
        lang: reply.lang,
        search: reply.search,
        ids: reply.matches.map((m) => m.provider.id),
        scores: reply.matches.map((m) => m.score),
        why: reply.matches.map((m) => m.why),
      };
    case 'didYouMean':
      return { kind: reply.kind, lang: reply.lang, ids: reply.candidates.map((c) => c.id), scores: reply.candidates.map((c) => c.score) };
    default:
      return { kind: reply.kind, lang: reply.lang };
  }
}

const hits = (list: SearchHit[]) =>
  list.map((h) => [h.id, h.score, h.coverage, h.phrasing, h.vote, h.why, h.gaps, h.onlyNames, h.matchedTopics]);
/** The whole reply and memory, as a digest: any change anywhere shows. */
const digest = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 12);

const lines: string[] = [];
for (const text of [...questions, ...probes]) {
  const turn = core.respond({ text }, emptyMemory());
  const lang = index.detectLanguage(text).lang;
  lines.push(
    JSON.stringify({
      text,
      reply: shown(turn.reply),
      all: digest(turn),
      features: core.featuresOf(text),
      faq: hits(index.search(text, { type: 'faq', lang, limit: 5 }).hits),
      providers: hits(index.search(text, { type: 'provider', lang, limit: 9 }).hits),
    }),
  );
}
// Conversations of 10 turns over the rotation, a follow-up after every other question.
const rotation = [...questions, ...probes];
let memory: ConversationMemory = emptyMemory();
let turnNumber = 0;
for (const [i, text] of rotation.entries()) {
  const messages = i % 2 === 1 ? [text, followUps[(i >> 1) % followUps.length]!] : [text];
  for (const message of messages) {
    if (turnNumber++ % 10 === 0) memory = emptyMemory();
    const turn = core.respond({ text: message }, memory);
    memory = turn.memory;
    lines.push(JSON.stringify({ conversationTurn: turnNumber, text: message, reply: shown(turn.reply), all: digest(turn) }));
  }
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} lines written to ${out}`);
