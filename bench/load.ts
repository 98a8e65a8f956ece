/**
 * Throughput of `POST /api/messages` with `deliveryMode: expectReplies` under autocannon: a bot is started from its
 * built JavaScript in a child process on 127.0.0.1, warmed up, loaded for a fixed time with a rotation of real
 * questions, and its resident memory is read afterwards.
 */
import autocannon from 'autocannon';
import type { Build } from './build.js';
import { freePort, residentMemory, startNode, stop, waitForHttp, type Memory } from './processes.js';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Turns per conversation before a connection starts a new conversation. */
  turnsPerConversation: number;
  /** When set, the server writes a V8 CPU profile of the whole run into this folder (`node --cpu-prof`). */
  cpuProfileDir?: string;
}

export interface LoadFigures {
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not a 200 with at least one reply activity, plus connection errors and timeouts. */
  failures: number;
  total: number;
  /** Resident memory right after start-up and the sanity check, before any load. */
  idleMemory: Memory;
  /** Resident memory right after the load. */
  memory: Memory;
}

let conversationCounter = 0;

/** A user message as a channel would post it, asking for the replies in the HTTP response. */
function messageActivity(text: string, conversationId: string, turn: number, port: number): Record<string, unknown> {
  return {
    type: 'message',
    id: `${conversationId}-${turn}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: `http://127.0.0.1:${port}`,
    from: { id: `user-${conversationId}`, name: 'Bench user', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: conversationId },
    text,
    deliveryMode: 'expectReplies',
  };
}

/** Posts one question and returns the reply activities (a sanity check before the load). */
export async function askOnce(port: number, text: string): Promise<{ status: number; activities: { text?: string; attachments?: unknown[] }[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(messageActivity(text, `sanity-${++conversationCounter}`, 0, port)),
  });
  const body = (await response.json().catch(() => ({}))) as { activities?: { text?: string }[] };
  return { status: response.status, activities: body.activities ?? [] };
}

/** Loads one server for `seconds` with `options.connections` connections. */
export async function fire(port: number, questions: string[], options: LoadOptions, seconds: number) {
  let next = 0;
  let bad = 0;
  // autocannon resets the context each time a connection starts the request list again: one pass = one conversation.
  const requests: autocannon.Request[] = Array.from({ length: options.turnsPerConversation }, (_, turn) => ({
    method: 'POST',
    path: '/api/messages',
    setupRequest: (request: autocannon.Request, context: object) => {
      const state = context as { conversationId?: string };
      state.conversationId ??= `bench-${++conversationCounter}`;
      const text = questions[next++ % questions.length]!;
      return { ...request, body: JSON.stringify(messageActivity(text, state.conversationId, turn, port)) };
    },
    onResponse: (status: number, body: string) => {
      if (status !== 200 || !body.includes('"activities":[{')) bad++;
    },
  }));
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests,
  });
  return { result, bad };
}

/**
 * Starts `script` from the build (with `env` plus PORT/HOST), checks it with `sanity`, warms it up and measures.
 */
export async function measureLoad(
  build: Build,
  script: string,
  env: Record<string, string>,
  questions: string[],
  options: LoadOptions,
  sanity: (port: number) => Promise<void>,
): Promise<LoadFigures> {
  const port = await freePort();
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const nodeArgs = [...build.nodeFlags, ...profile];
  const server = startNode(script, [], { ...env, PORT: String(port), HOST: '127.0.0.1' }, build.dir, nodeArgs);
  try {
    // Steady state is measured: the assistant trains its phrasing classifier after binding the port (start-up is
    // measured on its own), and training while under load would both slow the run and leave it half-measured.
    const ready = (health: Record<string, unknown>) => health.classifier === undefined || health.classifier === 'ready';
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, server, 60_000, 50, ready);
    await sanity(port);
    const idleMemory = residentMemory(server.pid);
    if (options.warmupSeconds > 0) await fire(port, questions, options, options.warmupSeconds);
    const { result, bad } = await fire(port, questions, options, options.durationSeconds);
    if (server.child.exitCode !== null) throw new Error(`the server died under load:\n${server.output()}`);
    const memory = residentMemory(server.pid);
    return {
      turnsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failures: bad + result.errors + result.timeouts,
      total: result.requests.total,
      idleMemory,
      memory,
    };
  } finally {
    await stop(server);
  }
}
