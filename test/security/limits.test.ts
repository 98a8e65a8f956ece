/**
 * Rate limits (429 + Retry-After), the stream cap per conversation, load shedding (503 + Retry-After) and the drain on
 * stop, as a client sees them.
 */
import type { Request, Response } from 'restify';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Admission } from '../../src/http/overload.js';
import { STAFF } from '../handoff/support.js';
import { startApp, type RunningApp } from '../helpers/app.js';

async function token(running: RunningApp): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; conversationId: string };
}

const expectRateLimited = async (res: globalThis.Response) => {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
};

describe('rate limits', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({
      env: {
        DIRECTLINE_MESSAGE_RATE_PER_MINUTE: '3',
        DIRECTLINE_RECONNECT_RATE_PER_MINUTE: '6',
        MESSAGES_RATE_PER_MINUTE: '3',
        STAFF_LOGIN_FAILURES_PER_15_MINUTES: '3',
        STAFF_API_TOKENS: `${STAFF.berta.name}:${STAFF.berta.token}`,
      },
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('limits Direct Line posts per conversation, and another conversation is not affected', async () => {
    const a = await token(running);
    const post = (t: { token: string; conversationId: string }) =>
      fetch(`${running.baseUrl}/v3/directline/conversations/${t.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hilfe' }),
      });
    for (let i = 0; i < 3; i++) expect((await post(a)).status).toBe(200);
    await expectRateLimited(await post(a));
    expect((await post(await token(running))).status).toBe(200);
  });

  it('limits token refreshes and reconnects per conversation', async () => {
    const t = await token(running);
    const auth = { authorization: `Bearer ${t.token}` };
    for (let i = 0; i < 3; i++) expect((await fetch(`${running.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await fetch(`${running.baseUrl}/v3/directline/conversations/${t.conversationId}`, { headers: auth })).status).toBe(200);
    await expectRateLimited(await fetch(`${running.baseUrl}/v3/directline/conversations/${t.conversationId}`, { headers: auth }));
    await expectRateLimited(await fetch(`${running.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth }));
  });

  it('limits unauthenticated /api/messages per client address', async () => {
    const post = () =>
      fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'hilfe',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9',
          deliveryMode: 'expectReplies',
          from: { id: 'u' },
          conversation: { id: 'rate-limited' },
        }),
      });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    await expectRateLimited(await post());
  });

  it('after 3 failed staff logins from an address, even the right token gets 429 there', async () => {
    const me = (secret: string) => fetch(`${running.baseUrl}/api/staff/me`, { headers: { authorization: `Bearer ${secret}` } });
    // A console that has not signed in yet presents no credentials: that is no failed login.
    for (let i = 0; i < 5; i++) expect((await fetch(`${running.baseUrl}/api/staff/me`)).status).toBe(401);
    expect((await me(STAFF.berta.token)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await me(`wrong-guess-${i}-0000`)).status).toBe(401);
    await expectRateLimited(await me(`wrong-guess-4-0000`));
    await expectRateLimited(await me(STAFF.berta.token));
  });
});

describe('streams per conversation', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { DIRECTLINE_RECONNECT_RATE_PER_MINUTE: '100' } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('keeps at most 4 open; the oldest is closed when a fifth opens', async () => {
    const t = await token(running);
    const url = `${running.baseUrl.replace('http', 'ws')}/v3/directline/conversations/${t.conversationId}/stream?t=${encodeURIComponent(t.token)}`;
    const closes: number[] = [];
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 5; i++) {
      const ws = new WebSocket(url);
      ws.on('close', (code) => closes.push(code));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      sockets.push(ws);
    }
    await expect.poll(() => closes).toEqual([1008]);
    expect(running.app.directLine.streams.count(t.conversationId)).toBe(4);
    for (const ws of sockets) ws.close();
  });
});

/** A request and response as restify hands them to a `pre` handler, enough for {@link Admission}. */
function fakeExchange(method: string, url: string) {
  const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = Object.assign(new EventEmitter(), {
    setHeader() {},
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status;
      written.headers = headers;
    },
    end(body: string) {
      written.body = body;
    },
  });
  return { req: { method, url, headers: {} } as unknown as Request, res: res as unknown as Response & EventEmitter, written };
}

/** Runs the admission of one request: `admitted` when it may go on, else what was answered. */
function admit(admission: Admission, method: string, url: string) {
  const { req, res, written } = fakeExchange(method, url);
  let nextArgument: unknown = 'not called';
  admission.handler(req, res, ((value?: unknown) => (nextArgument = value)) as never);
  return { admitted: nextArgument === undefined, written, finish: () => res.emit('close') };
}

const expectShed = (result: ReturnType<typeof admit>) => {
  expect(result.admitted).toBe(false);
  expect(result.written.status).toBe(503);
  expect(result.written.headers?.['retry-after']).toBe('1');
  expect(JSON.parse(result.written.body!).error.code).toBe('OVERLOADED');
};

describe('load shedding', () => {
  it('sheds a new turn with 503 OVERLOADED and Retry-After once the cap of turns in flight is reached; health checks pass', () => {
    const admission = new Admission({ maxEventLoopDelayMs: 10_000, maxConcurrentTurns: 2 });
    const first = admit(admission, 'POST', '/api/messages');
    const second = admit(admission, 'POST', '/v3/directline/conversations/abc/activities');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expectShed(admit(admission, 'POST', '/api/messages'));
    expect(admit(admission, 'GET', '/healthz').admitted).toBe(true);
    first.finish();
    expect(admit(admission, 'POST', '/api/messages').admitted).toBe(true);
    admission.stop();
  });

  it('lowers the concurrency limit after slow turns and raises it again after fast ones', async () => {
    const admission = new Admission({ maxEventLoopDelayMs: 10_000, maxConcurrentTurns: 10, targetTurnMs: 100 });
    const slow = Array.from({ length: 10 }, () => admit(admission, 'POST', '/api/messages'));
    expect(slow.every((r) => r.admitted)).toBe(true);
    expectShed(admit(admission, 'POST', '/api/messages'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (const r of slow) r.finish(); // all took longer than the target: one decrease per quarter second
    expect(admission.concurrencyLimit).toBe(7);
    const next = Array.from({ length: 7 }, () => admit(admission, 'POST', '/api/messages'));
    expect(next.every((r) => r.admitted)).toBe(true);
    expectShed(admit(admission, 'POST', '/api/messages'));
    for (const r of next) r.finish(); // fast ones: about one more per limit's worth of them
    expect(admission.concurrencyLimit).toBe(7);
    admit(admission, 'POST', '/api/messages').finish();
    expect(admission.concurrencyLimit).toBe(8);
    admission.stop();
  });

  it('sheds new turns while the event loop lags behind with several turns running', async () => {
    const admission = new Admission({ maxEventLoopDelayMs: 100, maxConcurrentTurns: 0 });
    const running = [0, 1, 2, 3].map(() => admit(admission, 'POST', '/api/messages'));
    expect(running.every((r) => r.admitted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the monitor's first samples
    // Block the event loop for 600 ms twice, as a saturating load would; a following window reports it.
    let longest = 0;
    for (let stall = 0; stall < 2 && longest <= 100; stall++) {
      const until = Date.now() + 600;
      while (Date.now() < until);
      for (let wait = 0; wait < 12 && longest <= 100; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        longest = Math.max(longest, admission.eventLoopDelayMs);
      }
    }
    expect(longest).toBeGreaterThan(100);
    // Still the same window (nothing awaited since it was read): the stall counts now.
    expectShed(admit(admission, 'POST', '/api/messages'));
    expect(admit(admission, 'GET', '/healthz').admitted).toBe(true);
    admission.stop();
  });

  it('sheds new turns while the oldest of several turns in flight waits longer than the limit', async () => {
    const admission = new Admission({ maxEventLoopDelayMs: 10_000, maxConcurrentTurns: 0, maxTurnWaitMs: 100 });
    const running = [0, 1, 2, 3].map(() => admit(admission, 'POST', '/api/messages'));
    expect(running.every((r) => r.admitted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expectShed(admit(admission, 'POST', '/v3/directline/conversations'));
    // The old turns finish: new ones are taken again.
    for (const r of running) r.finish();
    expect(admit(admission, 'POST', '/api/messages').admitted).toBe(true);
    admission.stop();
  });
});

describe('graceful stop', () => {
  it('lets turns in flight finish, refuses new requests with 503, and closes streams with 1001', async () => {
    const running = await startApp({
      // No shedding: its twenty turns wait at a gate on purpose.
      env: {
        DIRECTLINE_MESSAGE_RATE_PER_MINUTE: '100',
        OVERLOAD_MAX_TURN_WAIT_MS: '0',
        OVERLOAD_MAX_CONCURRENT_TURNS: '0',
        OVERLOAD_EVENT_LOOP_DELAY_MS: '100000',
      },
    });
    let open = () => {};
    try {
      const t = await token(running);
      const ws = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/v3/directline/conversations/${t.conversationId}/stream?t=${encodeURIComponent(t.token)}`);
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('open', resolve));
      // Turns that take long: each waits at a gate, so that all twenty are in flight when the stop begins.
      const gate = new Promise<void>((resolve) => (open = resolve));
      const run = running.app.bot.run.bind(running.app.bot);
      running.app.bot.run = async (context) => {
        await gate;
        return run(context);
      };
      const posts = Array.from({ length: 20 }, (_, i) =>
        fetch(`${running.baseUrl}/v3/directline/conversations/${t.conversationId}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: `Wer unterstützt bei Frage ${i}?` }),
        }).then((res) => res.status, (error: Error) => `reset: ${error.message}`),
      );
      await expect.poll(() => running.app.admission.turnsInFlight, { timeout: 10_000 }).toBe(20);
      const drained = running.app.drain(20_000);
      const late = await fetch(`${running.baseUrl}/healthz`).then(
        (res) => res.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);
      open();
      expect(await Promise.all(posts)).toEqual(Array(20).fill(200));
      expect(await drained).toBe(true);
      expect(await closed).toBe(1001);
    } finally {
      open();
      await running.close().catch(() => undefined);
    }
  }, 120_000);
});
