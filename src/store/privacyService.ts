/**
 * What the product does with personal data as a whole, on top of the {@link PersonalDataRegistry}: a user's (or a
 * staff member's) deletion and export, each written to the audit log, and the retention sweep, which runs at start
 * and then hourly in small batches. After a deletion SQLite's WAL is checkpointed and truncated, so that (with
 * `secure_delete`) the deleted text is gone from the files, not only from queries.
 */
import type { Pseudonyms } from '../privacy/pseudonym.js';
import type { AuditActor, AuditLog } from './auditLog.js';
import type { Database } from './database.js';
import type { DataSubject, PersonalDataRegistry } from './personalData.js';
import { SqliteDatabase } from './sqlite.js';

export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface PrivacyServiceOptions {
  db: Database;
  registry: PersonalDataRegistry;
  audit: AuditLog;
  pseudonyms: Pseudonyms;
  /** Rows per delete statement of the sweep. */
  batchSize: number;
  /** The clock of the sweep (tests move it forward). */
  now?: () => Date;
  /** Told about failed sweeps (they are retried at the next hour). */
  onError?: (error: unknown) => void;
  /** Told the rows a sweep deleted per kind, when it deleted any. */
  onSwept?: (deleted: Record<string, number>) => void;
}

export interface ExportResult {
  subject: { channelId: string; userId: string; conversationIds: string[] };
  exportedAt: string;
  data: Record<string, unknown[]>;
}

export class PrivacyService {
  private timer?: NodeJS.Timeout;
  private running?: Promise<Record<string, number>>;
  readonly now: () => Date;

  constructor(private readonly options: PrivacyServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** How audit entries name a subject: by pseudonym, never by the channel's ids. */
  targetOf(subject: DataSubject): string {
    return `${subject.channelId} user ${this.options.pseudonyms.of(subject.channelId, subject.userId)}`;
  }

  /** Deletes (or anonymises) everything of the subject; returns rows affected per kind. */
  async erase(subject: DataSubject, actor: AuditActor, target = this.targetOf(subject)): Promise<Record<string, number>> {
    const counts = await this.options.registry.deleteSubject(subject);
    await this.options.audit.record(actor, 'delete', target, counts);
    await this.checkpoint(true);
    return counts;
  }

  /** Everything of the subject, as JSON (Art. 15), and an audit entry saying who exported it. */
  async export(subject: DataSubject, actor: AuditActor, target = this.targetOf(subject)): Promise<ExportResult> {
    const data = await this.options.registry.exportSubject(subject);
    await this.options.audit.record(actor, 'export', target);
    return {
      subject: { channelId: subject.channelId, userId: subject.userId, conversationIds: subject.conversationIds },
      exportedAt: this.now().toISOString(),
      data,
    };
  }

  /** One sweep over every kind (at most one at a time; a call during a sweep gets that sweep's result). */
  sweep(now = this.now()): Promise<Record<string, number>> {
    this.running ??= (async () => {
      try {
        const counts = await this.options.registry.sweep(now, this.options.batchSize);
        if (Object.values(counts).some((n) => n > 0)) {
          await this.checkpoint();
          this.options.onSwept?.(Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)));
        }
        return counts;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Sweeps now and then every hour, until {@link stop}. */
  start(): void {
    const run = () => void this.sweep().catch((error: unknown) => this.options.onError?.(error));
    run();
    this.timer = setInterval(run, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * SQLite: moves the WAL into the database file and truncates it, so that deleted rows (overwritten in the file by
   * `secure_delete`) are not left in old WAL frames. PostgreSQL needs nothing here (autovacuum reclaims the space).
   */
  private async checkpoint(compact = false): Promise<void> {
    const db = this.options.db;
    if (!(db instanceof SqliteDatabase)) return;
    // A user's deletion rewrites the file (see `SqliteDatabase.compact`); the retention sweep only checkpoints.
    if (compact && (await db.compact())) return;
    for (let attempt = 0; attempt < 10 && !(await db.checkpoint()); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
