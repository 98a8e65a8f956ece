/**
 * The privacy audit log: who (a staff member, or the user themself), when and what, for every staff access to a
 * transcript, every export and every deletion of personal data. Entries name tickets and conversations by id or by
 * pseudonym, never by content; they are kept for AUDIT_LOG_RETENTION_DAYS (see docs/privacy.md).
 */
import type { Database } from './database.js';
import type { PersonalDataKind } from './personalData.js';

export type AuditAction = 'transcript.read' | 'export' | 'delete';

export interface AuditActor {
  kind: 'staff' | 'user' | 'system';
  id: string;
  name: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** What was touched: `ticket 7`, `conversation <pseudonym>`, … */
  target: string;
  /** Counts per kind of data (deletions), or nothing. */
  detail?: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  actor_kind: AuditActor['kind'];
  actor_id: string;
  actor_name: string;
  action: AuditAction;
  target: string;
  detail: string | null;
}

export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(actor: AuditActor, action: AuditAction, target: string, detail?: unknown): Promise<void> {
    await this.db.run(
      'INSERT INTO privacy_audit (at, actor_kind, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [this.now().toISOString(), actor.kind, actor.id, actor.name, action, target, detail === undefined ? null : JSON.stringify(detail)],
    );
  }

  /** The newest entries first. */
  async list(limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db.all<AuditRow>('SELECT * FROM privacy_audit ORDER BY id DESC LIMIT ?', [limit]);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
      action: row.action,
      target: row.target,
      ...(row.detail ? { detail: JSON.parse(row.detail) as unknown } : {}),
    }));
  }

  /**
   * The log as a kind of personal data: it names staff members (by their staff id) and users only by pseudonym, so a
   * user's deletion has nothing to delete here; entries expire after the retention.
   */
  kind(): PersonalDataKind {
    return {
      name: 'privacy audit log',
      deleteSubject: async () => 0,
      exportSubject: async () => [],
      sweep: async (now, batchSize) => {
        const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
        return (
          await this.db.run('DELETE FROM privacy_audit WHERE id IN (SELECT id FROM privacy_audit WHERE at < ? ORDER BY id LIMIT ?)', [cutoff, batchSize])
        ).changes;
      },
    };
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The moment `days` days before `now`, as stored (ISO text). */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
