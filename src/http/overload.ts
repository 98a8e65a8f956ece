/**
 * Overload and shutdown at the door of the HTTP server.
 *
 * - The event-loop delay is measured (`perf_hooks.monitorEventLoopDelay`); while its maximum over the last half
 *   second is above `OVERLOAD_EVENT_LOOP_DELAY_MS` with several turns running, or `OVERLOAD_MAX_CONCURRENT_TURNS` turns are already running, a
 *   new turn (a request that runs the bot) gets 503 `OVERLOADED` with `Retry-After`. Direct Line clients retry 5xx
 *   posts; the Bot Connector retries too. Accepted turns keep a bounded latency, and everything else — `/healthz`
 *   above all — stays cheap.
 * - While draining (SIGTERM), every new request gets 503 `SHUTTING_DOWN` with `Connection: close`, and
 *   {@link Admission.drained} resolves once the requests in flight have finished.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Next, Request, Response } from 'restify';
import { AppError } from '../errors.js';

const OVERLOADED_BODY = JSON.stringify(new AppError('OVERLOADED').toJSON());
const OVERLOADED_HEADERS = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(OVERLOADED_BODY)),
  'retry-after': '1',
};

/** How often the event-loop delay window is read and reset. */
const WINDOW_MS = 500;

/**
 * Turns that must be running for a high event-loop delay or an old turn to shed new ones: a stall with few turns in
 * flight (start-up, a knowledge rebuild, a garbage collection, one turn waiting for the Bot Connector) is not
 * overload, and refusing the next turn would not relieve it.
 */
const MIN_TURNS_FOR_SHEDDING = 4;

export interface AdmissionOptions {
  /** Longest event-loop delay (ms) of the last window above which new turns are shed. */
  maxEventLoopDelayMs: number;
  /** Turns in flight above which new turns are shed; 0: no cap. */
  maxConcurrentTurns: number;
  /**
   * Age (ms) of the oldest turn in flight above which new turns are shed (with several turns running): the turns
   * queue up faster than they finish. 0: off.
   */
  maxTurnWaitMs?: number;
  /**
   * Latency (ms) a turn should stay under. A turn that took longer lowers the concurrency limit (down to 4, at most
   * every quarter second); each one faster raises it again, up to `maxConcurrentTurns` (additive increase,
   * multiplicative decrease). So the limit finds what this machine manages in time. 0: a fixed limit.
   */
  targetTurnMs?: number;
  /** Which requests are turns: shed under load. Default: POST /api/messages and Direct Line posts. */
  isTurn?: (req: Request) => boolean;
}

/** POST /api/messages, POST /v3/directline/conversations and …/activities: the requests that run the bot. */
export function isTurnRequest(req: Request): boolean {
  if (req.method !== 'POST') return false;
  const path = (req.url ?? '').split('?')[0]!;
  return path === '/api/messages' || /^\/v3\/directline\/conversations(\/[^/]+\/activities)?\/?$/.test(path);
}

/**
 * Admission control; install with `server.pre(admission.handler)`.
 *
 * @example
 * const admission = new Admission({ maxEventLoopDelayMs: 200, maxConcurrentTurns: 32 });
 * server.pre(admission.handler);
 * // on SIGTERM:
 * admission.startDraining(); await admission.drained(10_000);
 */
export class Admission {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private delayMs = 0;
  private turns = 0;
  /** Turns shed so far. */
  shed = 0;
  /** Start times of the turns in flight, oldest first (a Map keeps insertion order). */
  private readonly turnStarts = new Map<number, number>();
  private nextTurn = 0;
  private requests = 0;
  private draining = false;
  private idle: (() => void)[] = [];
  private readonly isTurn: (req: Request) => boolean;
  /** The concurrency limit now (see {@link AdmissionOptions.targetTurnMs}). */
  private limit: number;
  private lastDecrease = 0;

  constructor(private readonly options: AdmissionOptions) {
    this.isTurn = options.isTurn ?? isTurnRequest;
    this.limit = options.maxConcurrentTurns > 0 ? options.maxConcurrentTurns : Number.POSITIVE_INFINITY;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => {
      // The longest stall of the window: what a request that arrived in it may have waited.
      this.delayMs = this.histogram.max / 1e6;
      this.histogram.reset();
    }, WINDOW_MS);
    this.timer.unref();
  }

  /** The longest event-loop delay of the last window, in ms. */
  get eventLoopDelayMs(): number {
    return this.delayMs;
  }

  /** How many turns may run at once now. */
  get concurrencyLimit(): number {
    return Math.floor(this.limit);
  }

  /** Turns running now. */
  get turnsInFlight(): number {
    return this.turns;
  }

  /** restify `pre` handler. */
  readonly handler = (req: Request, res: Response, next: Next): void => {
    // WebSocket upgrades leave the request cycle at once; the streams are closed by their owner.
    if (req.headers.upgrade) return next();
    if (this.draining) {
      res.setHeader('Connection', 'close');
      return next(new AppError('SHUTTING_DOWN', undefined, { 'Retry-After': '2' }));
    }
    const turn = this.isTurn(req);
    if (turn && this.overloaded()) {
      // Written here, past restify's error handling: under overload the refusal must cost next to nothing.
      this.shed++;
      res.writeHead(503, OVERLOADED_HEADERS);
      res.end(OVERLOADED_BODY);
      return next(false);
    }
    this.requests++;
    const turnId = turn ? this.nextTurn++ : -1;
    if (turn) {
      this.turns++;
      this.turnStarts.set(turnId, performance.now());
    }
    let done = false;
    res.once('close', () => {
      if (done) return;
      done = true;
      this.requests--;
      if (turn) {
        this.turns--;
        const started = this.turnStarts.get(turnId)!;
        this.turnStarts.delete(turnId);
        this.adjustLimit(performance.now() - started);
      }
      if (this.requests === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
    return next();
  };

  private adjustLimit(latencyMs: number): void {
    const { maxConcurrentTurns, targetTurnMs = 0 } = this.options;
    if (maxConcurrentTurns <= 0 || targetTurnMs <= 0) return;
    const now = performance.now();
    if (latencyMs > targetTurnMs) {
      if (now - this.lastDecrease < 250) return;
      this.lastDecrease = now;
      this.limit = Math.max(Math.min(MIN_TURNS_FOR_SHEDDING, maxConcurrentTurns), this.limit * 0.7);
    } else {
      this.limit = Math.min(maxConcurrentTurns, this.limit + 1 / this.limit);
    }
  }

  private overloaded(): boolean {
    const { maxEventLoopDelayMs } = this.options;
    if (this.turns >= Math.floor(this.limit)) return true;
    if (this.turns < MIN_TURNS_FOR_SHEDDING) return false;
    if (this.delayMs > maxEventLoopDelayMs) return true;
    const maxWait = this.options.maxTurnWaitMs ?? 0;
    const oldest = this.turnStarts.values().next().value;
    return maxWait > 0 && oldest !== undefined && performance.now() - oldest > maxWait;
  }

  /** From now on every new request gets 503 `SHUTTING_DOWN`. */
  startDraining(): void {
    this.draining = true;
  }

  /** Resolves when no request is in flight any more, or after `timeoutMs`; true when all finished. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.requests === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Stops measuring. */
  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
