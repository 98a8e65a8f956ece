/**
 * Hostile request bodies, replayed as in issue 14: each gets a 4xx with a clear code, nothing lands on disk, and the
 * server keeps answering.
 */
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app.js';

/** A raw HTTP request (fetch would refuse some of these headers or bodies); resolves with status, headers and body. */
export function rawRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string | (() => AsyncIterable<Buffer>) },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const url = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    // The server may answer and close before it has read a body it refuses; the answer is what counts.
    req.on('error', (error) => reject(error));
    const body = options.body;
    if (typeof body === 'function') {
      void (async () => {
        try {
          for await (const chunk of body()) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          req.end();
        } catch {
          req.destroy();
        }
      })();
    } else {
      req.end(body);
    }
  });
}

const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  text: 'Hallo',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9',
  deliveryMode: 'expectReplies',
  from: { id: 'user-1', name: 'User' },
  recipient: { id: 'bot', name: 'Bot' },
  conversation: { id: `security-${Math.random().toString(36).slice(2)}` },
  ...extra,
});

let bomb: Buffer | undefined;
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 }));

const json = (value: unknown) => ({ 'content-type': 'application/json; charset=utf-8', body: JSON.stringify(value) });

async function stillAnswers(running: RunningApp): Promise<void> {
  const res = await fetch(`${running.baseUrl}/healthz`);
  expect(res.status).toBe(200);
}

describe.each([
  ['unauthenticated local mode', {}],
  ['with an Azure Bot registration', { MicrosoftAppId: '00000000-0000-0000-0000-0000000b0700', MicrosoftAppPassword: 'not-used-here' }],
])('request bodies (%s)', (_mode, env: Record<string, string>) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { ...env, MAX_MESSAGE_CHARS: '300' } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it.each(['/api/messages', '/v3/directline/tokens/generate'])(
    'refuses a gzip bomb (50 kB that inflate to 50 MB) to %s with 415 and keeps answering',
    async (path) => {
      // Under MAX_BODY_BYTES compressed, far over it inflated (the 250 MB bomb is refused the same way).
      const bomb = gzipBomb();
      expect(bomb.length).toBeLessThan(256 * 1024);
      const res = await rawRequest(running.baseUrl, {
        path,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) },
        body: bomb,
      });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await stillAnswers(running);
    },
    30_000,
  );

  it('refuses a 50 MB multipart upload with 415 without writing anything to the temp folder', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const boundary = 'x-boundary-1234';
    const megabyte = Buffer.alloc(1024 * 1024, 0x61);
    const res = await rawRequest(running.baseUrl, {
      path: '/api/messages',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      body: async function* () {
        yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`);
        for (let i = 0; i < 50; i++) yield megabyte;
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      },
    }).catch((error: Error) => ({ status: -1, headers: {}, body: String(error) }));
    // Either the answer arrives, or the server closed the connection on a body it refused to read.
    if (res.status !== -1) {
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const added = readdirSync(tmpdir()).filter((name) => !before.has(name) && !name.startsWith('assistant-test-'));
    // restify's bodyParser wrote uploads as upload_* files; other tests of this run may add their own temp folders.
    expect(added.filter((name) => /^upload_|\.bin$/.test(name))).toEqual([]);
    await stillAnswers(running);
  });

  it('refuses form and text bodies with 415, accepts application/json with a charset', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
      const res = await rawRequest(running.baseUrl, { path: '/v3/directline/tokens/generate', headers: { 'content-type': type }, body: '{}' });
      expect(res.status, type).toBe(415);
    }
    const ok = await rawRequest(running.baseUrl, { path: '/v3/directline/tokens/generate', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(ok.status).toBe(200);
  });

  it('counts a chunked body without Content-Length and stops it at MAX_BODY_BYTES with 413', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const res = await rawRequest(running.baseUrl, {
      path: '/api/messages',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: async function* () {
        for (let i = 0; i < 80; i++) yield chunk; // 5 MB
      },
    }).catch((error: Error) => ({ status: -1, headers: {}, body: String(error) }));
    if (res.status !== -1) {
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    await stillAnswers(running);
  });

  it('answers JSON nested 10,000 levels deep with 400 JSON_TOO_DEEP', async () => {
    for (const path of ['/api/messages', '/v3/directline/tokens/generate', '/api/staff/tickets/1/claim']) {
      const res = await rawRequest(running.baseUrl, { path, headers: { 'content-type': 'application/json' }, body: '['.repeat(10_000) + ']'.repeat(10_000) });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('JSON_TOO_DEEP');
    }
    const nested = `{"type":"message","channelData":${'{"a":'.repeat(10_000)}{}${'}'.repeat(10_000)}}`;
    const res = await rawRequest(running.baseUrl, { path: '/api/messages', headers: { 'content-type': 'application/json' }, body: nested });
    expect(res.status).toBe(400);
    await stillAnswers(running);
  });
});

describe('activity fields at /api/messages (unauthenticated local mode)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { MAX_MESSAGE_CHARS: '300' } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it.each([
    ['a non-string serviceUrl', { serviceUrl: 5 }, 'serviceUrl'],
    ['a serviceUrl that is no http URL', { serviceUrl: 'file:///etc/passwd' }, 'serviceUrl'],
    ['a non-string locale', { locale: 5 }, 'locale'],
    ['an array from.name', { from: { id: 'u', name: ['a', 'b'] } }, 'from.name'],
    ['an object text', { text: { de: 'Hallo' } }, 'text'],
    ['a missing conversation', { conversation: undefined }, 'conversation'],
  ])('answers %s with 400 INVALID_FIELD naming the field', async (_name, fields, field) => {
    const res = await rawRequest(running.baseUrl, { path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(fields)) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_FIELD');
    expect(res.body.error.message).toContain(field);
  });

  it('gives a text longer than MAX_MESSAGE_CHARS the too-long reply', async () => {
    const res = await rawRequest(running.baseUrl, { path: '/api/messages', ...json(activity({ text: 'Kooperation '.repeat(100) })), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body.activities[0].text).toMatch(/300/);
  });
});

describe('names and texts through Direct Line are stored cut to size', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { MAX_MESSAGE_CHARS: '300' } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('keeps at most MAX_MESSAGE_CHARS of a 150 kB text and 200 characters of a 50 kB name', async () => {
    const token = (await (await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const auth = { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
    const base = `${running.baseUrl}/v3/directline/conversations/${token.conversationId}`;
    const posted = await fetch(`${base}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(150_000), from: { id: 'u', name: 'N'.repeat(50_000) } }),
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    const log = (await (await fetch(`${base}/activities`, { headers: auth })).json()) as { activities: { id: string; text?: string; from: { name?: string } }[] };
    const stored = log.activities.find((a) => a.id === id)!;
    expect(stored.text).toHaveLength(300);
    expect(stored.from.name).toHaveLength(200);
    const reply = log.activities.find((a) => a.from.name !== stored.from.name && a.text?.includes('300'));
    expect(reply).toBeDefined(); // the polite too-long reply
  });
});
