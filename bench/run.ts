/**
 * `npm run bench`: the speed budget of the assistant, measured in one run on this machine (see docs/benchmarks.md).
 * Prints a Markdown table with targets and pass/fail and writes docs/benchmarks.md. Everything it starts listens on
 * 127.0.0.1, stops by itself and is killed when the benchmark ends or fails.
 *
 * Options: --duration=SECONDS (10) --connections=N (50) --warmup=SECONDS (3)
 *          --store postgres  instead: the assistant's throughput on SQLite, on PostgreSQL and on two instances
 *                            sharing one PostgreSQL database (bench/storeBench.ts); written into docs/benchmarks.md
 *          --cpu-prof=DIR  the echo bot and the assistant write V8 CPU profiles of their load runs (and the app its
 *                          start-up runs) into DIR
 *          --only=startup|throughput  measure only that part and print it (throughput: echo bot, assistant uncached
 *                     and cached); docs/benchmarks.md is left alone
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForBench, removeBuild } from './build.js';
import { generateKnowledge } from './generateKnowledge.js';
import { askOnce, measureLoad } from './load.js';
import { backgroundCpuShare, describeMachine } from './machine.js';
import { loadQuestions } from './questions.js';
import { allPassed, benchmarksDocument, figuresTable, withKeptSections, type Figures } from './report.js';
import { importSearchModules, measureSearch } from './searchBench.js';
import { firstQuestion, measureStartup } from './startup.js';
import { measureStores, storeSection, storeSectionOf, storeTable, withStoreSection } from './storeBench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const started = performance.now();

function cpuProfileDir(): string | undefined {
  const arg = process.argv.find((a) => a.startsWith('--cpu-prof='));
  return arg ? path.resolve(arg.slice('--cpu-prof='.length)) : undefined;
}

/** `--store postgres` (or `--store=postgres`): the store benchmark instead of the full one. */
function storeOption(): string | undefined {
  const index = process.argv.indexOf('--store');
  const value = index >= 0 ? process.argv[index + 1] : process.argv.find((a) => a.startsWith('--store='))?.slice('--store='.length);
  if (value !== undefined && value !== 'postgres') throw new Error(`--store: only "postgres" is known (SQLite is always measured), got "${value}"`);
  return value;
}

/** `--only=startup` or `--only=throughput`: one part alone (for profiling and before/after comparisons). */
function onlyOption(): 'startup' | 'throughput' | undefined {
  const value = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (value !== undefined && value !== 'startup' && value !== 'throughput') throw new Error(`--only: "startup" or "throughput", got "${value}"`);
  return value;
}

