/**
 * The benchmark's Markdown: one table of figures with targets and pass/fail (for the README), and the full
 * docs/benchmarks.md with the machine, the command and how each figure is measured.
 */
import type { LoadFigures } from './load.js';
import type { Machine } from './machine.js';
import type { SearchFigures } from './searchBench.js';
import type { StartupFigures } from './startup.js';
import { firstQuestion } from './startup.js';
import { round } from './stats.js';

export const targets = {
  /** p99 of one search call at 1,000 documents. */
  searchP99Ms: 5,
  /** p99 of one search call at 10,000 documents. */
  search10kP99Ms: 25,
  /** A fresh process with 500 documents until the index is ready (the probe). */
  indexReadyMs: 2000,
  /** A fresh app with 500 documents until it has answered a first question. */
  startupMs: 1600,
  /** Turns per second without the search cache, relative to the echo bot's. */
  throughputRatio: 0.35,
  rssMb: 200,
} as const;

export interface Figures {
  questions: { source: string; count: number };
  searchShipped: SearchFigures;
  search1000: SearchFigures;
  search10000: SearchFigures;
  startup: StartupFigures;
  echo: LoadFigures;
  /** The assistant with its search cache (on by default): the questions repeat, so most are answered from it. */
  assistant: LoadFigures;
  /** The headline: the assistant under the same load with SEARCH_CACHE_SIZE=0, every question searched anew. */
  assistantUncached: LoadFigures;
  /** Node flags both bots were started with (those of `npm run serve`). */
  nodeFlags: string[];
  load: { connections: number; durationSeconds: number; warmupSeconds: number; turnsPerConversation: number };
  machine: Machine;
  /** Busy share of all CPUs in the seconds before and after the run (other processes). */
  background: { before: number; after: number };
  typeErrors?: string;
}

