/**
 * What was said in each conversation (user, bot, staff) and the latest address of each conversation, so that a ticket
 * shows the conversation so far and staff can reach the user after a restart, from any instance.
 *
 * Conversations are keyed by channel and conversation id ({@link conversationKey}); the same store serves the
 * Bot Framework channels (Teams, Emulator) and the website's Direct Line channel.
 */
import { LRUCache } from 'lru-cache';
import type { Database } from '../store/database.js';
import { conversationKey, type ConversationAddress } from './address.js';

export { conversationKey };

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

/** A message not written yet: the conversation has no ticket (see {@link TranscriptStore.remember}). */
interface PendingMessage {
  role: TranscriptRole;
  author: string;
  text: string;
  at: Date;
}

/** A remembered message as kept in memory: the time in milliseconds (a `Date` object took several times a number's bytes). */
interface KeptMessage {
  role: TranscriptRole;
  author: string;
  text: string;
  at: number;
}

/** The remembered messages of one conversation and their estimated size (see {@link keptBytes}). */
interface KeptConversation {
  messages: KeptMessage[];
  bytes: number;
}

/** How many recent messages of a conversation without a ticket are kept in memory, and for how long. */
export const RECENT_MESSAGES_KEPT = 30;
export const RECENT_MESSAGES_TTL_MS = 24 * 60 * 60 * 1000;
/** Most conversations whose recent messages are kept. */
export const RECENT_CONVERSATIONS_KEPT = 10_000;
/**
 * Most memory, estimated by {@link keptBytes}, that the recent messages of all conversations may take: their count
 * alone would allow 300,000 messages of up to 4,000 characters. 4 MB hold twenty lines of about 500 conversations; the
 * conversation active least recently is forgotten first, and the one a user asks to hand over is active just then.
 */
export const RECENT_MESSAGES_MAX_BYTES = 4 * 1024 * 1024;

/** Estimated bytes of a kept message: its strings at two bytes a character, plus the object and its number. */
function keptBytes(message: KeptMessage): number {
  return 64 + 2 * (message.author.length + message.text.length);
}

export class TranscriptStore {
  /**
   * The last messages of conversations without a ticket, in this process's memory only (data minimisation: nothing
   * of a conversation that never reaches staff is written). A ticket opened later starts with them
   * ({@link flushRecent}). Bounded in conversations, messages, memory and time.
   */
  private readonly recent = new LRUCache<string, KeptConversation>({
    max: RECENT_CONVERSATIONS_KEPT,
    maxSize: RECENT_MESSAGES_MAX_BYTES,
    ttl: RECENT_MESSAGES_TTL_MS,
  });

