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
import { openIndex, type SnapshotProblem } from '../knowledge/indexSnapshot.js';
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

/** A hash of every file of the folder. */
function folderHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of files(dir)) hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}

/** A hash of the folder's files (`folderHash`) and the changes applied: equal hashes serve equal knowledge. */
function knowledgeHash(folder: string, applied: readonly unknown[]): string {
  return createHash('sha256').update(folder).update(JSON.stringify(applied)).digest('hex');
}

export interface BuildOptions {
  dir: string;
  /** Curator changes; without, the folder alone. */
  changes?: CuratorChangeStore;
  core?: CoreOptions;
  /** Train the phrasing classifier before the version is returned (a rebuild), or later (the first start). */
  classifier?: 'before' | 'later';
  /** The index snapshot's file (src/knowledge/indexSnapshot.ts); without, the index is always built. */
  snapshotFile?: string;
}

export interface BuiltKnowledge extends KnowledgeVersion {
  knowledge: Knowledge;
  outcomes: ChangeOutcome[];
  /** With `snapshotFile`: whether the index was restored from it, why not, and how to save a built one's snapshot. */
  snapshot?: { restored: boolean; problem?: SnapshotProblem; save?: () => void };
}

/** Throws a KnowledgeError listing every problem when the folder (with the changes) cannot be served. */
export async function buildKnowledge(options: BuildOptions): Promise<BuiltKnowledge> {
  // Hashed before it is read: a file changed in between makes the hash (and the index snapshot's key) stale, so that
  // it is never taken for the changed folder.
  const folderFiles = folderHash(options.dir);
  const folder = loadKnowledge(options.dir);
  const { changes: stored, invalid } = parseChanges(options.changes ? await options.changes.active() : []);
  const result = applyChanges(folder, stored);
  const knowledge = result.knowledge;
  const outcomes = [...result.outcomes, ...invalid];
  const problems = draftProblems(knowledge);
  if (problems.length > 0) throw new KnowledgeError(problems);
  const applied = stored.filter((c) => outcomes.some((o) => o.id === c.id && o.status === 'applied')).map((c) => [c.id, c.data]);
  const hash = knowledgeHash(folderFiles, applied);
  const opened = options.snapshotFile
    ? openIndex(knowledge, { classifier: 'later' }, { file: options.snapshotFile, knowledgeHash: hash })
    : undefined;
  const index = opened?.index ?? new KnowledgeIndex(knowledge, { classifier: 'later' });
  if (options.classifier !== 'later') await index.trainClassifier();
  const retired = outcomes.filter((o) => o.status === 'retired').map((o) => o.id);
  if (retired.length > 0) await options.changes?.retire(retired);
  const notes = outcomes.flatMap((o) => (o.status === 'invalid' ? [`curator change #${o.id}: ${o.problem}`] : []));
  return {
    index,
    core: new AssistantCore(index, options.core),
    hash: hash.slice(0, 16),
    notes,
    knowledge,
    outcomes,
    snapshot: opened && { restored: opened.restored, problem: opened.problem, save: opened.save },
  };
}
