/**
 * Real app processes for the multi-instance tests: `src/main.ts` under Node with tsx's loader, each with its own port
 * and data folder, all on one PostgreSQL database. Nothing is shared but the database.
 *
 * @example
 * const url = await postgresUrl(dataDir);
 * const [a, b] = await Promise.all([spawnInstance({ DATABASE_URL: url }), spawnInstance({ DATABASE_URL: url })]);
 * a.kill('SIGKILL');
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, shippedKnowledgeDir } from './app.js';

export interface Instance {
  name: string;
  port: number;
  baseUrl: string;
  process: ChildProcess;
  /** Everything the process wrote (JSON log lines and stderr). */
  output(): string;
  /** SIGKILL (a crash) or SIGTERM (a clean stop); resolves once the process is gone. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/** Starts `node --import tsx src/main.ts` and resolves once it logged that it listens. */
export async function spawnInstance(name: string, env: Record<string, string>, timeoutMs = 90_000): Promise<Instance> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), `instance-${name}-`));
  // `node --import tsx`, not the tsx launcher: a SIGKILL must reach the server itself, not a parent that cannot pass it on.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      KNOWLEDGE_DIR: shippedKnowledgeDir,
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const instance: Instance = {
    name,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!/"msg":"listening on /.test(output)) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await instance.kill('SIGKILL');
      throw new Error(`instance ${name} did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return instance;
}
