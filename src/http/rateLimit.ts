/**
 * Rate limits of the HTTP edge, all on `rate-limiter-flexible`'s in-memory limiter: each instance counts on its own,
 * so behind a load balancer with n instances a client gets up to n times the limit (docs/security.md).
 * A refused request gets 429 `RATE_LIMITED` with `Retry-After` in seconds.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Request } from 'restify';
import { AppError } from '../errors.js';

function rateLimited(rejection: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError('RATE_LIMITED', undefined, { 'Retry-After': String(seconds) });
}

/** The client's address as the socket sees it (no proxy header is trusted). */
export function clientAddress(req: Request): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

/**
 * At most `points` requests per key and `seconds`.
 *
 * @example
 * const perConversation = new RequestLimiter(60, 60);
 * await perConversation.consume(conversationId); // throws 429 past the limit
 */
export class RequestLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(points: number, seconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** Counts one request of `key`; throws 429 when it is one too many. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(rejection);
      throw rejection;
    }
  }
}

/**
 * Failed logins per key (the client address): after `points` failures within `seconds`, every login attempt of
 * that key gets 429 until the window has passed, right or wrong, so that guessing costs time.
 */
export class FailedLoginLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(private readonly points: number, seconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** Runs `attempt`; an `UNAUTHORIZED` failure counts against `key`. */
  async guard<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.points) throw rateLimited(state);
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
        await this.limiter.penalty(key, 1);
      }
      throw error;
    }
  }
}
