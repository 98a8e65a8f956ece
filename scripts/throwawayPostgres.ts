/**
 * A throwaway PostgreSQL server on a free local port in a temp directory, for the `postgres` test project
 * (test/setup/postgres.ts) and `npm run bench -- --store postgres`. Uses Debian's postgresql (installed by
 * scripts/ensurePostgres.sh); as root, the server runs as the `postgres` user, since initdb refuses to run as root.
 * Durability is turned off (fsync, synchronous_commit): fast, and gone after the run anyway.
 *
 * @example
 * const server = await startThrowawayPostgres();
 * // … use server.url (postgres://postgres@127.0.0.1:PORT/postgres) …
 * await server.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, 'bin', name);
    if (existsSync(bin)) return bin;
  }
  throw new Error(`PostgreSQL's ${name} not found under ${root}: run scripts/ensurePostgres.sh (apt-get install postgresql)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited with ${server.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface ThrowawayPostgres {
  /** Admin URL: postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Stops the server at once and removes its directory. */
  stop(): Promise<void>;
}

/** Creates a new cluster and starts it; `settings` are extra `-c name=value` server settings. */
export async function startThrowawayPostgres(settings: Record<string, string> = {}): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assistant-pg-'));
  const dataDir = path.join(dir, 'data');
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim()), Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim()));
  const [initCommand, initArgs] = asPostgres(postgresBin('initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

  const port = await freePort();
  const extra = Object.entries({ max_connections: '300', ...settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  // Durability does not matter for a throwaway server; speed does.
  const [command, args] = asPostgres(postgresBin('postgres'), [
    '-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', ...extra,
  ]);
  let output = '';
  const server = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    // `runuser` does not pass signals on to the server: pg_ctl stops it, without waiting for clients to leave.
    const [stopCommand, stopArgs] = asPostgres(postgresBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    spawnSync(stopCommand, stopArgs, { encoding: 'utf8', timeout: 30_000 });
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
