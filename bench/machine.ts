/**
 * What the figures were measured on, and whether anything else was using the CPU around the run (the benchmark
 * machine may be shared).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  date: string;
  node: string;
  nproc: number;
  cpu: string;
}

export function describeMachine(): Machine {
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep Node's count
  }
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    nproc,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
  };
}

function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Clock ticks per second of /proc/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Share (0…1) of all CPUs that other processes kept busy during `ms` milliseconds while this one was waiting. */
export async function backgroundCpuShare(ms = 2000): Promise<number> {
  const before = cpuTimes();
  const ownBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const own = process.cpuUsage(ownBefore);
  const after = cpuTimes();
  const ownTicks = ((own.user + own.system) / 1e6) * TICKS_PER_SECOND;
  return Math.max(0, after.busy - before.busy - ownTicks) / Math.max(1, after.total - before.total);
}
