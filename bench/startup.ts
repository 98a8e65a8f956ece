/**
 * Start-up time with a given knowledge folder, each run in a fresh Node process so that Node's own start and module
 * loading count: (a) the probe that only loads, validates and indexes the folder; (b) the whole application
 * (`node dist/src/main.js`, as `npm start` runs it) until it answers `GET /healthz`, until it has answered a user's
 * first question (`POST /api/messages`, checked), and until its phrasing classifier, trained after start-up, is ready.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Build } from './build.js';
import { askOnce } from './load.js';
import { freePort, startNode, stop, waitForHttp } from './processes.js';
import { median } from './stats.js';

export interface StartupFigures {
  documents: number;
  runs: number;
  /** Median wall-clock time from spawn until the index is ready (probe). */
  indexReadyMs: number;
  /** Medians of the probe's phases, measured inside the child. */
  phases: { nodeStartMs: number; importMs: number; loadMs: number; indexMs: number; classifierMs: number };
  /** Median wall-clock time from spawn until the app answers its first request (GET /healthz). */
  appListeningMs: number;
  /** Median wall-clock time from spawn until the app has answered a first question, asked as soon as it listens. */
  appFirstAnswerMs: number;
  /** Median wall-clock time from spawn until /healthz reports the phrasing classifier trained. */
  appClassifierMs: number;
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

  const appWall: number[] = [];
  const answerWall: number[] = [];
  const classifierWall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(build.dir, 'startup-data-'));
    const port = await freePort();
    const app = startNode(
      build.main,
      [],
      { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir },
      build.dir,
      [...build.nodeFlags, ...profile],
    );
    try {
      // Ready = the first request answered, polled every 5 ms.
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, app, 30_000, 5);
      appWall.push(performance.now() - app.spawnedAt);
      const { status, activities } = await askOnce(port, firstQuestion.text);
      if (status !== 200 || !firstQuestion.answerMentions.test(JSON.stringify(activities))) {
        throw new Error(`the app's first answer was wrong (status ${status}): ${JSON.stringify(activities).slice(0, 300)}`);
      }
      answerWall.push(performance.now() - app.spawnedAt);
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, app, 30_000, 5, (body) => body.classifier === 'ready');
      classifierWall.push(performance.now() - app.spawnedAt);
    } finally {
      await stop(app);
    }
  }

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
    appListeningMs: median(appWall),
    appFirstAnswerMs: median(answerWall),
    appClassifierMs: median(classifierWall),
  };
}
