/**
 * The question log for curators: one row per user question with what the bot decided, what the user clicked next in
 * a "did you mean" card (an implicit label), their vote on the answer, and whether a person took over.
 *
 * Nothing in it names the user: the text is masked (e-mail, phone, IBAN) before it is stored, the user and the
 * conversation are keyed pseudonyms (src/privacy/pseudonym.ts). Rows expire after the retention period; a user's
 * request to delete their data finds their rows by computing the pseudonym again (see {@link QuestionLog.personalData}).
 */
import { randomBytes } from 'node:crypto';
import { maskPersonalData } from '../privacy/mask.js';
import type { Pseudonyms } from '../privacy/pseudonym.js';
import { placeholders, type Database } from './database.js';
import type { DataSubject, PersonalDataKind } from './personalData.js';

/** What the bot did with a question. */
export const decisions = ['answer', 'didYouMean', 'unknown', 'providers', 'handoff'] as const;
export type Decision = (typeof decisions)[number];

export const reactions = ['like', 'dislike'] as const;
export type Reaction = (typeof reactions)[number];

/** Why an answer was down-voted (optional, chosen in the feedback form). */
export const feedbackReasons = ['wrong', 'incomplete', 'outdated', 'other'] as const;
export type FeedbackReason = (typeof feedbackReasons)[number];

/** Longest free-text comment kept with a vote. */
export const MAX_FEEDBACK_COMMENT = 500;

/** An entry or provider the bot chose or offered, with its search score. */
export interface Chosen {
  id: string;
  score?: number;
}

/** Who asked, by the channel's ids; only their pseudonyms are stored. */
export interface Asker {
  channelId: string;
  userId: string;
  conversationId: string;
}

export interface QuestionEntry {
  id: number;
  /** A random reference the feedback buttons of the answer carry. */
  ref: string;
  channel: string;
  lang: string;
  /** The question, masked. */
  text: string;
  decision: Decision;
  chosen: Chosen[];
  clickedId: string | null;
  reaction: Reaction | null;
  reason: FeedbackReason | null;
  comment: string | null;
  handoff: boolean;
  createdAt: string;
}

interface QuestionRow {
  id: number | string;
  ref: string;
  channel: string;
  lang: string;
  text: string;
  decision: string;
  chosen: string;
  clicked_id: string | null;
  reaction: string | null;
  reason: string | null;
  comment: string | null;
  handoff: number;
  created_at: string;
}

const columns = 'id, ref, channel, lang, text, decision, chosen, clicked_id, reaction, reason, comment, handoff, created_at';

function entryOf(row: QuestionRow): QuestionEntry {
  return {
    id: Number(row.id),
    ref: row.ref,
    channel: row.channel,
    lang: row.lang,
    text: row.text,
    decision: row.decision as Decision,
    chosen: JSON.parse(row.chosen) as Chosen[],
    clickedId: row.clicked_id,
    reaction: row.reaction as Reaction | null,
    reason: row.reason as FeedbackReason | null,
    comment: row.comment,
    handoff: Number(row.handoff) === 1,
    createdAt: row.created_at,
  };
}

/** Bytes of a reference (16 characters of base64url). */
const REF_BYTES = 12;
/**
 * Random bytes for the next references, drawn from the system's generator a block at a time: every turn takes a
 * reference, and one draw per turn cost more than the rest of the logging.
 */
let refPool = Buffer.alloc(0);
let refPoolAt = 0;

/** A new random reference for a logged question. */
export function newQuestionRef(): string {
  if (refPoolAt + REF_BYTES > refPool.length) {
    refPool = randomBytes(REF_BYTES * 256);
    refPoolAt = 0;
  }
  const ref = refPool.toString('base64url', refPoolAt, refPoolAt + REF_BYTES);
  refPoolAt += REF_BYTES;
  return ref;
}

export interface QuestionFilter {
  /** ISO time; rows at or after it. */
  since?: string;
  /** ISO time; rows before it. */
  until?: string;
  lang?: string;
}

export class QuestionLog {
  constructor(
    private readonly db: Database,
    private readonly pseudonyms: Pseudonyms,
    /** Days a row is kept (QUESTION_LOG_RETENTION_DAYS). */
    private readonly retentionDays: number,
  ) {}

  private who(asker: Pick<Asker, 'channelId' | 'userId'>): string {
    return this.pseudonyms.of(asker.channelId, asker.userId);
  }

  private conversation(channelId: string, conversationId: string): string {
    return this.pseudonyms.of(channelId, `conversation\u0000${conversationId}`);
  }

