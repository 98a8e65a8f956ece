/**
 * The overload test of issue 14: 100 connections ask distinct questions as fast as they can while a health check on a
 * new connection runs every 250 ms. The server sheds what it cannot take in time (503 + Retry-After): /healthz stays
 * under 1 s and no accepted request waits more than 2 s.
 *
 * The CI run lasts OVERLOAD_SECONDS (default 12); set it higher (e.g. 60) for the long run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, shippedKnowledgeDir } from '../helpers/app.js';
import { dropStore, storeEnv } from '../helpers/testStore.js';

const SECONDS = Number(process.env.OVERLOAD_SECONDS ?? 12);
const CONNECTIONS = 100;

const dataDir = mkdtempSync(path.join(tmpdir(), 'overload-test-'));
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  await dropStore(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      ...(await storeEnv(dataDir)),
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: shippedKnowledgeDir,
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Every question searched anew: the load is real work, not the cache.
      SEARCH_CACHE_SIZE: '0',
      // One client address sends everything here; the per-address limit is not what this test is about.
      MESSAGES_RATE_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s\n${output.slice(-2000)}`)), 90_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // Logged once the classifier is trained: the server runs as it will under load.
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${output.slice(-2000)}`));
    });
  });
  proc.stdout!.removeAllListeners('data');
  proc.stdout!.resume();
  proc.stderr!.resume();
  return proc;
}

/**
 * Health checks from a process of their own: GET /healthz on a new connection every 250 ms for `seconds`, each timed
 * to its full answer. Not from this process, whose event loop the load generator keeps busy: the figure must be what
 * a new client of the server sees, not how long this process took to notice the answer.
 */
const proberScript = `
const http = require('node:http');
const [port, seconds, delayMs] = process.argv.slice(1).map(Number);
const start = Date.now() + delayMs;
const until = start + seconds * 1000;
const checks = [];
const once = () => new Promise((resolve) => {
  const started = performance.now();
  const req = http.request({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 10000 }, (res) => {
    res.resume();
    res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode }));
  });
  req.on('timeout', () => req.destroy(new Error('health check timed out after 10 s')));
  req.on('error', (error) => resolve({ error: error.message }));
  req.end();
});
(async () => {
  // One unrecorded check first: a new Node process's first request is slow on a busy machine (loading and compiling
  // its HTTP code), and that is this process's cost, not the server's.
  await once();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now())));
  while (Date.now() < until) {
    checks.push(await once());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write(JSON.stringify(checks));
})();
`;

type HealthCheck = { ms: number; status: number } | { error: string };

function probeHealth(port: number, seconds: number, delayMs = 0): Promise<HealthCheck[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-e', proberScript, String(port), String(seconds), String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.once('error', reject);
    proc.once('exit', () => {
      try {
        resolve(JSON.parse(out) as HealthCheck[]);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

const questions = readFileSync(path.join(repoRoot, 'test', 'eval', 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { q?: string }).q ?? '')
  .filter(Boolean);

describe(`${CONNECTIONS} connections of distinct questions for ${SECONDS} s`, () => {
  it('keeps /healthz under 1 s and every accepted request under 2 s, shedding the rest with 503', async () => {
    expect(questions.length).toBeGreaterThan(50);
    const port = await freePort();
    child = await startServer(port);
    // The load starts once the phrasing classifier is trained (it trains after the port is bound, see src/app.ts), as
    // on a server that has been up for a moment: the figures are about overload, not about the first seconds.
    for (let ready = false; !ready; await new Promise((resolve) => setTimeout(resolve, 100))) {
      ready = ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { classifier?: string }).classifier === 'ready';
    }

    let asked = 0;
    let slowestAcceptedMs = 0;
    let accepted = 0;
    const statuses = new Map<number, number>();
    // Without a callback autocannon returns its running instance (an EventEmitter that is also a promise).
    const instance = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: '/api/messages',
          setupRequest: (req: autocannon.Request) => {
            const n = asked++;
            return {
              ...req,
              body: JSON.stringify({
                type: 'message',
                text: `${questions[n % questions.length]} (${n})`,
                channelId: 'emulator',
                serviceUrl: 'http://127.0.0.1:9',
                deliveryMode: 'expectReplies',
                from: { id: `load-user-${n % 500}` },
                recipient: { id: 'bot' },
                conversation: { id: `load-${n % 500}` },
              }),
            };
          },
        },
      ],
    }) as unknown as EventEmitter;
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) {
        accepted++;
        slowestAcceptedMs = Math.max(slowestAcceptedMs, ms);
      }
    });
    const probing = probeHealth(port, SECONDS);
    const done = new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
    const [result, checks] = await Promise.all([done, probing]);
    const health = checks.flatMap((check) => ('ms' in check ? [check.ms] : []));
    const healthFailures = checks.flatMap((check) =>
      'error' in check ? [check.error] : check.status !== 200 ? [`status ${check.status}`] : [],
    );

    const slowestHealthMs = Math.max(...health);
    console.log(
      `overload: ${result.requests.total} requests in ${SECONDS} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `timeouts ${result.timeouts}, slowest accepted ${Math.round(slowestAcceptedMs)} ms, ` +
        `${health.length} health checks, slowest ${Math.round(slowestHealthMs)} ms (${health.map((ms) => Math.round(ms)).join(" ")})`,
    );
    expect(healthFailures).toEqual([]);
    expect(health.length).toBeGreaterThan(SECONDS);
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(accepted).toBeGreaterThan(0);
    expect(slowestAcceptedMs).toBeLessThan(2000);
    expect(result.timeouts).toBe(0);
    // Nothing but answers, sheddings (503) and nothing else: no 500s, no 429s here.
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // …and it answers once the load is gone.
    const [answered] = await probeHealth(port, 0.1);
    expect(answered).toMatchObject({ status: 200 });
  }, 240_000);
});
