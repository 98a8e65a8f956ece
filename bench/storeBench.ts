/**
 * `npm run bench -- --store postgres`: the assistant's throughput on its two stores, as instances would run it.
 *
 * 1. SQLite (the embedded default), one instance;
 * 2. PostgreSQL, one instance;
 * 3. PostgreSQL, two instances on one database, the load split evenly between them (half the connections each,
 *    fired at the same time), as a proxy without sticky sessions would spread it.
 *
 * PostgreSQL is a throwaway server (scripts/throwawayPostgres.ts) started for the run, with the durability settings
 * of a production server (fsync, synchronous_commit and full_page_writes on), a fresh database per run. Every run
 * has the search cache off, like the headline of `npm run bench`. Instances, PostgreSQL and the load generator
 * share this machine's CPUs.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwawayPostgres.js';
import type { Build } from './build.js';
import { fire, measureLoad, type LoadFigures, type LoadOptions } from './load.js';
import { freePort, residentMemory, startNode, stop, waitForHttp, type StartedProcess } from './processes.js';
import { round } from './stats.js';

export interface InstancesFigures {
  instances: number;
  /** Turns per second of all instances together. */
  turnsPerSecond: number;
  /** The highest p50 and p99 of the instances (autocannon reports percentiles per run, not mergeable samples). */
  p50Ms: number;
  p99Ms: number;
  failures: number;
  total: number;
  rssMb: number[];
}

export interface StoreFigures {
  sqlite: LoadFigures;
  postgresOne: LoadFigures;
  postgresTwo: InstancesFigures;
  load: LoadOptions;
  date: string;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Starts `count` instances of the app with `env`, checks each with `sanity`, loads them all at once. */
async function measureInstances(
  build: Build,
  env: Record<string, string>,
  count: number,
  questions: string[],
  load: LoadOptions,
  sanity: (port: number) => Promise<void>,
): Promise<InstancesFigures> {
  const servers: { port: number; process: StartedProcess }[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const dataDir = mkdtempSync(path.join(build.dir, 'instance-data-'));
      const process = startNode(build.main, [], { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, build.dir, build.nodeFlags);
      servers.push({ port, process });
    }
    for (const { port, process } of servers) {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, process, 60_000);
      await sanity(port);
    }
    const share = { ...load, connections: Math.max(1, Math.round(load.connections / count)) };
    if (load.warmupSeconds > 0) await Promise.all(servers.map(({ port }) => fire(port, questions, share, load.warmupSeconds)));
    const runs = await Promise.all(servers.map(({ port }) => fire(port, questions, share, load.durationSeconds)));
    for (const { process } of servers) if (process.child.exitCode !== null) throw new Error(`an instance died under load:\n${process.output()}`);
    return {
      instances: count,
      turnsPerSecond: runs.reduce((sum, { result }) => sum + result.requests.average, 0),
      p50Ms: Math.max(...runs.map(({ result }) => result.latency.p50)),
      p99Ms: Math.max(...runs.map(({ result }) => result.latency.p99)),
      failures: runs.reduce((sum, { result, bad }) => sum + bad + result.errors + result.timeouts, 0),
      total: runs.reduce((sum, { result }) => sum + result.requests.total, 0),
      rssMb: servers.map(({ process }) => residentMemory(process.pid).rssMb),
    };
  } finally {
    await Promise.all(servers.map(({ process }) => stop(process)));
  }
}

