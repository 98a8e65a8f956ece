/**
 * The index snapshot: what building the search index derives from the knowledge folder (`KnowledgeIndex.parts`:
 * MiniSearch's JSON, the flat postings and their fuzzy vocabulary, the line table, document frequencies, the compound
 * splitter's words), kept in a file of the local data folder, so that the next start with the same folder restores
 * the index instead of building it (docs/benchmarks.md, "Where the time goes").
 *
 * A snapshot is used only when its key matches: the hash of the folder's files and of the curator changes applied
 * (`knowledgeHash`), the index options, and the code that built it (the package's version, {@link SNAPSHOT_FORMAT}, the
 * files of the knowledge modules themselves, the versions of the packages that analyse and index, Node's version).
 * A missing, stale, foreign, truncated or corrupt file means building the index as without a snapshot, and the
 * built index is then written anew. A file is written under a temporary name and renamed, so that a reader never
 * sees half of one.
 *
 * Layout: a magic line, the key, the SHA-256 of the payload (one line each), then the payload: `v8.serialize` of
 * `{ format, key, parts }`, checked with zod and, when the index is restored, against the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';
import { KnowledgeIndex, type IndexOptions, type IndexParts } from './knowledgeIndex.js';
import type { Knowledge } from './schema.js';

/** The version of the snapshot's layout and of what `IndexParts` holds: raise it when either changes. */
export const SNAPSHOT_FORMAT = 1;

/** The snapshot's file name in the data folder. */
export const SNAPSHOT_FILE = 'index-snapshot.bin';

const MAGIC = 'brueckenschlag index snapshot\n';
/** The three header lines: magic, key (64 hex digits), checksum (64 hex digits). */
const HEADER_BYTES = MAGIC.length + 2 * 65;

/** Packages whose code shapes the index (analysis and MiniSearch). */
const INDEXING_PACKAGES = ['minisearch', '@orama/stemmers', 'stopword', 'eld'];

let codeVersionMemo: string | undefined;

/**
 * What identifies the code that builds an index: the package's version, the snapshot format, every file of the
 * knowledge modules' folder (so that a changed analyser invalidates snapshots even without a new version number), the
 * versions of the indexing packages and Node's version.
 */
function codeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo;
  const hash = createHash('sha256');
  const readOrEmpty = (file: string) => {
    try {
      return readFileSync(file);
    } catch {
      return Buffer.alloc(0);
    }
  };
  const packageVersion = (file: string) => {
    try {
      return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version);
    } catch {
      return 'unknown';
    }
  };
  hash.update(`${SNAPSHOT_FORMAT}\0${packageVersion(projectPath('package.json'))}\0${process.version}\0`);
  for (const name of INDEXING_PACKAGES) hash.update(`${name}@${packageVersion(projectPath('node_modules', name, 'package.json'))}\0`);
  // The code itself (.ts under tsx, .js when built) and its data (.json); source maps change nothing.
  const moduleDir = path.dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(moduleDir).sort()) {
    if (!/\.(ts|js|json)$/.test(name)) continue;
    const file = path.join(moduleDir, name);
    if (statSync(file).isFile()) hash.update(name).update('\0').update(readOrEmpty(file)).update('\0');
  }
  return (codeVersionMemo = hash.digest('hex'));
}

/**
 * The key of the snapshot of an index of the knowledge with hash `knowledgeHash` (`knowledgeHash` in
 * src/core/knowledgeBuilder.ts), built with `options`: equal keys give equal indexes.
 */
export function snapshotKey(knowledgeHash: string, options: IndexOptions = {}): string {
  const settings = {
    thesaurus: options.thesaurus ?? null,
    compoundWords: options.compoundWords ? [...options.compoundWords] : null,
  };
  return createHash('sha256').update(codeVersion()).update('\0').update(knowledgeHash).update('\0').update(JSON.stringify(settings)).digest('hex');
}

const int32 = z.instanceof(Int32Array);
const float64 = z.instanceof(Float64Array);
const words = z.array(z.string());

