/**
 * Helpers of the privacy tests: a website user speaking plain Direct Line 3.0 over HTTP (as Web Chat does), and a
 * look at every table of the database, whatever tables exist (so that a new table with personal data is checked too).
 */
import { expect } from 'vitest';
import type { Database } from '../../src/store/database.js';

export interface DirectLineActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  attachments?: { contentType: string; content: any }[];
  replyToId?: string;
}

/** A website user: a token, a conversation, and what the bot said. */
export class WidgetUser {
  private watermark = 0;
  readonly seen: DirectLineActivity[] = [];
  /** The WebSocket stream URL the start returned. */
  streamUrl = '';

  private constructor(
    private readonly running: { baseUrl: string },
    readonly conversationId: string,
    private readonly token: string,
    readonly name: string,
  ) {}

  /** Gets a token and starts the conversation (the welcome turn runs). */
  static async start(running: { baseUrl: string }, name: string, locale = 'de-DE'): Promise<WidgetUser> {
    const issued = (await (await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      conversationId: string;
      token: string;
    };
    const user = new WidgetUser(running, issued.conversationId, issued.token, name);
    const started = await user.request('POST', '/v3/directline/conversations', { locale });
    expect(started.status).toBe(201);
    user.streamUrl = started.body.streamUrl;
    return user;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Posts a message (text or a card button's value); returns the HTTP status. The bot's replies are committed then. */
  async say(message: { text?: string; value?: unknown }): Promise<number> {
    const posted = await this.request('POST', `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`, {
      type: 'message',
      locale: 'de-DE',
      from: { id: 'page-user', name: this.name, role: 'user' },
      ...message,
    });
    return posted.status;
  }

  /** The activities since the last call (polling). */
  async poll(): Promise<DirectLineActivity[]> {
    const got = await this.request('GET', `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities?watermark=${this.watermark}`);
    expect(got.status).toBe(200);
    this.watermark = Number(got.body.watermark ?? this.watermark);
    this.seen.push(...got.body.activities);
    return got.body.activities as DirectLineActivity[];
  }

  /** Says something and returns the bot's replies to it. */
  async ask(message: { text?: string; value?: unknown }): Promise<DirectLineActivity[]> {
    expect(await this.say(message)).toBe(200);
    return (await this.poll()).filter((a) => a.from.role === 'bot');
  }
}

/** The first Adaptive Card of some activities. */
export function firstCard(activities: DirectLineActivity[]): any {
  const card = activities.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  expect(card, 'an Adaptive Card').toBeDefined();
  return card!.content;
}

/** The data of a card's button with this title. */
export function buttonData(card: any, title: string): Record<string, unknown> {
  const action = (card.actions ?? []).find((a: { title: string }) => a.title === title);
  expect(action, `button "${title}"`).toBeDefined();
  return action.data;
}

/** Every table of the database's schema (SQLite or PostgreSQL). */
export async function allTables(db: Database): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");
  return rows.map((row) => row.name);
}

/** For every table, the rows whose text contains any of `needles` (as JSON, so every column counts). */
export async function rowsMentioning(db: Database, needles: string[]): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const table of await allTables(db)) {
    const rows = await db.all(`SELECT * FROM ${table}`);
    const hits = rows.filter((row) => needles.some((needle) => JSON.stringify(row).includes(needle)));
    if (hits.length > 0) found[table] = hits;
  }
  return found;
}

/** Rows of one table. */
export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const row = await db.get<{ n: number | string }>(sql, params);
  return Number(row?.n ?? 0);
}
