/**
 * Child processes of the benchmark: start built JavaScript in a fresh Node process, wait until it answers, read its
 * resident memory, and make sure that every child is gone when the benchmark ends, fails or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const children = new Set<ChildProcess>();

function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

export interface StartedProcess {
  child: ChildProcess;
  pid: number;
  /** Milliseconds from just before `spawn` (for start-up figures). */
  spawnedAt: number;
  /** The last lines the process wrote (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves with the first output line that satisfies `test`, rejects when the process exits first. */
  waitForLine(test: (line: string) => boolean, timeoutMs?: number): Promise<{ line: string; at: number }>;
  exited: Promise<number | null>;
}

/** Starts `node [...nodeArgs] <script> ...args` with exactly `env` (plus PATH), tracked for clean-up. */
export function startNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): StartedProcess {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (v: { line: string; at: number }) => void }[] = [];
  const onData = (chunk: Buffer, buffer: { rest: string }) => {
    const at = performance.now();
    const lines = (buffer.rest + chunk.toString('utf8')).split('\n');
    buffer.rest = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve({ line, at });
        }
      }
    }
  };
  const outBuffer = { rest: '' };
  const errBuffer = { rest: '' };
  child.stdout!.on('data', (chunk: Buffer) => onData(chunk, outBuffer));
  child.stderr!.on('data', (chunk: Buffer) => onData(chunk, errBuffer));
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const output = () => tail.join('\n');
  return {
    child,
    pid: child.pid,
    spawnedAt,
    output,
    exited,
    waitForLine: (test, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${script}:\n${output()}`)), timeoutMs);
        waiters.push({
          test,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${script} exited with ${code}:\n${output()}`));
        });
      }),
  };
}

/** Stops a child with SIGTERM, and SIGKILL if it has not exited after `graceMs`. */
export async function stop(started: StartedProcess, graceMs = 5000): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
}

/** A port that is free on 127.0.0.1 right now (for children that do not report the port they bound). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` every `intervalMs` until it answers 200 (or the process exits / the time is up). */
export async function waitForHttp(
  url: string,
  started: StartedProcess,
  timeoutMs = 30_000,
  intervalMs = 50,
  /** When given, the JSON body must pass it too. */
  accept?: (body: Record<string, unknown>) => boolean,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`process exited with ${started.child.exitCode}:\n${started.output()}`);
    try {
      const response = await fetch(url);
      const body = await response.text();
      if (response.ok && (!accept || accept(JSON.parse(body) as Record<string, unknown>))) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${started.output()}`);
}

export interface Memory {
  /** Resident set size now, in MB. */
  rssMb: number;
  /** Peak resident set size since the start, in MB. */
  peakRssMb: number;
}

/** Resident memory of a process from /proc (Linux). */
export function residentMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
