/**
 * Helpers for the Direct Line tests: the real application on 127.0.0.1 (restartable on the same DATA_DIR and port),
 * the official `botframework-directlinejs` client with Node globals, and small waiting helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApplication, type Application } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { dropStore, storeEnv } from '../helpers/testStore.js';

const require = createRequire(import.meta.url);

// directlinejs (via rxjs) expects browser globals; xhr2 and ws provide them in Node.
const globals = globalThis as unknown as Record<string, unknown>;
globals.XMLHttpRequest ??= require('xhr2');
globals.WebSocket ??= require('ws');

export type DirectLineModule = typeof import('botframework-directlinejs');
/** The official client, loaded after the globals are in place. */
export const directLineJs: DirectLineModule = require('botframework-directlinejs');

export interface Running {
  app: Application;
  config: Config;
  port: number;
  baseUrl: string;
  dataDir: string;
  /** Stops the server (the data folder stays for a restart). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data folder (restart); default: a new temp folder. */
  dataDir?: string;
  /** Reuse a port (restart); default: an ephemeral one. */
  port?: number;
  env?: Record<string, string>;
}

/** Builds and starts the application. */
export async function start(options: StartOptions = {}): Promise<Running> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'directline-test-'));
  const config = loadConfig(
    {
      KNOWLEDGE_DIR: shippedKnowledgeDir,
      LOG_LEVEL: 'silent',
      ...(await storeEnv(dataDir)),
      ...options.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    undefined,
  );
  const app = await buildApplication(config, pino({ level: 'silent' }));
  const port = await app.listen();
  return { app, config, port, baseUrl: `http://127.0.0.1:${port}`, dataDir, stop: () => app.close() };
}

/** Removes a data folder made by {@link start}, and its database. */
export async function removeDataDir(dataDir: string): Promise<void> {
  await dropStore(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** POST /v3/directline/tokens/generate, as the widget does. */
export async function generateToken(baseUrl: string): Promise<TokenResponse> {
  const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`tokens/generate answered ${response.status}`);
  return (await response.json()) as TokenResponse;
}

/** An activity as the client receives it. */
export type ReceivedActivity = {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string };
};

/** Collects everything a directlinejs client receives. */
export function collect(client: {
  activity$: { subscribe(observer: { next(a: ReceivedActivity): void; error(e: unknown): void }): { unsubscribe(): void } };
}) {
  const received: ReceivedActivity[] = [];
  const errors: unknown[] = [];
  // `end()` ends the stream with an error ("conversation ended"); without an error handler rxjs would rethrow it.
  const subscription = client.activity$.subscribe({ next: (activity) => received.push(activity), error: (e) => errors.push(e) });
  return { received, errors, stop: () => subscription.unsubscribe() };
}

/** The question of the acceptance criteria and a word its answer must contain. */
export const QUESTION = 'Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?';
export const ANSWER_WORD = 'Arnsberg';
