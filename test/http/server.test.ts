import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { freePort, repoRoot, runScript, shippedKnowledgeDir, startApp, tsxNode, type RunningApp } from '../helpers/app.js';

interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function request<T = any>(baseUrl: string, pathAndQuery: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

let conversations = 0;
/** An Emulator-style message activity that asks for the replies in the HTTP response. */
function messageActivity(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot-1', name: 'Bot' },
    conversation: { id: `http-conversation-${++conversations}` },
    ...extra,
  };
}

function postMessage(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  return request<{ activities: { type: string; text?: string; locale?: string }[] }>(baseUrl, '/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const expectJsonError = (response: JsonResponse, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(response.body.error.message.length).toBeGreaterThan(0);
};

describe('HTTP API with the shipped knowledge', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { MAX_MESSAGE_CHARS: '200' }, logLevel: 'info' });
  });
  afterAll(async () => {
    await running?.close();
  });

  describe('POST /api/messages (expectReplies)', () => {
    it('answers the German signing question with 25 June 2018 and Arnsberg', async () => {
      const response = await postMessage(running.baseUrl, messageActivity('Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?'));
      expect(response.status).toBe(200);
      const [reply] = response.body.activities;
      expect(reply!.type).toBe('message');
      expect(reply!.text).toContain('25. Juni 2018');
      expect(reply!.text).toContain('Arnsberg');
      expect(reply!.locale).toBe('de-DE');
    });

    it('answers the same question in English, in English', async () => {
      const response = await postMessage(running.baseUrl, messageActivity('When and where was the cooperation agreement signed?'));
      expect(response.status).toBe(200);
      const [reply] = response.body.activities;
      expect(reply!.text).toContain('25 June 2018');
      expect(reply!.text).toContain('Arnsberg');
      expect(reply!.text).toContain('Source:');
      expect(reply!.locale).toBe('en-US');
    });

    it('gives a message longer than MAX_MESSAGE_CHARS the polite too-long reply', async () => {
      const response = await postMessage(running.baseUrl, messageActivity(`Frage zur Kooperation ${'bitte '.repeat(60)}`));
      expect(response.status).toBe(200);
      expect(response.body.activities.map((a) => a.text)).toEqual([texts('de').tooLong(200)]);
    });

    it('accepts unauthenticated local traffic without MicrosoftAppId, and warns about it in the log', async () => {
      expect(running.logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining('MicrosoftAppId is not set') }));
    });

    it('sets an x-request-id header', async () => {
      const response = await postMessage(running.baseUrl, messageActivity('hilfe'));
      expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    });

    it('rejects malformed JSON with 400', async () => {
      expectJsonError(await postMessage(running.baseUrl, '{"type": "message", '), 400, 'INVALID_JSON');
    });

    it('rejects a JSON body that is no activity with 400', async () => {
      expectJsonError(await postMessage(running.baseUrl, [1, 2, 3]), 400, 'BAD_REQUEST');
      expectJsonError(await postMessage(running.baseUrl, { text: 'no type' }), 400, 'BAD_REQUEST');
    });

    it('rejects a body larger than 256 KiB with 413', async () => {
      const huge = messageActivity('x'.repeat(300 * 1024));
      expectJsonError(await postMessage(running.baseUrl, huge), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('does not log the user\'s text at info level, but logs the request with its id', async () => {
      const marker = 'Geheimprojekt Zitronenfalter 4711';
      const response = await postMessage(running.baseUrl, messageActivity(`Wir suchen Hilfe beim ${marker}`));
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id');
      const lines = running.logs.filter((line) => (line.level as number) >= 30);
      expect(JSON.stringify(lines)).not.toContain('Zitronenfalter');
      expect(lines).toContainEqual(expect.objectContaining({ requestId, method: 'POST', path: '/api/messages', status: 200 }));
    });
  });

  describe('GET /api/search', () => {
    it('puts the entry naming Hubertus Winterberg first for "Geschäftsführer Südwestfalen Agentur"', async () => {
      const response = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Geschäftsführer Südwestfalen Agentur')}`);
      expect(response.status).toBe(200);
      expect(response.body.query).toBe('Geschäftsführer Südwestfalen Agentur');
      expect(response.body.lang).toBe('de');
      const first = response.body.results[0];
      expect(`${first.snippet} ${first.title}`).toContain('Hubertus Winterberg');
    });

    it('returns results in the documented shape, each saying why it matched', async () => {
      const response = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Wann wurde die Vereinbarung unterzeichnet')}`);
      expect(response.status).toBe(200);
      expect(response.body.results.length).toBeGreaterThan(0);
      for (const result of response.body.results) {
        expect(result).toMatchObject({
          id: expect.any(String),
          type: expect.stringMatching(/^(faq|provider)$/),
          title: expect.any(String),
          score: expect.any(Number),
          snippet: expect.any(String),
          tags: expect.any(Array),
          why: expect.any(Array),
        });
        expect('url' in result).toBe(true);
        expect(result.why.length).toBeGreaterThan(0);
      }
    });

    it('says which directory topics the query names, and which of them each provider has', async () => {
      const response = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Hackerangriff im Onlineshop')}&type=provider`);
      expect(response.status).toBe(200);
      // "Hackerangriff" names IT-Sicherheit through its synonym group, "Onlineshop" names E-Commerce.
      expect(response.body.topics).toEqual(['it-sicherheit', 'e-commerce-online-marketing']);
      // Each provider's matched topics are those of the query it has: a security firm shows IT-Sicherheit.
      const results = response.body.results as { id: string; matchedTopics: string[] }[];
      expect(results.some((r) => r.matchedTopics.includes('it-sicherheit'))).toBe(true);
      for (const r of results) expect(['it-sicherheit', 'e-commerce-online-marketing']).toEqual(expect.arrayContaining(r.matchedTopics));
      const none = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Wann wurde die Vereinbarung unterzeichnet')}`);
      expect(none.body.topics).toEqual([]);
      // A compound part names a topic ("Digitalisierungs|förderung"), but not inside a name ("Wirtschafts|förderung").
      const funding = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Digitalisierungsförderung')}`);
      expect(funding.body.topics).toEqual(['foerdermittel-finanzierung']);
      const name = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Wirtschaftsförderung Dortmund')}`);
      expect(name.body.topics).toEqual([]);
      // "Start-up" names start-ups; "Start" alone (the beginning of something) does not.
      const startup = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Kooperation mit einem Start-up')}`);
      expect(startup.body.topics).toEqual(['gruendung-startup-kooperation']);
      const start = await request(running.baseUrl, `/api/search?q=${encodeURIComponent('Wann war der Start der Kooperation?')}`);
      expect(start.body.topics).toEqual([]);
    });

    it('filters by type and honours limit', async () => {
      const providers = await request(running.baseUrl, '/api/search?q=Software&type=provider&limit=2');
      expect(providers.status).toBe(200);
      expect(providers.body.results).toHaveLength(2);
      for (const result of providers.body.results) {
        expect(result.type).toBe('provider');
        expect(result.url).toMatch(/^https?:\/\//);
      }
      const faqs = await request(running.baseUrl, '/api/search?q=Kooperation&type=faq&limit=3');
      expect(faqs.body.results.length).toBeGreaterThan(0);
      expect(faqs.body.results.length).toBeLessThanOrEqual(3);
      for (const result of faqs.body.results) {
        expect(result.type).toBe('faq');
        expect(result.url).toBeNull();
      }
    });

    it('answers a missing or blank q with 400', async () => {
      expectJsonError(await request(running.baseUrl, '/api/search'), 400, 'QUERY_MISSING');
      expectJsonError(await request(running.baseUrl, '/api/search?q=%20%20'), 400, 'QUERY_MISSING');
    });

    it('answers a q longer than 500 characters with 400', async () => {
      expectJsonError(await request(running.baseUrl, `/api/search?q=${'a'.repeat(501)}`), 400, 'QUERY_TOO_LONG');
      expect((await request(running.baseUrl, `/api/search?q=${'a'.repeat(500)}`)).status).toBe(200);
    });

    it('answers a bad type or limit with 400', async () => {
      expectJsonError(await request(running.baseUrl, '/api/search?q=ki&type=blog'), 400, 'BAD_REQUEST');
      expectJsonError(await request(running.baseUrl, '/api/search?q=ki&limit=0'), 400, 'BAD_REQUEST');
      expectJsonError(await request(running.baseUrl, '/api/search?q=ki&limit=many'), 400, 'BAD_REQUEST');
    });
  });

  describe('providers, topics, health', () => {
    it('returns a provider profile without internal fields', async () => {
      const response = await request(running.baseUrl, '/api/providers/adesso');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: 'adesso', type: 'provider', name: 'adesso SE', region: 'dortmund', city: 'Dortmund' });
      expect(response.body.body.length).toBeGreaterThan(0);
      expect(response.body).not.toHaveProperty('file');
    });

    it('answers an unknown provider with 404', async () => {
      expectJsonError(await request(running.baseUrl, '/api/providers/gibt-es-nicht'), 404, 'PROVIDER_NOT_FOUND');
    });

    it('does not serve FAQ entries as providers', async () => {
      expectJsonError(await request(running.baseUrl, '/api/providers/kontakt-de'), 404, 'PROVIDER_NOT_FOUND');
    });

    it('lists the topics with their provider counts', async () => {
      const response = await request(running.baseUrl, '/api/topics');
      expect(response.status).toBe(200);
      const { topics } = response.body as { topics: { id: string; de: string; en: string; providers: number }[] };
      const knowledge = running.app.knowledge.get().index.knowledge;
      expect(topics.map((t) => t.id)).toEqual(knowledge.topics.map((t) => t.id));
      for (const topic of topics) {
        expect(topic.providers).toBe(knowledge.providers.filter((p) => p.topics.includes(topic.id)).length);
      }
      expect(topics.reduce((sum, t) => sum + t.providers, 0)).toBeGreaterThan(0);
    });

    it('reports health with version and knowledge counts', async () => {
      const response = await request(running.baseUrl, '/healthz');
      expect(response.status).toBe(200);
      const { faqs, providers } = running.app.knowledge.get().index.knowledge;
      expect(response.body).toEqual({
        status: 'ok',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        knowledge: {
          documents: faqs.length + providers.length,
          faqs: faqs.length,
          providers: providers.length,
          // The hash of the folder and the curator changes applied (docs/curation.md).
          version: expect.stringMatching(/^[0-9a-f]{16}$/),
          builtAt: expect.any(String),
          state: 'ok',
          problems: [],
        },
        // `listen()` resolves once the classifier is trained.
        classifier: 'ready',
      });
    });
  });

  describe('unknown routes and methods', () => {
    it('answers an unknown route with a 404 JSON error', async () => {
      expectJsonError(await request(running.baseUrl, '/gibt/es/nicht'), 404, 'NOT_FOUND');
    });

    it('answers a wrong method with a JSON error', async () => {
      expectJsonError(await request(running.baseUrl, '/api/messages'), 405, 'METHOD_NOT_ALLOWED');
    });
  });
});