export async function measureStores(
  build: Build,
  knowledgeDir: string,
  questions: string[],
  load: LoadOptions,
  sanity: (port: number) => Promise<void>,
  step: (message: string) => void,
): Promise<StoreFigures> {
  const env = {
    LOG_LEVEL: 'warn',
    KNOWLEDGE_DIR: knowledgeDir,
    SEARCH_CACHE_SIZE: '0',
    // Capacity, not protection, is measured: the per-address limit and load shedding (docs/security.md) are lifted.
    MESSAGES_RATE_PER_MINUTE: '100000000',
    OVERLOAD_MAX_CONCURRENT_TURNS: '0',
    OVERLOAD_MAX_TURN_WAIT_MS: '0',
    OVERLOAD_TARGET_TURN_MS: '0',
    OVERLOAD_EVENT_LOOP_DELAY_MS: '100000000',
  };
  // The load starts once the phrasing classifier is trained: it trains after start-up and would compete for the CPUs
  // (twice over with two instances started together).
  const trainedThenSane = async (port: number) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { classifier?: string };
      if (health.classifier === 'ready') break;
      if (Date.now() > deadline) throw new Error('the phrasing classifier was not trained within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sanity(port);
  };
  step(`SQLite, one instance (${load.connections} connections, ${load.durationSeconds} s)`);
  const sqlite = await measureLoad(build, build.main, { ...env, DATA_DIR: mkdtempSync(path.join(build.dir, 'data-')) }, questions, load, trainedThenSane);

  step('starting a throwaway PostgreSQL server (production durability settings)');
  const server = await startThrowawayPostgres({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' });
  try {
    step(`PostgreSQL, one instance (${load.connections} connections, ${load.durationSeconds} s)`);
    const one = await createDatabase(server.url, 'bench_one');
    const postgresOne = await measureLoad(
      build,
      build.main,
      { ...env, DATA_DIR: mkdtempSync(path.join(build.dir, 'data-')), DATABASE_URL: one },
      questions,
      load,
      trainedThenSane,
    );
    step(`PostgreSQL, two instances on one database (${load.connections} connections split between them, ${load.durationSeconds} s)`);
    const two = await createDatabase(server.url, 'bench_two');
    const postgresTwo = await measureInstances(build, { ...env, DATABASE_URL: two }, 2, questions, load, trainedThenSane);
    return { sqlite, postgresOne, postgresTwo, load, date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC` };
  } finally {
    await server.stop();
  }
}

const ms = (value: number) => `${round(value)} ms`;

function row(label: string, f: { turnsPerSecond: number; p50Ms: number; p99Ms: number; failures: number }, base: number): string {
  const failures = f.failures > 0 ? ` · **${f.failures} failed**` : '';
  return `| ${label} | ${round(f.turnsPerSecond)} turns/s (${(f.turnsPerSecond / base).toFixed(2)} × SQLite) · p50 ${ms(f.p50Ms)} · p99 ${ms(f.p99Ms)}${failures} |`;
}

/** The Markdown table of a store run. */
export function storeTable(f: StoreFigures): string {
  const base = f.sqlite.turnsPerSecond;
  return [
    '| Store | Assistant, search cache off, `POST /api/messages` expectReplies |',
    '| --- | --- |',
    row('SQLite, one instance', f.sqlite, base),
    row('PostgreSQL, one instance', f.postgresOne, base),
    row('PostgreSQL, two instances on one database (load split evenly; p50/p99 of the slower instance)', f.postgresTwo, base),
  ].join('\n');
}

/** The section of docs/benchmarks.md that `--store postgres` writes (between the markers). */
export function storeSection(f: StoreFigures, machine: string): string {
  return `${STORE_SECTION_START}
## Stores and instances

Measured by \`npm run bench -- --store postgres\` on ${f.date} (${machine}); ${f.load.connections} connections for
${f.load.durationSeconds} s after ${f.load.warmupSeconds} s of warm-up, conversations of ${f.load.turnsPerConversation} turns.

${storeTable(f)}

- PostgreSQL is a throwaway server the command starts on 127.0.0.1 (\`scripts/throwawayPostgres.ts\`) with the
  durability of a production server (\`fsync\`, \`synchronous_commit\`, \`full_page_writes\` on), one fresh database
  per run, \`DATABASE_POOL_SIZE\` at its default. SQLite runs in WAL mode with \`synchronous = NORMAL\`.
- A turn of a running conversation costs four statements on PostgreSQL (read the bot state, look for an open
  handoff ticket, append the user's and the bot's line to the transcript kept for a handoff), each a round trip;
  the bot state is written only when it changed. Every instance's phrasing classifier is trained before the load
  starts.
- Checked on 2026-12-07 on this shared 2-CPU machine: the PostgreSQL rows are bound by CPU, not by the database: a larger pool
  (\`DATABASE_POOL_SIZE=30\`) and \`fsync=off\` gave the same figures within the noise, and a CPU profile of the
  instance (\`--cpu-prof=DIR\`) spends about 15 % in the socket writes of its queries (each wakes a PostgreSQL
  process on the same CPUs), against 2 % with SQLite. On separate hosts for the database and each instance the
  ratio will differ; measure there before sizing.
- Two instances: both are started with the same \`DATABASE_URL\`; autocannon fires half of the connections at each at
  the same time. On this machine the instances, PostgreSQL and the load generator share the same CPUs, so a second
  instance cannot add CPU time: the row shows the cost of coordination through the database, not the gain of a
  second host.
${STORE_SECTION_END}`;
}

export const STORE_SECTION_START = '<!-- store-bench: written by `npm run bench -- --store postgres` -->';
export const STORE_SECTION_END = '<!-- /store-bench -->';

/** Replaces (or appends) the store section in a benchmarks document. */
export function withStoreSection(document: string, section: string): string {
  const start = document.indexOf(STORE_SECTION_START);
  const end = document.indexOf(STORE_SECTION_END);
  if (start >= 0 && end > start) return document.slice(0, start) + section + document.slice(end + STORE_SECTION_END.length);
  return `${document.trimEnd()}\n\n${section}\n`;
}

/** The store section of a benchmarks document, if any (kept when `npm run bench` rewrites the document). */
export function storeSectionOf(document: string): string | undefined {
  const start = document.indexOf(STORE_SECTION_START);
  const end = document.indexOf(STORE_SECTION_END);
  return start >= 0 && end > start ? document.slice(start, end + STORE_SECTION_END.length) : undefined;
}