/** What a snapshot's payload must look like; the restore checks how the arrays fit together. */
const payloadSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  key: z.string(),
  parts: z.object({
    postings: z.object({
      miniSearch: z.string(),
      terms: words,
      start: int32,
      docs: int32,
      scores: float64,
      fuzzy: z.object({ bigrams: float64, listStart: int32, listTerm: int32, listCount: int32 }),
    }),
    lines: z.object({
      docStart: int32,
      lineStart: int32,
      lineTotal: float64,
      weight: float64,
      termStart: int32,
      partStart: int32,
      term: int32,
    }),
    splitterWords: words,
    documentFrequency: z.object({ all: int32, faq: int32, provider: int32 }),
    neutralWords: words,
    names: words,
  }),
});

/**
 * Why no snapshot was used: `missing` (no file yet: the first start), `stale` (made for another folder, other curator
 * changes, other code or settings: expected after a change) or `damaged` (foreign, truncated or corrupt: unexpected).
 */
export interface SnapshotProblem {
  kind: 'missing' | 'stale' | 'damaged';
  reason: string;
}

/** A snapshot read for a key: its parts, or why there are none. */
export type SnapshotRead = { parts: IndexParts } | { problem: SnapshotProblem };

const damaged = (reason: string): SnapshotRead => ({ problem: { kind: 'damaged', reason } });

/** Reads the snapshot in `file` if it has the key `key` and is intact. Never throws. */
export function readIndexSnapshot(file: string, key: string): SnapshotRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: { kind: 'missing', reason: 'no snapshot yet' } };
    return damaged(`unreadable (${(error as Error).message})`);
  }
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return damaged('not a snapshot');
  const [storedKey, checksum] = bytes.toString('latin1', MAGIC.length, HEADER_BYTES).split('\n');
  if (storedKey !== key) return { problem: { kind: 'stale', reason: 'made for another folder, other curator changes, code or settings' } };
  const payload = bytes.subarray(HEADER_BYTES);
  if (createHash('sha256').update(payload).digest('hex') !== checksum) return damaged('truncated or corrupt (checksum)');
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch (error) {
    return damaged(`corrupt (${(error as Error).message})`);
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) return damaged(`foreign (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  if (parsed.data.key !== key) return damaged('foreign (key)');
  return { parts: parsed.data.parts };
}

/** Writes the snapshot of `parts` under `key` to `file` (its folder is created, owner only): atomically, by rename. */
export function writeIndexSnapshot(file: string, key: string, parts: IndexParts): void {
  const payload = serialize({ format: SNAPSHOT_FORMAT, key, parts });
  const checksum = createHash('sha256').update(payload).digest('hex');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Header and payload one after the other: a concatenated copy would double the memory the write takes.
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, Buffer.from(`${MAGIC}${key}\n${checksum}\n`, 'latin1'));
      writeSync(fd, payload);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** An index opened with the snapshot: restored, or built (then `save` writes its snapshot, off the request path). */
export interface SnapshotIndex {
  index: KnowledgeIndex;
  restored: boolean;
  /** Why no snapshot was used (undefined when one was). */
  problem?: SnapshotProblem;
  /** Writes the built index's snapshot; undefined when the index was restored. Throws when the file cannot be written. */
  save?: () => void;
}

/**
 * The index of `knowledge` (whose `knowledgeHash` is `knowledgeHash`) with `options`: restored from the snapshot in
 * `file` when it has the right key and fits, else built. A snapshot that passes its checks but does not make the
 * index (a restore that throws) counts as foreign: the index is built.
 */
export function openIndex(knowledge: Knowledge, options: IndexOptions, snapshot: { file: string; knowledgeHash: string }): SnapshotIndex {
  const key = snapshotKey(snapshot.knowledgeHash, options);
  const read = readIndexSnapshot(snapshot.file, key);
  let problem = 'problem' in read ? read.problem : undefined;
  if ('parts' in read) {
    try {
      return { index: new KnowledgeIndex(knowledge, options, read.parts), restored: true };
    } catch (error) {
      problem = { kind: 'damaged', reason: `does not fit the folder (${(error as Error).message})` };
    }
  }
  const index = new KnowledgeIndex(knowledge, options);
  return { index, restored: false, problem, save: () => writeIndexSnapshot(snapshot.file, key, index.parts()) };
}