const verdict = (pass: boolean) => (pass ? '✅ pass' : '❌ fail');
const ms = (value: number) => `${round(value)} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;

function latencies(f: { p50Ms: number; p99Ms: number }): string {
  return `p50 ${ms(f.p50Ms)} · p99 ${ms(f.p99Ms)}`;
}

function turns(f: LoadFigures): string {
  const failures = f.failures > 0 ? ` · **${f.failures} failed**` : '';
  return `${round(f.turnsPerSecond)} turns/s · ${latencies(f)}${failures}`;
}

/** The assistant's resident memory after the heavier of its two load runs. */
const rssAfterLoad = (f: Figures) => Math.max(f.assistant.memory.rssMb, f.assistantUncached.memory.rssMb);

/** True when every target is met (and no turn failed). */
export function allPassed(f: Figures): boolean {
  return (
    f.search1000.p99Ms < targets.searchP99Ms &&
    f.search10000.p99Ms < targets.search10kP99Ms &&
    f.startup.indexReadyMs < targets.indexReadyMs &&
    f.startup.app.firstAnswerMs <= targets.startupMs &&
    f.assistantUncached.turnsPerSecond >= targets.throughputRatio * f.echo.turnsPerSecond &&
    rssAfterLoad(f) < targets.rssMb &&
    f.assistant.failures === 0 &&
    f.assistantUncached.failures === 0 &&
    f.echo.failures === 0
  );
}

/** The figures table; the README can take it verbatim. */
export function figuresTable(f: Figures): string {
  const uncached = f.assistantUncached.turnsPerSecond / f.echo.turnsPerSecond;
  const cached = f.assistant.turnsPerSecond / f.echo.turnsPerSecond;
  const load = `${f.load.connections} connections, ${f.load.durationSeconds} s`;
  const searchRow = (s: SearchFigures, target?: number): string[] => [
    `Search latency per \`search\` call, ${s === f.searchShipped ? 'shipped' : 'generated'} folder (${s.documents.toLocaleString('en')} documents)`,
    latencies(s),
    target ? `p99 < ${target} ms` : '–',
    target ? verdict(s.p99Ms < target) : '',
  ];
  const rows: string[][] = [
    ['Measure', 'Result', 'Target', 'Verdict'],
    searchRow(f.searchShipped),
    searchRow(f.search1000, targets.searchP99Ms),
    searchRow(f.search10000, targets.search10kP99Ms),
    [
      `Start-up to a ready index, ${f.startup.documents} documents (fresh process: Node, modules, load + validate + index)`,
      ms(f.startup.indexReadyMs),
      `< ${targets.indexReadyMs / 1000} s`,
      verdict(f.startup.indexReadyMs < targets.indexReadyMs),
    ],
    [
      `Start-up of the whole app until it has answered a first question, ${f.startup.documents} documents (as \`npm run serve\` starts it, with the index snapshot an earlier start left in DATA_DIR)`,
      ms(f.startup.app.firstAnswerMs),
      `≤ ${targets.startupMs / 1000} s`,
      verdict(f.startup.app.firstAnswerMs <= targets.startupMs),
    ],
    [`… until it answers \`GET /healthz\``, ms(f.startup.app.listeningMs), '–', ''],
    [
      `… until its phrasing classifier is trained (it trains in the background after start-up; until then answers rank by words alone)`,
      ms(f.startup.app.classifierMs),
      '–',
      '',
    ],
    [
      `… the first start after a change of the folder or the code (no snapshot: the index is built), until the first answer`,
      ms(f.startup.appWithoutSnapshot.firstAnswerMs),
      '–',
      '',
    ],
    [`Echo bot (bare botbuilder + restify), \`POST /api/messages\` expectReplies, ${load}`, turns(f.echo), '–', ''],
    [
      'Assistant, same load, every question searched anew (search cache off, `SEARCH_CACHE_SIZE=0`)',
      turns(f.assistantUncached),
      `≥ ${targets.throughputRatio} × echo`,
      `${verdict(uncached >= targets.throughputRatio && f.assistantUncached.failures === 0)} (${uncached.toFixed(2)} ×)`,
    ],
    [
      `Assistant, same load, with its search cache (the ${f.questions.count} questions repeat, so most turns are answered from it)`,
      `${turns(f.assistant)} (${cached.toFixed(2)} × echo)`,
      '–',
      f.assistant.failures === 0 ? '' : verdict(false),
    ],
    [
      'Assistant resident memory (RSS) after the load',
      `${mb(rssAfterLoad(f))} (idle after start ${mb(f.assistantUncached.idleMemory.rssMb)}, peak ${mb(Math.max(f.assistant.memory.peakRssMb, f.assistantUncached.memory.peakRssMb))}; echo bot ${mb(f.echo.idleMemory.rssMb)} → ${mb(f.echo.memory.rssMb)})`,
      `< ${targets.rssMb} MB`,
      verdict(rssAfterLoad(f) < targets.rssMb),
    ],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(rows[0]!), line(rows[0]!.map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function machineNote(f: Figures): string {
  const busy = Math.max(f.background.before, f.background.after);
  const idle = busy < 0.1;
  return (
    `Other processes kept ${percent(f.background.before)} of the CPUs busy in the 2 s before the run and ` +
    `${percent(f.background.after)} in the 2 s after it: ` +
    (idle
      ? 'the machine was otherwise idle.'
      : '**the machine was not idle** (other jobs were running), so these figures are pessimistic.')
  );
}

/** The whole docs/benchmarks.md. */
export function benchmarksDocument(f: Figures): string {
  const p = f.startup.phases;
  return `# Benchmarks

Measured by \`npm run bench\` (\`tsx bench/run.ts\`) on ${f.machine.date}.

- Machine: ${f.machine.cpu}, \`nproc\` = ${f.machine.nproc}; Node.js ${f.machine.node} (\`node --version\`).
- ${machineNote(f)}
- Command: \`npm ci && npm run bench\` (about five minutes, two of them for the index and phrasing classifier of 10,000
  documents; it builds the app into a temporary folder and starts it several times on 127.0.0.1).
- Other workers may share the machine's CPUs: compare builds in alternating runs, not against figures of another day.
${f.typeErrors ? '- Note: the checkout did not type-check when this was measured; tsc still emitted the JavaScript.\n' : ''}
${figuresTable(f)}

## How each figure is measured

- **Questions**: the ${f.questions.count} questions of \`${f.questions.source}\`.
- **Search latency**: \`KnowledgeIndex.search\` from the built app, called exactly as the core calls it for a user
  question (\`src/core/turnReading.ts\`): a FAQ search (\`type: 'faq'\`, the detected language, \`limit: 5\`) and a provider
  search (\`type: 'provider'\`, the target region, \`limit: 9\`: three shown, more searched so a wanted kind can come first). Every call is timed on its own after one warm-up pass;
  ${f.search1000.calls.toLocaleString('en')} calls per folder (${f.search10000.calls.toLocaleString('en')} at 10,000 documents). One user question costs
  both calls: p99 per question was ${ms(f.searchShipped.perQuestionP99Ms)} (shipped), ${ms(f.search1000.perQuestionP99Ms)} (1,000 documents) and
  ${ms(f.search10000.perQuestionP99Ms)} (10,000 documents). Each index is built with its phrasing classifier trained, as
  the app serves once it has trained it.
- **Generated folders** (\`bench/generateKnowledge.ts\`): the shipped folder plus synthetic FAQ pairs (de + en) and
  provider profiles up to the wanted number of documents, recombined from the shipped files' sentences, questions,
  tags, offers and names (one word per sentence swapped for another word of the corpus), with the shipped
  \`topics.yml\` and \`synonyms.yml\`. Every generated file passes the schema; the same seed gives the same folder.
  As the vocabulary is the shipped one, most generated documents name Südwestfalen, Dortmund or the cooperation, so
  the index's posting lists are denser than in a folder about many different subjects: a pessimistic case.
- **Start-up**: median of ${f.startup.runs} fresh \`node\` processes each, wall clock from \`spawn\` on. The index probe
  (\`bench/startupProbe.ts\`) imports the built knowledge modules, loads, validates and indexes the folder; median
  phases: Node start ${ms(p.nodeStartMs)}, module import ${ms(p.importMs)}, load + validate ${ms(p.loadMs)},
  index ${ms(p.indexMs)}; then the phrasing classifier trains (${ms(p.classifierMs)}; not part of the figure: the app
  answers while it trains). The app runs \`node ${f.nodeFlags.join(' ')} dist/src/main.js\` as \`npm run serve\` does (\`LOG_LEVEL=warn\`),
  ${f.startup.runs} times with a fresh DATA_DIR holding only the index snapshot that one earlier start wrote (as after a restart)
  and, alternating with them, ${f.startup.runs} times with a fresh DATA_DIR and \`INDEX_SNAPSHOT=false\` (as the first start after a change);
  \`GET /healthz\` is polled every 5 ms, and as soon as it answers, the first question (\`${firstQuestion.text}\`) is
  posted to \`/api/messages\` (expectReplies); the figure with the target is the moment its answer, which must be about
  the signing (name ${firstQuestion.answerContains} or offer the signing entries), has arrived. The last figure waits until \`/healthz\` reports \`classifier: "ready"\`.
- **Throughput**: each bot is built, started in its own child process with the Node flags of \`npm run serve\`
  (\`${f.nodeFlags.join(' ')}\`; \`LOG_LEVEL=warn\`, temporary DATA_DIR, 127.0.0.1), checked with one question, warmed up for ${f.load.warmupSeconds} s and then loaded by autocannon
  (programmatic API, in the benchmark process) with ${f.load.connections} connections for ${f.load.durationSeconds} s.
  Each connection holds conversations of ${f.load.turnsPerConversation} turns over the question rotation, posting
  Bot Framework message activities with \`deliveryMode: "expectReplies"\`. A turn counts as failed unless the
  answer is a 200 with at least one reply activity. The echo bot (\`bench/echoBot.ts\`) is a bare CloudAdapter
  without app id behind restify's bodyParser that replies with the text; it runs first, then the assistant, never
  both at once. Client and server share the machine's ${f.machine.nproc} CPUs.
- **Search cache**: the questions repeat (${f.questions.count} questions, rotated). The headline run turns the search cache off
  (\`SEARCH_CACHE_SIZE=0\`), so that every turn searches its question anew, as for a question nobody asked before;
  the run with the cache (\`src/core/searchCache.ts\`, on by default) answers most turns from it after the warm-up and
  shows what a repeated question costs. Both runs are checked with the first question before the load.
- **Profiles**: \`npm run bench -- --cpu-prof=DIR\` makes both bots write V8 CPU profiles of their load runs, and the
  app one of each start-up run, into DIR (open them in Chrome DevTools or VS Code); profiling slows the bots, so such a
  run's figures are not comparable. \`--only=startup\` or \`--only=throughput\` (echo bot, uncached and cached assistant)
  measures one part alone and leaves this file as it is. \`tsx bench/profileSummary.ts FILE.cpuprofile
  [--until=respond]\` sums a profile's self and inclusive time per function, file and package (\`--until\`: only the
  samples before the first call of a function, e.g. start-up until the first answer).
- The command exits with 1 when a target is missed or a turn failed.
- **Memory**: the heap limits of \`npm run serve\` (\`--max-semi-space-size\`, \`--max-old-space-size\`) keep V8 from
  growing its heap far beyond the live data under load (the bare echo bot grows from about 100 MB to 230 MB without
  them). VmRSS of the bot's process from \`/proc/PID/status\` right after the load (and once before it, after
  start-up and the first question; the peak is VmHWM).
`;
}

/**
 * Sections of docs/benchmarks.md that `npm run bench` does not write (notes from profiles, by hand), between
 * `<!-- NAME -->` and `<!-- /NAME -->`: kept when the command rewrites the document.
 */
export const keptSectionNames = ['profile-notes'] as const;

/** The section `name` of a benchmarks document, markers included, if any. */
export function sectionOf(document: string, name: string): string | undefined {
  const start = document.indexOf(`<!-- ${name} -->`);
  const endMarker = `<!-- /${name} -->`;
  const end = document.indexOf(endMarker);
  return start >= 0 && end > start ? document.slice(start, end + endMarker.length) : undefined;
}

/** `document` with the kept sections of `previous` appended. */
export function withKeptSections(document: string, previous: string): string {
  const kept = keptSectionNames.map((name) => sectionOf(previous, name)).filter((section): section is string => section !== undefined);
  return kept.length === 0 ? document : `${document.trimEnd()}\n\n${kept.join('\n\n')}\n`;
}
