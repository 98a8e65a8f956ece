/**
 * The knowledge the assistant serves right now: the search index and the core that decides with it. Rebuilt off the
 * request path when the folder or a curator change demands it, then swapped in at once; a turn reads it once and
 * keeps what it read, so a swap never mixes two versions within one answer. A rebuild that fails (a folder with
 * problems) keeps the old version serving and reports the problems in {@link LiveKnowledge.status}.
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { AssistantCore } from './respond.js';

export interface KnowledgeVersion {
  index: KnowledgeIndex;
  core: AssistantCore;
  /** A hash of the folder's files and the curator changes applied over them (see knowledgeBuilder.ts). */
  hash?: string;
  /** Notes about the build that did not stop it (e.g. a curator change whose entry is gone). */
  notes?: string[];
}

/** What `/healthz` and the console show about the knowledge. */
export interface KnowledgeStatus {
  /** The hash of the version serving now. */
  version: string;
  /** When the version serving now was built. */
  builtAt: string;
  /** `stale` when the last rebuild failed and an older version keeps serving. */
  state: 'ok' | 'stale';
  /** The last failed rebuild's problems (`file: field: reason`), empty when it succeeded. */
  problems: string[];
  /** Notes of the version serving now. */
  notes: string[];
  lastAttemptAt: string;
}

export type ReloadResult = { ok: true; status: KnowledgeStatus } | { ok: false; status: KnowledgeStatus };

export class LiveKnowledge {
  private builtAt = new Date().toISOString();
  private lastAttemptAt = this.builtAt;
  private problems: string[] = [];
  /** The rebuild running now, and the one after it that every request made meanwhile shares. */
  private running?: Promise<ReloadResult>;
  private next?: Promise<ReloadResult>;

  constructor(
    private current: KnowledgeVersion,
    /** Builds a new version from the folder and the curator changes; throws with `problems` when it cannot. */
    private readonly build?: () => Promise<KnowledgeVersion>,
  ) {}

  /** What a turn or a request uses, read once per turn. */
  get(): KnowledgeVersion {
    return this.current;
  }

  /** Serves `next` from now on. */
  replace(next: KnowledgeVersion): void {
    this.current = next;
    this.builtAt = new Date().toISOString();
    this.problems = [];
  }

  status(): KnowledgeStatus {
    return {
      version: this.current.hash ?? 'unknown',
      builtAt: this.builtAt,
      state: this.problems.length > 0 ? 'stale' : 'ok',
      problems: [...this.problems],
      notes: [...(this.current.notes ?? [])],
      lastAttemptAt: this.lastAttemptAt,
    };
  }

  /**
   * Rebuilds and swaps. Calls while a rebuild runs share one more rebuild after it (so a change made meanwhile is
   * never missed); the promise resolves when the version that includes the caller's request is serving or failed.
   */
  reload(): Promise<ReloadResult> {
    if (!this.build) return Promise.resolve({ ok: true, status: this.status() });
    if (!this.running) return this.start();
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<ReloadResult> {
    this.running = this.rebuild().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebuild(): Promise<ReloadResult> {
    this.lastAttemptAt = new Date().toISOString();
    try {
      const next = await this.build!();
      this.replace(next);
      return { ok: true, status: this.status() };
    } catch (error) {
      const problems = (error as { problems?: unknown }).problems;
      this.problems = Array.isArray(problems) ? problems.map(String) : [(error as Error).message];
      return { ok: false, status: this.status() };
    }
  }
}
