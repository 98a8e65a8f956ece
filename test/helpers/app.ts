/**
 * Builds the real application (src/app.ts) on an ephemeral port with a temp DATA_DIR, for HTTP tests.
 *
 * @example
 * const running = await startApp({ env: { MAX_MESSAGE_CHARS: '100' } });
 * const res = await fetch(`${running.baseUrl}/healthz`);
 * await running.close();
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { dropStore, storeEnv } from './testStore.js';

/** The repository root (test/helpers/ → ../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shipped knowledge folder. */
export const shippedKnowledgeDir = path.join(repoRoot, 'knowledge');
/** The small fixture knowledge folder of the tests. */
export const fixtureKnowledgeDir = path.join(repoRoot, 'test', 'fixtures', 'knowledge');

export interface StartAppOptions {
  /** Extra environment keys (strings, as in process.env). PORT, HOST and DATA_DIR are set by the helper. */
  env?: Record<string, string>;
  /** Knowledge folder; default: the shipped one. */
  knowledgeDir?: string;
  /** pino level of the app's logger; default 'silent'. */
  logLevel?: string;
}

export interface RunningApp {
  app: Application;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Every JSON log line the app wrote (only filled when logLevel is not 'silent'). */
  logs: Record<string, unknown>[];
  /** Closes the server and the store and removes the temp DATA_DIR. */
  close(): Promise<void>;
}

/** Starts the application on 127.0.0.1 and a free port. No `.env` file is read. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assistant-test-'));
  const config = loadConfig(
    {
      KNOWLEDGE_DIR: options.knowledgeDir ?? shippedKnowledgeDir,
      LOG_LEVEL: options.logLevel ?? 'silent',
      ...(await storeEnv(dataDir)),
      ...options.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    undefined,
  );
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'test' } }, sink);
  let app: Application;
  try {
    app = await buildApplication(config, logger);
  } catch (error) {
    await dropStore(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = await app.listen();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    logs,
    close: async () => {
      await app.close();
      await dropStore(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * How the tests run the real entry points (`src/main.ts`, `scripts/*.ts`): Node with tsx's loader. Not the tsx
 * launcher, which runs the script in a child process that a SIGKILL of the launcher would leave running.
 */
export const tsxNode = { command: process.execPath, args: ['--import', 'tsx'] } as const;

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx <script> [...args]` in the repository root with `env` on top of a minimal environment (PATH, HOME) and
 * waits for it to end. The child gets no `.env` of the developer's shell beyond what `env` sets.
 */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsxNode.command, [...tsxNode.args, script, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A port that was free a moment ago (bind 127.0.0.1:0, read the port, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