  /** Logs a question; the text is masked here, whoever calls. */
  async record(
    asker: Asker,
    question: { ref: string; lang: string; text: string; decision: Decision; chosen: Chosen[]; at?: Date },
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO question_log (ref, pseudonym, conversation, channel, lang, text, decision, chosen, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        question.ref,
        this.who(asker),
        this.conversation(asker.channelId, asker.conversationId),
        asker.channelId,
        question.lang,
        maskPersonalData(question.text),
        question.decision,
        JSON.stringify(question.chosen),
        (question.at ?? new Date()).toISOString(),
      ],
    );
  }

  /** Remembers the id of the activity that answered the question (Teams' feedback names it). */
  async setReplyActivity(ref: string, activityId: string): Promise<void> {
    await this.db.run('UPDATE question_log SET reply_activity_id = ? WHERE ref = ?', [activityId, ref]);
  }

  /**
   * Records the asker's vote on an answer, found by its reference or by the id of the answering activity. Only the
   * user who asked can vote on it; a second vote replaces the first. False when there is no such question of theirs.
   */
  async vote(
    asker: Pick<Asker, 'channelId' | 'userId'>,
    target: { ref: string } | { replyActivityId: string },
    vote: { reaction: Reaction; reason?: FeedbackReason; comment?: string },
  ): Promise<boolean> {
    const comment = vote.comment?.trim() ? maskPersonalData(vote.comment.trim().slice(0, MAX_FEEDBACK_COMMENT)) : null;
    const [column, value] = 'ref' in target ? ['ref', target.ref] : ['reply_activity_id', target.replyActivityId];
    const result = await this.db.run(
      `UPDATE question_log SET reaction = ?, reason = ?, comment = ?, voted_at = ? WHERE ${column} = ? AND pseudonym = ?`,
      [vote.reaction, vote.reason ?? null, comment, new Date().toISOString(), value, this.who(asker)],
    );
    return result.changes > 0;
  }

  /**
   * The user chose an entry from the conversation's last "did you mean" card: the implicit label of that question.
   * Returns the question's reference (the answer shown for the click is the answer to it), or undefined.
   */
  async recordClick(channelId: string, conversationId: string, entryId: string): Promise<string | undefined> {
    const conversation = this.conversation(channelId, conversationId);
    const last = await this.db.get<{ id: number | string; ref: string; decision: string; chosen: string }>(
      'SELECT id, ref, decision, chosen FROM question_log WHERE conversation = ? ORDER BY id DESC LIMIT 1',
      [conversation],
    );
    if (!last || last.decision !== 'didYouMean') return undefined;
    const offered = (JSON.parse(last.chosen) as Chosen[]).some((c) => c.id === entryId);
    if (!offered) return undefined;
    await this.db.run('UPDATE question_log SET clicked_id = ? WHERE id = ?', [entryId, Number(last.id)]);
    return last.ref;
  }

  /** A person took over the conversation: its questions are marked. */
  async markHandoff(channelId: string, conversationId: string): Promise<void> {
    await this.db.run('UPDATE question_log SET handoff = 1 WHERE conversation = ?', [this.conversation(channelId, conversationId)]);
  }

  /** Logged questions, oldest first. */
  async list(filter: QuestionFilter = {}): Promise<QuestionEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.since) (where.push('created_at >= ?'), params.push(filter.since));
    if (filter.until) (where.push('created_at < ?'), params.push(filter.until));
    if (filter.lang) (where.push('lang = ?'), params.push(filter.lang));
    const rows = await this.db.all<QuestionRow>(
      `SELECT ${columns} FROM question_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      params,
    );
    return rows.map(entryOf);
  }

  /** The log as a kind of personal data: deleted and exported by the user's pseudonym, expired after the retention. */
  personalData(): PersonalDataKind {
    const bySubject = (subject: DataSubject): [string, unknown[]] => {
      const conversations = subject.conversationIds.map((id) => this.conversation(subject.channelId, id));
      const clause = conversations.length ? ` OR conversation IN (${placeholders(conversations.length)})` : '';
      return [`(pseudonym = ?${clause})`, [this.who(subject), ...conversations]];
    };
    return {
      name: 'question log',
      deleteSubject: async (subject) => {
        const [clause, params] = bySubject(subject);
        return (await this.db.run(`DELETE FROM question_log WHERE ${clause}`, params)).changes;
      },
      exportSubject: async (subject) => {
        const [clause, params] = bySubject(subject);
        const rows = await this.db.all<QuestionRow>(`SELECT ${columns} FROM question_log WHERE ${clause} ORDER BY id`, params);
        return rows.map(({ id: _id, ref: _ref, ...row }) => ({ ...row, chosen: JSON.parse(row.chosen) as unknown }));
      },
      sweep: async (now, batchSize) => {
        const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000).toISOString();
        const result = await this.db.run(
          `DELETE FROM question_log WHERE id IN (SELECT id FROM question_log WHERE created_at < ? ORDER BY id LIMIT ?)`,
          [cutoff, batchSize],
        );
        return result.changes;
      },
    };
  }
}
