/**
 * What curators do, in one place for the console's routes, `npm run gaps` and `npm run eval:loop`: read the gap
 * report and the quality figures, make a change (stored as data, announced to every instance, applied by a rebuild),
 * and write the changes into the folder's files for git.
 */
import { AppError } from '../errors.js';
import type { LiveKnowledge, ReloadResult } from '../core/liveKnowledge.js';
import { applyChanges, curatorChangeSchema, parseChanges, writeChanges, type CuratorChangeData } from '../knowledge/curatorChanges.js';
import { KnowledgeError, loadKnowledge } from '../knowledge/loader.js';
import type { Language } from '../knowledge/schema.js';
import type { CuratorChangeStore, StoredChange } from '../store/curatorChangeStore.js';
import type { QuestionLog } from '../store/questionLog.js';
import { gapReport, qualityByWeek, type GapGroup, type GapSort, type QualityWeek } from './gapReport.js';

/** Who acts: a staff member, and whether they may curate. */
export interface Curator {
  id: string;
  name: string;
  curator: boolean;
}

export interface ReportFilter {
  /** Only questions of the last this many days. */
  days?: number;
  lang?: Language;
  sort?: GapSort;
  /** For tests and the CLI: the time "now" is. */
  now?: Date;
}

export interface CuratorServiceDependencies {
  knowledge: LiveKnowledge;
  changes: CuratorChangeStore;
  log: QuestionLog;
  /** The knowledge folder (KNOWLEDGE_DIR) that `write` edits. */
  dir: string;
}

function since(filter: ReportFilter): string | undefined {
  if (!filter.days) return undefined;
  return new Date((filter.now ?? new Date()).getTime() - filter.days * 86_400_000).toISOString();
}

export class CuratorService {
  constructor(private readonly deps: CuratorServiceDependencies) {}

  async gaps(filter: ReportFilter = {}): Promise<GapGroup[]> {
    const entries = await this.deps.log.list({ since: since(filter), lang: filter.lang });
    return gapReport(entries, this.deps.knowledge.get().index, filter.sort);
  }

  async quality(filter: ReportFilter = {}): Promise<QualityWeek[]> {
    return qualityByWeek(await this.deps.log.list({ since: since(filter), lang: filter.lang }));
  }

  changes(): Promise<StoredChange[]> {
    return this.deps.changes.list();
  }

  /** Entries a question can become a phrasing of (live and drafts), for the console's picker. */
  entries(lang?: Language): { id: string; title: string; lang: Language; status: 'live' | 'draft' }[] {
    const { knowledge } = this.deps.knowledge.get().index;
    return [...knowledge.faqs, ...(knowledge.drafts ?? [])]
      .filter((faq) => !lang || faq.lang === lang)
      .map((faq) => ({ id: faq.id, title: faq.title, lang: faq.lang, status: faq.status ?? 'live' }));
  }

  /**
   * Makes a change: only curators; checked against the knowledge serving now (the entry exists, the draft's id is
   * free, the change is not there already); stored with who and when; then the knowledge is rebuilt (on every
   * instance, through the database's notice) and the result returned.
   */
  async change(input: unknown, by: Curator, options: { reload?: boolean } = {}): Promise<{ change: StoredChange; reload?: ReloadResult }> {
    if (!by.curator) throw new AppError('FORBIDDEN', 'Only curators may change the knowledge.');
    const parsed = curatorChangeSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('BAD_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const data: CuratorChangeData = parsed.data;
    const { knowledge } = this.deps.knowledge.get().index;
    if (data.action === 'phrasing') {
      const entry = [...knowledge.faqs, ...(knowledge.drafts ?? [])].find((faq) => faq.id === data.entryId);
      if (!entry) throw new AppError('BAD_REQUEST', `entryId: unknown entry "${data.entryId}"`);
    }
    if (data.action === 'draft' && !data.id.endsWith(`-${data.lang}`)) {
      throw new AppError('BAD_REQUEST', `id: must end in "-${data.lang}" like the folder's other entries`);
    }
    const [outcome] = applyChanges(knowledge, [{ id: 0, data, author: by.id, createdAt: '' }]).outcomes;
    if (outcome?.status !== 'applied') throw new AppError('CONFLICT', 'The knowledge has this already.');
    const change = await this.deps.changes.add(data, `${by.name} (${by.id})`);
    // A batch of changes (eval:loop) rebuilds once at its end instead of after each.
    if (options.reload === false) return { change };
    return { change, reload: await this.deps.knowledge.reload() };
  }

  /** Rebuilds now (POST /api/admin/reload, a file change, another instance's notice). */
  reload(): Promise<ReloadResult> {
    return this.deps.knowledge.reload();
  }

  /**
   * Writes the pending changes into the folder's files (plain edits for git) and rebuilds, which retires them.
   * Returns the files touched, relative to the folder.
   */
  async write(by: Curator): Promise<{ files: string[]; reload: ReloadResult }> {
    if (!by.curator) throw new AppError('FORBIDDEN', 'Only curators may change the knowledge.');
    let folder;
    try {
      folder = loadKnowledge(this.deps.dir);
    } catch (error) {
      if (error instanceof KnowledgeError) throw new AppError('CONFLICT', `The folder has problems; fix them first:\n${error.problems.join('\n')}`);
      throw error;
    }
    const { changes: pending } = parseChanges(await this.deps.changes.active());
    const files = writeChanges(this.deps.dir, folder, pending);
    await this.deps.changes.markWritten(pending.map((c) => c.id));
    return { files, reload: await this.deps.knowledge.reload() };
  }
}