describe('POST /api/messages with a Bot Framework registration', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { MicrosoftAppId: '00000000-0000-0000-0000-0000000000aa', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers a request without a token with 401', async () => {
    expectJsonError(await postMessage(running.baseUrl, messageActivity('hilfe')), 401, 'UNAUTHORIZED');
  });

  it('answers a request with a forged token with 401', async () => {
    const forged = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`;
    expectJsonError(await postMessage(running.baseUrl, messageActivity('hilfe'), { authorization: forged }), 401, 'UNAUTHORIZED');
  });

  it('still serves the public knowledge API', async () => {
    expect((await request(running.baseUrl, '/healthz')).status).toBe(200);
  });
});

describe('the real server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'server-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves, logs JSON with request ids and no message text, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(tsxNode.command, [...tsxNode.args, 'src/main.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: shippedKnowledgeDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      // Wait for the "listening" log line.
      // Generous: the process compiles with tsx and loads the shipped knowledge, on a machine busy with other tests.
      const deadline = Date.now() + 90_000;
      while (!stdout.includes('"listening on')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start\nstdout: ${stdout}\nstderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const baseUrl = `http://127.0.0.1:${port}`;
      expect((await request(baseUrl, '/healthz')).body.status).toBe('ok');
      const response = await postMessage(baseUrl, messageActivity('Wer ist Geschäftsführer der Südwestfalen Agentur? Gruß, Zitronenfalter'));
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();

      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });

      const lines = stdout
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ requestId, path: '/api/messages', status: 200 }));
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
      expect(stdout).not.toContain('Zitronenfalter');
      expect(stderr).not.toContain('Zitronenfalter');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('the real server process on a busy port', () => {
  it('exits non-zero with a plain message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'server-busy-'));
    try {
      const result = await runScript('src/main.ts', [], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 90_000);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
