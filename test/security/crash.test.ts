/**
 * The crash test of issue 14: under concurrent Direct Line traffic the server process is killed with SIGKILL several
 * times and restarted on the same DATA_DIR (or database). Every message the server acknowledged (200 with an id) must
 * be in the conversation's log afterwards, under the id it was acknowledged with, and reach a connected
 * botframework-directlinejs client; no id or watermark is handed out twice.
 *
 * CRASH_KILLS sets the number of kills (default 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, directLineJs, type ReceivedActivity } from '../directline/harness.js';
import { fixtureKnowledgeDir, freePort, repoRoot } from '../helpers/app.js';
import { dropStore, storeEnv } from '../helpers/testStore.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const CONVERSATIONS = 4;

const dataDir = mkdtempSync(path.join(tmpdir(), 'crash-test-'));
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) await killHard(child);
  await dropStore(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // node itself with tsx as a loader, so that SIGKILL reaches the server and not a launcher in front of it.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // Generous: tsx compiles on start, and the machine may be busy with other tests.
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s\n${output.slice(-2000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} during start\n${output.slice(-2000)}`));
    });
  });
  proc.stdout!.resume();
  proc.stderr!.resume();
  return proc;
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Conversation {
  conversationId: string;
  token: string;
}

describe('kill -9 under Direct Line traffic', () => {
  it(`loses no acknowledged message over ${KILLS} kills and reuses no id or watermark`, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/v3/directline`;
    const env = {
      ...(await storeEnv(dataDir)),
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: fixtureKnowledgeDir,
      LOG_LEVEL: 'info',
      DIRECTLINE_SECRET: 'crash-test-secret-0123456789abcdef',
      DIRECTLINE_MESSAGE_RATE_PER_MINUTE: '100000',
      DIRECTLINE_RECONNECT_RATE_PER_MINUTE: '100000',
      DIRECTLINE_TOKEN_RATE_PER_MINUTE: '100000',
      OVERLOAD_EVENT_LOOP_DELAY_MS: '100000',
    };
    child = await startServer(port, env);

    const conversations: Conversation[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const res = await fetch(`${base}/tokens/generate`, { method: 'POST' });
      conversations.push((await res.json()) as Conversation);
    }
    // A Web Chat-like client on the first conversation, connected through all the kills.
    const { DirectLine } = directLineJs;
    const live = new DirectLine({
      domain: base,
      token: conversations[0]!.token,
      webSocket: true,
      timeout: 2000,
      random: () => 0,
    } as ConstructorParameters<typeof DirectLine>[0]);
    const liveReceived = collect(live).received;

    /** Acknowledged messages: conversation → id → text. */
    const acknowledged = conversations.map(() => new Map<string, string>());
    let sending = true;
    let sent = 0;
    const senders = conversations.map(async (conversation, index) => {
      let n = 0;
      while (sending) {
        const text = `c${index} m${n++}`;
        try {
          const res = await fetch(`${base}/conversations/${conversation.conversationId}/activities`, {
            method: 'POST',
            headers: { authorization: `Bearer ${conversation.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text }),
          });
          if (res.status === 200) {
            const { id } = (await res.json()) as { id: string };
            expect(acknowledged[index]!.has(id), `id ${id} acknowledged twice`).toBe(false);
            acknowledged[index]!.set(id, text);
            sent++;
          } else {
            await res.body?.cancel();
          }
        } catch {
          await sleep(100); // the server is down: not acknowledged, try the next one
        }
      }
    });

    for (let kill = 0; kill < KILLS; kill++) {
      const before = sent;
      // Let traffic flow, then kill in the middle of it.
      while (sent < before + 10) await sleep(50);
      await sleep(Math.floor(Math.random() * 300));
      await killHard(child);
      child = await startServer(port, env);
    }
    const beforeStop = sent;
    while (sent < beforeStop + 5) await sleep(50);
    sending = false;
    await Promise.all(senders);

    // 1. Every acknowledged message is in the log under its id, and no id appears twice.
    for (const [index, conversation] of conversations.entries()) {
      const logged = new Map<string, string>();
      let watermark = '0';
      for (;;) {
        const res = await fetch(`${base}/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
          headers: { authorization: `Bearer ${conversation.token}` },
        });
        const page = (await res.json()) as { activities: ReceivedActivity[]; watermark: string };
        if (page.activities.length === 0) break;
        expect(Number(page.watermark)).toBeGreaterThan(Number(watermark));
        watermark = page.watermark;
        for (const activity of page.activities) {
          if (activity.from.role !== 'user') continue;
          expect(logged.has(activity.id!), `id ${activity.id} logged twice`).toBe(false);
          logged.set(activity.id!, activity.text ?? '');
        }
      }
      for (const [id, text] of acknowledged[index]!) expect(logged.get(id), `acknowledged ${id} (${text})`).toBe(text);
    }

    // 2. A client connecting now gets every acknowledged message of its conversation, under the same id.
    const fresh = new DirectLine({
      domain: base,
      token: conversations[1]!.token,
      conversationId: conversations[1]!.conversationId,
      webSocket: true,
      timeout: 2000,
      random: () => 0,
    } as ConstructorParameters<typeof DirectLine>[0]);
    const freshReceived = collect(fresh).received;
    const hasAll = (received: ReceivedActivity[], index: number) => {
      const byId = new Map(received.map((a) => [a.id, a.text]));
      return [...acknowledged[index]!].every(([id, text]) => byId.get(id) === text);
    };
    await expect.poll(() => hasAll(freshReceived, 1), { timeout: 30_000, interval: 200 }).toBe(true);

    // 3. The client that was connected through the kills reconnected and got them all too, each id once.
    await expect.poll(() => hasAll(liveReceived, 0), { timeout: 60_000, interval: 500 }).toBe(true);
    const liveIds = liveReceived.map((a) => a.id);
    expect(new Set(liveIds).size).toBe(liveIds.length);
    live.end();
    fresh.end();
    expect(acknowledged.reduce((sum, map) => sum + map.size, 0)).toBeGreaterThanOrEqual(KILLS * 10);
    console.log(`crash test: ${KILLS} kills, ${sent} acknowledged messages, all present and delivered`);
  }, 420_000);
});
