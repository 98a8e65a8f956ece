/**
 * Helpers for the curator loop's tests: the real application on a temp copy of the shipped knowledge folder (so that
 * write-back and broken edits touch only the copy), a website user talking over Direct Line's REST API, and the
 * staff API with a curator and a non-curator token.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeDataDir, start, type Running } from '../directline/harness.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { STAFF, staffApi } from '../handoff/support.js';

export { staffApi, STAFF, type Running };

/** Berta curates, Carl is staff only. */
export const CURATOR = STAFF.berta;
export const NOT_CURATOR = STAFF.carl;

export interface CurationApp {
  running: Running;
  knowledgeDir: string;
  close(): Promise<void>;
}

/** The app on a fresh copy of the shipped folder, with Berta as curator. */
export async function startCurationApp(env: Record<string, string> = {}): Promise<CurationApp> {
  const knowledgeDir = path.join(mkdtempSync(path.join(tmpdir(), 'curation-knowledge-')), 'knowledge');
  cpSync(shippedKnowledgeDir, knowledgeDir, { recursive: true });
  const running = await start({
    env: {
      KNOWLEDGE_DIR: knowledgeDir,
      STAFF_API_TOKENS: `${STAFF.berta.name}:${STAFF.berta.token},${STAFF.carl.name}:${STAFF.carl.token}`,
      STAFF_CURATORS: `token:${STAFF.berta.name}`,
      ...env,
    },
  });
  return {
    running,
    knowledgeDir,
    close: async () => {
      await running.stop();
      await removeDataDir(running.dataDir);
      rmSync(path.dirname(knowledgeDir), { recursive: true, force: true });
    },
  };
}

export interface BotActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  attachments?: { contentType: string; content: any }[];
}

/** A website user on Direct Line's REST API (what Web Chat does without a WebSocket). */
export class WebUser {
  private watermark: string | undefined;

  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly conversationId: string,
    readonly userId: string,
  ) {}

  static async open(baseUrl: string, userId = `dl_${Math.random().toString(36).slice(2)}`): Promise<WebUser> {
    const generated = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
    const { token } = (await generated.json()) as { token: string };
    const started = await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const body = (await started.json()) as { conversationId: string; token: string };
    const user = new WebUser(baseUrl, body.token ?? token, body.conversationId, userId);
    await user.read(); // the welcome
    return user;
  }

  /** Sends a text or a card submit; resolves with the bot's activities in reply. */
  async send(activity: { text?: string; value?: unknown }): Promise<BotActivity[]> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', locale: 'de-DE', from: { id: this.userId }, ...activity }),
    });
    if (response.status !== 200) throw new Error(`posting answered ${response.status}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    return (await this.read()).filter((a) => a.replyToId === id);
  }

  private async read(): Promise<BotActivity[]> {
    const query = this.watermark ? `?watermark=${this.watermark}` : '';
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const body = (await response.json()) as { activities: BotActivity[]; watermark: string };
    this.watermark = body.watermark;
    return body.activities.filter((a) => a.from.role === 'bot');
  }
}

/** Adaptive Cards of bot activities. */
export function cards(activities: BotActivity[]): any[] {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
}

/** The feedback card's button data of a reply (`title` is 👍/👎 text), or undefined without one. */
export function feedbackData(activities: BotActivity[], reaction: 'like' | 'dislike'): Record<string, unknown> | undefined {
  for (const card of cards(activities)) {
    const action = (card.actions ?? []).find((a: any) => a.data?.action === 'feedback' && a.data.reaction === reaction);
    if (action) return action.data as Record<string, unknown>;
  }
  return undefined;
}