function step(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

async function main(): Promise<void> {
  const load = {
    connections: option('connections', 50),
    durationSeconds: option('duration', 10),
    warmupSeconds: option('warmup', 3),
    turnsPerConversation: 10,
    cpuProfileDir: cpuProfileDir(),
  };
  const machine = describeMachine();
  step(`${machine.cpu}, nproc ${machine.nproc}, Node ${machine.node}`);
  const backgroundBefore = await backgroundCpuShare();

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brueckenschlag-bench-'));
  process.on('exit', () => {
    removeBuild(path.join(tmp, 'build'));
    rmSync(tmp, { recursive: true, force: true });
  });
  const shippedKnowledge = path.join(root, 'knowledge');

  const questions = loadQuestions(root);
  step(`${questions.questions.length} questions from ${questions.source}`);

  step('building the app (tsc) and the echo bot into a temporary folder');
  const build = await buildForBench(root, path.join(tmp, 'build'));
  if (build.typeErrors) step(`warning: the checkout does not type-check; measuring the emitted JavaScript anyway:\n${build.typeErrors}`);

  const benchmarksFile = path.join(root, 'docs/benchmarks.md');
  const previous = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '';
  if (storeOption()) {
    const answers = async (port: number) => {
      const { status, activities } = await askOnce(port, firstQuestion.text);
      if (status !== 200 || !JSON.stringify(activities).includes(firstQuestion.answerContains)) {
        throw new Error(`the assistant did not answer the signing question (status ${status})`);
      }
    };
    const stores = await measureStores(build, shippedKnowledge, questions.questions, load, answers, step);
    const machineText = `${machine.cpu}, \`nproc\` = ${machine.nproc}, Node.js ${machine.node}`;
    writeFileSync(benchmarksFile, withStoreSection(previous || '# Benchmarks\n', storeSection(stores, machineText)));
    process.stdout.write(`\n${storeTable(stores)}\n\nWritten to docs/benchmarks.md (section "Stores and instances").\n`);
    const failures = stores.sqlite.failures + stores.postgresOne.failures + stores.postgresTwo.failures;
    if (failures > 0) process.exitCode = 1;
    return;
  }

  const assistantEnv = {
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(path.join(tmp, 'data-')),
    KNOWLEDGE_DIR: shippedKnowledge,
    // Capacity, not protection, is measured: the per-address limit and load shedding (docs/security.md) are lifted.
    MESSAGES_RATE_PER_MINUTE: '100000000',
    OVERLOAD_MAX_CONCURRENT_TURNS: '0',
    OVERLOAD_MAX_TURN_WAIT_MS: '0',
    OVERLOAD_TARGET_TURN_MS: '0',
    OVERLOAD_EVENT_LOOP_DELAY_MS: '100000000',
  };
  const echoes = async (port: number) => {
    const { status, activities } = await askOnce(port, 'ping');
    if (status !== 200 || activities[0]?.text !== 'ping') throw new Error(`the echo bot did not echo (status ${status})`);
  };
  const answersTheSigningQuestion = async (port: number) => {
    const { status, activities } = await askOnce(port, firstQuestion.text);
    if (status !== 200 || !JSON.stringify(activities).includes(firstQuestion.answerContains)) {
      throw new Error(`the assistant did not answer the signing question (status ${status}): ${JSON.stringify(activities).slice(0, 300)}`);
    }
  };
  const only = onlyOption();
  if (only === 'startup') {
    const knowledge500 = path.join(tmp, 'knowledge-500');
    generateKnowledge(shippedKnowledge, knowledge500, 500);
    step('start-up with 500 documents');
    const startup = await measureStartup(build, knowledge500, 5, load.cpuProfileDir);
    process.stdout.write(`${JSON.stringify(startup, null, 2)}\n`);
    return;
  }
  /**
   * The echo bot, then the assistant with its search cache off (the headline: every question searched anew, as for
   * questions users have not asked before), then with its cache (the questions repeat: most are answered from it).
   */
  const throughputRuns = async () => {
    step(`echo bot under load (${load.connections} connections, ${load.durationSeconds} s)`);
    const echo = await measureLoad(build, build.echoBot, {}, questions.questions, load, echoes);
    step(`assistant with the search cache off under load (${load.connections} connections, ${load.durationSeconds} s)`);
    const uncached = await measureLoad(build, build.main, { ...assistantEnv, SEARCH_CACHE_SIZE: '0' }, questions.questions, load, answersTheSigningQuestion);
    step(`assistant with its search cache, same load (the questions repeat: most are answered from the cache)`);
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const cached = await measureLoad(build, build.main, { ...assistantEnv, DATA_DIR: dataDir }, questions.questions, load, answersTheSigningQuestion);
    return { echo, uncached, cached };
  };

  if (only === 'throughput') {
    const { echo, uncached, cached } = await throughputRuns();
    const ratio = uncached.turnsPerSecond / echo.turnsPerSecond;
    const cachedRatio = cached.turnsPerSecond / echo.turnsPerSecond;
    const rounded = (x: number) => Math.round(x * 1000) / 1000;
    process.stdout.write(`${JSON.stringify({ echo, uncached, cached, ratio: rounded(ratio), cachedRatio: rounded(cachedRatio) }, null, 2)}\n`);
    return;
  }

  step('generating knowledge folders with 500, 1,000 and 10,000 documents');
  const knowledge500 = path.join(tmp, 'knowledge-500');
  const knowledge1000 = path.join(tmp, 'knowledge-1000');
  const knowledge10000 = path.join(tmp, 'knowledge-10000');
  generateKnowledge(shippedKnowledge, knowledge500, 500);
  generateKnowledge(shippedKnowledge, knowledge1000, 1000);
  generateKnowledge(shippedKnowledge, knowledge10000, 10000);

  step('search latency (shipped folder, 1,000 and 10,000 documents; the last builds its index for a minute or two)');
  const modules = await importSearchModules(build.srcDir);
  const searchShipped = measureSearch(modules, shippedKnowledge, questions.questions);
  const search1000 = measureSearch(modules, knowledge1000, questions.questions);
  const search10000 = measureSearch(modules, knowledge10000, questions.questions, 1000);

  step('start-up with 500 documents');
  const startup = await measureStartup(build, knowledge500, 5, load.cpuProfileDir);

  const { echo, uncached: assistantUncached, cached: assistant } = await throughputRuns();

  const backgroundAfter = await backgroundCpuShare();
  const figures: Figures = {
    questions: { source: questions.source, count: questions.questions.length },
    searchShipped,
    search1000,
    search10000,
    startup,
    echo,
    assistant,
    assistantUncached,
    nodeFlags: build.nodeFlags,
    load,
    machine,
    background: { before: backgroundBefore, after: backgroundAfter },
    typeErrors: build.typeErrors,
  };
  // The store section (`--store postgres`) is measured separately and kept.
  const kept = storeSectionOf(previous);
  const document = withKeptSections(kept ? withStoreSection(benchmarksDocument(figures), kept) : benchmarksDocument(figures), previous);
  writeFileSync(benchmarksFile, document);
  process.stdout.write(`\n${figuresTable(figures)}\n\n`);
  process.stdout.write(`${document.split('\n').filter((l) => l.startsWith('- Other processes'))[0]?.slice(2) ?? ''}\n`);
  process.stdout.write('Written to docs/benchmarks.md.\n');
  if (!allPassed(figures)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
