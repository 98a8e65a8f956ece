/**
 * Start-up time with a given knowledge folder, each run in a fresh Node process so that Node's own start and module
 * loading count: (a) the probe that only loads, validates and indexes the folder; (b) the whole application
 * (`node dist/src/main.js`, as `npm start` runs it) until it answers `GET /healthz`, until it has answered a user's
 * first question (`POST /api/messages`, checked), and until its phrasing classifier, trained after start-up, is ready:
 * as it restarts, with the index snapshot an earlier start wrote into its DATA_DIR, and as it starts the first time
 * after a change of the folder or the code (no snapshot: it builds the index), in alternating runs.
 */
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Build } from './build.js';
import { askOnce } from './load.js';
import { freePort, residentMemory, startNode, stop, waitForHttp } from './processes.js';
import { median } from './stats.js';

/** The index snapshot's file in DATA_DIR (src/knowledge/indexSnapshot.ts). */
const SNAPSHOT_FILE = 'index-snapshot.bin';

/** Medians of app starts, wall clock from spawn. */
export interface AppStartFigures {
  /** Until the app answers its first request (GET /healthz). */
  listeningMs: number;
  /** Until it has answered a first question, asked as soon as it listens. */
  firstAnswerMs: number;
  /** Until /healthz reports the phrasing classifier trained. */
  classifierMs: number;
  /** Resident memory (VmRSS, MB) at that moment. */
  rssMb: number;
}

export interface StartupFigures {
  documents: number;
  runs: number;
  /** Median wall-clock time from spawn until the index is ready (probe). */
  indexReadyMs: number;
  /** Medians of the probe's phases, measured inside the child. */
  phases: { nodeStartMs: number; importMs: number; loadMs: number; indexMs: number; classifierMs: number };
  /** The app restarted with the index snapshot of an earlier start in its DATA_DIR (the usual start). */
  app: AppStartFigures;
  /** The app without a snapshot (the first start after a change of the folder or the code; INDEX_SNAPSHOT=false). */
  appWithoutSnapshot: AppStartFigures;
}

interface ProbeLine {
  documents: number;
  nodeStartMs: number;
  importMs: number;
  loadMs: number;
  indexMs: number;
  readyMs: number;
  classifierMs: number;
}

/**
 * The first question asked, and what its answer must contain: with the shipped folder the place of the signing; with
 * a generated folder, whose entries recombine the shipped phrasings, the reply may also offer the signing entries
 * ("Meinten Sie …?"), which name the signing (`answerMentions`).
 */
export const firstQuestion = {
  text: 'Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?',
  answerContains: 'Arnsberg',
  answerMentions: /Arnsberg|unterzeichnet/,
};

/** With `cpuProfileDir`, every app start writes a V8 CPU profile there (`node --cpu-prof`); its figures are slower. */
export async function measureStartup(build: Build, knowledgeDir: string, runs = 5, cpuProfileDir?: string): Promise<StartupFigures> {
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const probeWall: number[] = [];
  const probes: ProbeLine[] = [];
  for (let i = 0; i < runs; i++) {
    const probe = startNode(build.startupProbe, [build.srcDir, knowledgeDir], {}, build.dir);
    // Both waiters from the start: the two lines may come in one chunk.
    const readyLine = probe.waitForLine((l) => l === 'ready');
    const timings = probe.waitForLine((l) => l.startsWith('{'));
    probeWall.push((await readyLine).at - probe.spawnedAt);
    const { line } = await timings;
    probes.push(JSON.parse(line) as ProbeLine);
    await probe.exited;
  }

  // One start writes the snapshot (when it stops, on SIGTERM); each start with a snapshot gets a copy of it.
  const primed = mkdtempSync(path.join(build.dir, 'startup-snapshot-'));
  await startApp(build, knowledgeDir, primed, {}, []);
  if (!existsSync(path.join(primed, SNAPSHOT_FILE))) throw new Error('the app wrote no index snapshot when it stopped');
  const withSnapshot: AppStartFigures[] = [];
  const withoutSnapshot: AppStartFigures[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternating, each kind first in every other round: a busy moment of the machine hits both alike.
    for (const snapshot of i % 2 === 0 ? [true, false] : [false, true]) {
      const dataDir = mkdtempSync(path.join(build.dir, 'startup-data-'));
      if (snapshot) copyFileSync(path.join(primed, SNAPSHOT_FILE), path.join(dataDir, SNAPSHOT_FILE));
      const env: Record<string, string> = snapshot ? {} : { INDEX_SNAPSHOT: 'false' };
      (snapshot ? withSnapshot : withoutSnapshot).push(await startApp(build, knowledgeDir, dataDir, env, profile));
    }
  }
  const medians = (starts: AppStartFigures[]): AppStartFigures => ({
    listeningMs: median(starts.map((s) => s.listeningMs)),
    firstAnswerMs: median(starts.map((s) => s.firstAnswerMs)),
    classifierMs: median(starts.map((s) => s.classifierMs)),
    rssMb: median(starts.map((s) => s.rssMb)),
  });

  return {
    documents: probes[0]!.documents,
    runs,
    indexReadyMs: median(probeWall),
    phases: {
      nodeStartMs: median(probes.map((p) => p.nodeStartMs)),
      importMs: median(probes.map((p) => p.importMs)),
      loadMs: median(probes.map((p) => p.loadMs)),
      indexMs: median(probes.map((p) => p.indexMs)),
      classifierMs: median(probes.map((p) => p.classifierMs)),
    },
    app: medians(withSnapshot),
    appWithoutSnapshot: medians(withoutSnapshot),
  };
}

/**
 * Starts the app on `dataDir` as `npm run serve` does, asks the first question as soon as it listens, waits until its
 * classifier is trained (and for `after`), and stops it.
 */
async function startApp(
  build: Build,
  knowledgeDir: string,
  dataDir: string,
  env: Record<string, string>,
  profile: string[],
): Promise<AppStartFigures> {
  const port = await freePort();
  const app = startNode(
    build.main,
    [],
    { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, ...env },
    build.dir,
    [...build.nodeFlags, ...profile],
  );
  try {
    // Ready = the first request answered, polled every 5 ms.
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, app, 30_000, 5);
    const listeningMs = performance.now() - app.spawnedAt;
    const { status, activities } = await askOnce(port, firstQuestion.text);
    if (status !== 200 || !firstQuestion.answerMentions.test(JSON.stringify(activities))) {
      throw new Error(`the app's first answer was wrong (status ${status}): ${JSON.stringify(activities).slice(0, 300)}`);
    }
    const firstAnswerMs = performance.now() - app.spawnedAt;
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, app, 30_000, 5, (body) => body.classifier === 'ready');
    const classifierMs = performance.now() - app.spawnedAt;
    const { rssMb } = residentMemory(app.pid);
    return { listeningMs, firstAnswerMs, classifierMs, rssMb };
  } finally {
    await stop(app);
  }
}