  /**
   * The address last written per conversation. Every turn saves its address, which rarely changes, so an unchanged
   * one is not written again. Bounded: a forgotten key costs one write.
   */
  private readonly writtenAddresses = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly db: Database) {}

  /** Appends a message and returns it once committed. */
  async append(key: string, message: { role: TranscriptRole; author: string; text: string; at?: Date }): Promise<TranscriptEntry> {
    const text = message.text.length > MAX_TRANSCRIPT_TEXT ? `${message.text.slice(0, MAX_TRANSCRIPT_TEXT - 1)}…` : message.text;
    const at = (message.at ?? new Date()).toISOString();
    const { rows } = await this.db.run<{ seq: number }>(
      'INSERT INTO handoff_messages (conversation_key, role, author, text, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq',
      [key, message.role, message.author, text, at],
    );
    return { seq: rows[0]!.seq, role: message.role, author: message.author, text, at };
  }

  /** Keeps a message of a conversation without a ticket in memory (the last {@link RECENT_MESSAGES_KEPT}). */
  remember(key: string, message: { role: TranscriptRole; author: string; text: string; at?: Date }): void {
    const messages = this.recent.get(key)?.messages ?? [];
    // The same author's name as one string, not one copy per message.
    const author = messages.findLast((kept) => kept.author === message.author)?.author ?? message.author;
    messages.push({ role: message.role, author, text: message.text, at: message.at?.getTime() ?? Date.now() });
    if (messages.length > RECENT_MESSAGES_KEPT) messages.splice(0, messages.length - RECENT_MESSAGES_KEPT);
    let bytes = 0;
    for (const kept of messages) bytes += keptBytes(kept);
    // A new record each time: the cache takes an entry's size when the value is set anew.
    this.recent.set(key, { messages, bytes }, { size: bytes });
  }

  /** Writes the remembered messages of a conversation (a ticket is being opened for it); returns how many. */
  async flushRecent(key: string): Promise<number> {
    const list = this.remembered(key);
    this.recent.delete(key);
    for (const message of list) await this.append(key, message);
    return list.length;
  }

  /** Forgets what this process remembers of a conversation (the user deleted their data). */
  forget(key: string): void {
    this.recent.delete(key);
    this.writtenAddresses.delete(key);
  }

  /** The remembered, unwritten messages of a conversation (for a user's export). */
  remembered(key: string): readonly PendingMessage[] {
    return (this.recent.get(key)?.messages ?? []).map((kept) => ({ ...kept, at: new Date(kept.at) }));
  }

  /** One message by its seq. */
  async entry(seq: number): Promise<TranscriptEntry | undefined> {
    const row = await this.db.get<EntryRow>('SELECT seq, role, author, text, created_at FROM handoff_messages WHERE seq = ?', [seq]);
    return row ? toEntry(row) : undefined;
  }

  /** Messages of a conversation with `fromSeq <= seq <= toSeq` (open end without `toSeq`), oldest first. */
  async range(key: string, fromSeq: number, toSeq?: number): Promise<TranscriptEntry[]> {
    const rows = await this.db.all<EntryRow>(
      `SELECT seq, role, author, text, created_at FROM handoff_messages
       WHERE conversation_key = ? AND seq >= ? AND seq <= ? ORDER BY seq`,
      [key, fromSeq, toSeq ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map(toEntry);
  }

  /**
   * The first `seq` of the last `count` messages of a conversation: where a new ticket's transcript starts.
   * Without messages it is the next seq to be written, so the ticket still sees everything that follows.
   */
  async excerptStart(key: string, count: number): Promise<number> {
    const row = await this.db.get<{ seq: number | null }>(
      'SELECT MIN(seq) AS seq FROM (SELECT seq FROM handoff_messages WHERE conversation_key = ? ORDER BY seq DESC LIMIT ?) AS recent',
      [key, count],
    );
    return row?.seq ?? (await this.lastSeq()) + 1;
  }

  /** The newest seq over all conversations (0 when empty). */
  async lastSeq(): Promise<number> {
    const row = await this.db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM handoff_messages');
    return row?.seq ?? 0;
  }

  /** Remembers where `key` can be reached; `userName` is kept when a later activity does not carry one. */
  async saveAddress(key: string, address: ConversationAddress, userName?: string): Promise<void> {
    const written = JSON.stringify([address, userName ?? null]);
    if (this.writtenAddresses.get(key) === written) return;
    await this.db.run(
      `INSERT INTO handoff_references (conversation_key, reference, user_name, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_key) DO UPDATE SET reference = excluded.reference,
         user_name = COALESCE(excluded.user_name, handoff_references.user_name), updated_at = excluded.updated_at`,
      [key, JSON.stringify(address), userName ?? null, new Date().toISOString()],
    );
    this.writtenAddresses.set(key, written);
  }

  async address(key: string): Promise<{ address: ConversationAddress; userName?: string } | undefined> {
    const row = await this.db.get<{ reference: string; user_name: string | null }>(
      'SELECT reference, user_name FROM handoff_references WHERE conversation_key = ?',
      [key],
    );
    return row ? { address: JSON.parse(row.reference) as ConversationAddress, userName: row.user_name ?? undefined } : undefined;
  }
}
