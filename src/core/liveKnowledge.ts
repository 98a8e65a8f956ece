/**
 * The knowledge the assistant serves right now: the search index and the core that decides with it. Rebuilt off the
 * request path when the folder or a curator change demands it, then swapped in at once; a turn reads it once and
 * keeps what it read, so a swap never mixes two versions within one answer.
 */
import type { KnowledgeIndex } from '../knowledge/searchIndex.js';
import type { AssistantCore } from './respond.js';

export interface KnowledgeVersion {
  index: KnowledgeIndex;
  core: AssistantCore;
}

export class LiveKnowledge {
  constructor(private current: KnowledgeVersion) {}

  /** What a turn or a request uses, read once per turn. */
  get(): KnowledgeVersion {
    return this.current;
  }

  /** Serves `next` from now on. */
  replace(next: KnowledgeVersion): void {
    this.current = next;
  }
}
