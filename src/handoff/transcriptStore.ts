/**
 * What was said in each conversation (user, bot, staff) and the latest conversation reference of each conversation,
 * in SQLite, so that a ticket shows the conversation so far and staff can reach the user after a restart.
 *
 * Conversations are keyed by channel and conversation id ({@link conversationKey}); the same store serves the
 * Bot Framework channels (Teams, Emulator) and the website's Direct Line channel.
 */
import type { ConversationReference } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { batchWrites, statement, type Db } from '../store/database.js';

export type TranscriptRole = 'user' | 'bot' | 'staff';

/** One message of a conversation. `seq` grows over all conversations, so it orders and bounds a ticket's excerpt. */
export interface TranscriptEntry {
  seq: number;
  role: TranscriptRole;
  /** Display name of who wrote it (user name, "Bot", staff member). */
  author: string;
  text: string;
  at: string;
}

/** Longest text kept per message; longer texts are cut (with an ellipsis). */
export const MAX_TRANSCRIPT_TEXT = 4000;

/** The store key of a conversation: channels may reuse conversation ids, so the channel is part of it. */
export function conversationKey(reference: { channelId?: string; conversation?: { id?: string } }): string {
  return `${reference.channelId ?? 'unknown'}|${reference.conversation?.id ?? 'unknown'}`;
}

interface EntryRow {
  seq: number;
  role: TranscriptRole;
  author: string;
  text: string;
  created_at: string;
}

const toEntry = (row: EntryRow): TranscriptEntry => ({
  seq: row.seq,
  role: row.role,
  author: row.author,
  text: row.text,
  at: row.created_at,
});

export class TranscriptStore {
  /**
   * The reference last written per conversation. Every turn saves its reference, but without the incoming activity
   * id it rarely changes, so an unchanged one is not written again. Bounded: a forgotten key costs one write.
   */
  private readonly writtenReferences = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly db: Db) {}

  /** Appends a message and returns it. */
  append(key: string, message: { role: TranscriptRole; author: string; text: string; at?: Date }): TranscriptEntry {
    const text = message.text.length > MAX_TRANSCRIPT_TEXT ? `${message.text.slice(0, MAX_TRANSCRIPT_TEXT - 1)}…` : message.text;
    const at = (message.at ?? new Date()).toISOString();
    batchWrites(this.db);
    const result = statement(this.db, 'INSERT INTO handoff_messages (conversation_key, role, author, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(key, message.role, message.author, text, at);
    return { seq: Number(result.lastInsertRowid), role: message.role, author: message.author, text, at };
  }

  /**
   * Messages of a conversation with `fromSeq <= seq <= toSeq` (open end without `toSeq`), oldest first.
   */
  range(key: string, fromSeq: number, toSeq?: number): TranscriptEntry[] {
    const rows = statement(
        this.db,
        `SELECT seq, role, author, text, created_at FROM handoff_messages
         WHERE conversation_key = ? AND seq >= ? AND seq <= ? ORDER BY seq`,
      )
      .all(key, fromSeq, toSeq ?? Number.MAX_SAFE_INTEGER) as EntryRow[];
    return rows.map(toEntry);
  }

  /**
   * The first `seq` of the last `count` messages of a conversation: where a new ticket's transcript starts.
   * Without messages it is the next seq to be written, so the ticket still sees everything that follows.
   */
  excerptStart(key: string, count: number): number {
    const row = statement(this.db, 'SELECT MIN(seq) AS seq FROM (SELECT seq FROM handoff_messages WHERE conversation_key = ? ORDER BY seq DESC LIMIT ?)')
      .get(key, count) as { seq: number | null };
    return row.seq ?? this.lastSeq() + 1;
  }

  /** The newest seq over all conversations (0 when empty). */
  lastSeq(): number {
    return (statement(this.db, 'SELECT COALESCE(MAX(seq), 0) FROM handoff_messages').pluck().get() as number) ?? 0;
  }

  /** Remembers where `key` can be reached; `userName` is kept when a later activity does not carry one. */
  saveReference(key: string, reference: Partial<ConversationReference>, userName?: string): void {
    const written = JSON.stringify([reference, userName ?? null]);
    if (this.writtenReferences.get(key) === written) return;
    batchWrites(this.db);
    statement(
        this.db,
        `INSERT INTO handoff_references (conversation_key, reference, user_name, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(conversation_key) DO UPDATE SET reference = excluded.reference,
           user_name = COALESCE(excluded.user_name, handoff_references.user_name), updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(reference), userName ?? null, new Date().toISOString());
    this.writtenReferences.set(key, written);
  }

  reference(key: string): { reference: Partial<ConversationReference>; userName?: string } | undefined {
    const row = statement(this.db, 'SELECT reference, user_name FROM handoff_references WHERE conversation_key = ?').get(key) as
      | { reference: string; user_name: string | null }
      | undefined;
    return row ? { reference: JSON.parse(row.reference) as Partial<ConversationReference>, userName: row.user_name ?? undefined } : undefined;
  }
}
