/**
 * What a Direct Line client sees when it does something wrong or too often, plus the protocol details the official
 * clients rely on (watermarks, token refresh, CORS, locale of the welcome).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DirectLineTokens } from '../../src/channels/directLine/index.js';
import { generateToken, removeDataDir, start, type Running } from './harness.js';

const SECRET = 'test-secret-for-direct-line-tokens-0123456789';
const ALLOWED = 'https://www.suedwestfalen.com';

let running: Running;
let api: string;

beforeAll(async () => {
  running = await start({
    env: { DIRECTLINE_SECRET: SECRET, WIDGET_ALLOWED_ORIGINS: `${ALLOWED}, https://www.wirtschaftsfoerderung-dortmund.de` },
  });
  api = `${running.baseUrl}/v3/directline`;
});

afterAll(async () => {
  await running.stop();
  await removeDataDir(running.dataDir);
});

function auth(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}

async function startConversation(locale?: string) {
  const issued = await generateToken(running.baseUrl);
  const response = await fetch(`${api}/conversations`, {
    method: 'POST',
    headers: auth(issued.token, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(locale ? { locale } : {}),
  });
  return { ...issued, response, body: (await response.json()) as Record<string, unknown> };
}

async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string } };
  return { status: response.status, code: body.error.code };
}

describe('starting a conversation', () => {
  it('answers 201 with conversationId, token, expires_in and an absolute ws:// streamUrl, and the welcome is waiting', async () => {
    const { conversationId, response, body } = await startConversation();
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ conversationId, token: expect.any(String), expires_in: 1800 });
    expect(body.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${running.port}/v3/directline/conversations/${conversationId}/stream\\?t=`),
    );

    const list = await fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(String(body.token)) });
    const page = (await list.json()) as { activities: { text?: string; from: { role: string } }[]; watermark: string };
    expect(page.activities).toHaveLength(1);
    expect(page.activities[0]).toMatchObject({ from: { role: 'bot' }, text: expect.stringContaining('Willkommen') });
    expect(page.watermark).toBe('1');
  });

  it('welcomes in English when the client starts the conversation with an English locale', async () => {
    const { conversationId, token } = await startConversation('en-US');
    const list = await fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(token) });
    const page = (await list.json()) as { activities: { text: string }[] };
    expect(page.activities[0]!.text).toContain('Welcome to the **Brückenschlag assistant**');
  });

  it('welcomes only once, however often the conversation is started or reconnected', async () => {
    const { conversationId, token } = await startConversation();
    const again = await fetch(`${api}/conversations`, { method: 'POST', headers: auth(token) });
    expect(again.status).toBe(200);
    const reconnect = await fetch(`${api}/conversations/${conversationId}?watermark=`, { headers: auth(token) });
    expect(reconnect.status).toBe(200);
    const page = (await (await fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(token) })).json()) as {
      activities: unknown[];
    };
    expect(page.activities).toHaveLength(1);
  });
});

describe('watermarks', () => {
  it('treats an empty, "null" or missing watermark as the start and returns only newer activities otherwise', async () => {
    const { conversationId, token } = await startConversation();
    await fetch(`${api}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth(token, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ type: 'message', text: 'Danke!', channelData: { clientActivityID: 'x1' } }),
    });
    const texts = async (query: string) => {
      const response = await fetch(`${api}/conversations/${conversationId}/activities${query}`, { headers: auth(token) });
      return ((await response.json()) as { activities: { text: string }[]; watermark: string });
    };
    for (const query of ['', '?watermark=', '?watermark=null']) {
      const page = await texts(query);
      expect(page.activities.map((a) => a.text)).toEqual([expect.stringContaining('Willkommen'), 'Danke!', expect.stringContaining('Gern geschehen')]);
      expect(page.watermark).toBe('3');
    }
    const newer = await texts('?watermark=2');
    expect(newer.activities.map((a) => a.text)).toEqual([expect.stringContaining('Gern geschehen')]);
    expect((await texts('?watermark=3')).activities).toEqual([]);
    expect((await texts('?watermark=3')).watermark).toBe('3');
  });

  it('reconnecting returns a fresh token and a streamUrl that starts at the given watermark', async () => {
    const { conversationId, token } = await startConversation();
    const response = await fetch(`${api}/conversations/${conversationId}?watermark=1`, { headers: auth(token) });
    const body = (await response.json()) as { token: string; streamUrl: string; conversationId: string };
    expect(body.conversationId).toBe(conversationId);
    expect(body.token).not.toBe(token);
    expect(new URL(body.streamUrl).searchParams.get('watermark')).toBe('1');
  });
});

describe('tokens', () => {
  it('refreshes a valid token into a new one that works for the same conversation', async () => {
    const { conversationId, token } = await startConversation();
    const response = await fetch(`${api}/tokens/refresh`, { method: 'POST', headers: auth(token) });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as { conversationId: string; token: string; expires_in: number };
    expect(refreshed).toMatchObject({ conversationId, expires_in: 1800 });
    expect(refreshed.token).not.toBe(token);
    const list = await fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(refreshed.token) });
    expect(list.status).toBe(200);
  });

  it('refuses an expired token with 403 TOKEN_EXPIRED, also for refreshing', async () => {
    const { conversationId } = await startConversation();
    // The same secret, but a clock two hours back: the token expired 90 minutes ago.
    const past = new DirectLineTokens({ secret: SECRET, ttlSeconds: 1800, now: () => Date.now() - 2 * 3600_000 });
    const { token: expired } = await past.issue({ conversationId, userId: 'dl_someone' });
    expect(await errorOf(await fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(expired) }))).toEqual({
      status: 403,
      code: 'TOKEN_EXPIRED',
    });
    expect(await errorOf(await fetch(`${api}/tokens/refresh`, { method: 'POST', headers: auth(expired) }))).toEqual({
      status: 403,
      code: 'TOKEN_EXPIRED',
    });
  });

  it("refuses another conversation's token and a token signed with another secret with 403", async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const foreign = await fetch(`${api}/conversations/${theirs.conversationId}/activities`, { headers: auth(mine.token) });
    expect(await errorOf(foreign)).toEqual({ status: 403, code: 'FORBIDDEN' });
    const post = await fetch(`${api}/conversations/${theirs.conversationId}/activities`, {
      method: 'POST',
      headers: auth(mine.token, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ type: 'message', text: 'Hallo' }),
    });
    expect(await errorOf(post)).toEqual({ status: 403, code: 'FORBIDDEN' });

    const forged = await new DirectLineTokens({ secret: 'not-the-server-secret', ttlSeconds: 1800 }).issue({
      conversationId: mine.conversationId,
      userId: 'dl_forger',
    });
    const withForged = await fetch(`${api}/conversations/${mine.conversationId}/activities`, { headers: auth(forged.token) });
    expect(await errorOf(withForged)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('asks for a token (401) when there is none', async () => {
    const { conversationId } = await startConversation();
    const response = await fetch(`${api}/conversations/${conversationId}/activities`);
    expect(await errorOf(response)).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses a WebSocket stream with a foreign token (403) and opens it with the right one', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const streamUrl = (token: string) =>
      `ws://127.0.0.1:${running.port}/v3/directline/conversations/${theirs.conversationId}/stream?t=${token}`;
    const refused = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(streamUrl(mine.token));
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('a foreign token opened the stream')));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(403);

    const first = await new Promise<{ activities: { text: string }[]; watermark: string }>((resolve, reject) => {
      const socket = new WebSocket(streamUrl(theirs.token));
      socket.on('message', (data) => {
        resolve(JSON.parse(String(data)));
        socket.close();
      });
      socket.on('error', reject);
    });
    expect(first.activities[0]!.text).toContain('Willkommen');
    expect(first.watermark).toBe('1');
  });
});

describe('unknown conversations and bad requests', () => {
  it('answers 404 for a conversation that was deleted, although its token is still valid', async () => {
    const { conversationId, token } = await startConversation();
    expect(await running.app.directLine.deleteConversation(conversationId)).toBe(true);
    for (const request of [
      fetch(`${api}/conversations/${conversationId}/activities`, { headers: auth(token) }),
      fetch(`${api}/conversations/${conversationId}?watermark=`, { headers: auth(token) }),
      fetch(`${api}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth(token, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ type: 'message', text: 'Hallo?' }),
      }),
    ]) {
      expect(await errorOf(await request)).toEqual({ status: 404, code: 'CONVERSATION_NOT_FOUND' });
    }
  });

  it.each([
    ['an activity without type', JSON.stringify({ text: 'Hallo' })],
    ['a type clients may not send', JSON.stringify({ type: 'conversationUpdate', membersAdded: [] })],
    ['text that is not a string', JSON.stringify({ type: 'message', text: 42 })],
    ['an array instead of an activity', JSON.stringify([{ type: 'message' }])],
  ])('answers 400 for %s', async (_what, body) => {
    const { conversationId, token } = await startConversation();
    const response = await fetch(`${api}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth(token, { 'Content-Type': 'application/json' }),
      body,
    });
    expect(await errorOf(response)).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });

  it('answers 400 for a body that is not JSON and for a watermark that is not a number', async () => {
    const { conversationId, token } = await startConversation();
    const broken = await fetch(`${api}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth(token, { 'Content-Type': 'application/json' }),
      body: '{"type": "message",',
    });
    expect(await errorOf(broken)).toEqual({ status: 400, code: 'INVALID_JSON' });
    const watermark = await fetch(`${api}/conversations/${conversationId}/activities?watermark=abc`, { headers: auth(token) });
    expect(await errorOf(watermark)).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('CORS for the embedding websites', () => {
  it('answers the preflight of an allowed origin with the headers directlinejs needs', async () => {
    const response = await fetch(`${api}/tokens/generate`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/x-ms-bot-agent/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('refuses other origins, in the preflight and in the request itself', async () => {
    const preflight = await fetch(`${api}/tokens/generate`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const request = await fetch(`${api}/tokens/generate`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(await errorOf(request)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it("allows an allowed origin and the server's own origin (the demo page)", async () => {
    for (const origin of [ALLOWED, running.baseUrl]) {
      const response = await fetch(`${api}/tokens/generate`, { method: 'POST', headers: { Origin: origin } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });
});

describe('rate limit of token requests', () => {
  it('answers 429 with Retry-After once a client address asked for too many tokens in a minute', async () => {
    const limited = await start({ env: { DIRECTLINE_TOKEN_RATE_PER_MINUTE: '2' } });
    try {
      const generate = () => fetch(`${limited.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
      expect((await generate()).status).toBe(200);
      // Starting a conversation without a token creates one too, so it counts against the same limit.
      expect((await fetch(`${limited.baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(201);
      const refused = await generate();
      expect(await errorOf(refused.clone())).toEqual({ status: 429, code: 'RATE_LIMITED' });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await limited.stop();
      await removeDataDir(limited.dataDir);
    }
  });
});
