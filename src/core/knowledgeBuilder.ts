/**
 * Builds a servable knowledge version: the folder, read and checked, with the curators' changes from the database
 * applied over it, indexed, with a core on top. Changes the folder has already are retired here.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyChanges, parseChanges, type ChangeOutcome } from '../knowledge/curatorChanges.js';
import { draftProblems, KnowledgeError, loadKnowledge } from '../knowledge/loader.js';
import type { Knowledge } from '../knowledge/schema.js';
import { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { CuratorChangeStore } from '../store/curatorChangeStore.js';
import type { KnowledgeVersion } from './liveKnowledge.js';
import { AssistantCore, type CoreOptions } from './respond.js';

function files(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full, root) : [path.relative(root, full)];
    });
}

/** A short hash of every file of the folder and the changes applied: equal hashes serve equal knowledge. */
export function knowledgeHash(dir: string, applied: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const file of files(dir)) hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
  hash.update(JSON.stringify(applied));
  return hash.digest('hex').slice(0, 16);
}

export interface BuildOptions {
  dir: string;
  /** Curator changes; without, the folder alone. */
  changes?: CuratorChangeStore;
  core?: CoreOptions;
  /** Train the phrasing classifier before the version is returned (a rebuild), or later (the first start). */
  classifier?: 'before' | 'later';
}

export interface BuiltKnowledge extends KnowledgeVersion {
  knowledge: Knowledge;
  outcomes: ChangeOutcome[];
}

/** Throws a KnowledgeError listing every problem when the folder (with the changes) cannot be served. */
export async function buildKnowledge(options: BuildOptions): Promise<BuiltKnowledge> {
  const folder = loadKnowledge(options.dir);
  const { changes: stored, invalid } = parseChanges(options.changes ? await options.changes.active() : []);
  const result = applyChanges(folder, stored);
  const knowledge = result.knowledge;
  const outcomes = [...result.outcomes, ...invalid];
  const problems = draftProblems(knowledge);
  if (problems.length > 0) throw new KnowledgeError(problems);
  const index = new KnowledgeIndex(knowledge, { classifier: 'later' });
  if (options.classifier !== 'later') await index.trainClassifier();
  const retired = outcomes.filter((o) => o.status === 'retired').map((o) => o.id);
  if (retired.length > 0) await options.changes?.retire(retired);
  const applied = stored.filter((c) => outcomes.some((o) => o.id === c.id && o.status === 'applied')).map((c) => [c.id, c.data]);
  const notes = outcomes.flatMap((o) => (o.status === 'invalid' ? [`curator change #${o.id}: ${o.problem}`] : []));
  return {
    index,
    core: new AssistantCore(index, options.core),
    hash: knowledgeHash(options.dir, applied),
    notes,
    knowledge,
    outcomes,
  };
}
