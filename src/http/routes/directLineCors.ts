/**
 * CORS for the Direct Line routes: the widget runs on the agencies' websites and calls this server from there.
 * Allowed origins come from WIDGET_ALLOWED_ORIGINS; this server's own origin (the demo page) is always allowed.
 * A request from any other origin is refused with 403, not merely left without CORS headers, so that a foreign page
 * cannot even start conversations through a visitor's browser.
 */
import type { Request, Response } from 'restify';
import { allowedOrigins, type Config } from '../../config.js';
import { AppError } from '../../errors.js';

/** Headers directlinejs sends (rxjs adds X-Requested-With on its own). */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Requested-With, x-ms-bot-agent';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * The public base URL of this server: PUBLIC_URL, or what the request was sent to.
 *
 * @example
 * publicBase(req, config) // → "https://bot.example.org" or "http://127.0.0.1:3978"
 */
export function publicBase(req: Request, config: Pick<Config, 'PUBLIC_URL'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const scheme = req.isSecure() ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

/** Which web pages may use the Direct Line routes (WIDGET_ALLOWED_ORIGINS plus this server's own origin). */
export class OriginPolicy {
  private readonly allowed: string[] | '*';

  constructor(private readonly config: Config) {
    this.allowed = allowedOrigins(config);
  }

  /** True when a page from `origin` may use the chat. Requests without Origin (not from a browser page) pass. */
  allows(origin: string | undefined, req: Request): boolean {
    if (!origin) return true;
    if (this.allowed === '*') return true;
    if (origin === new URL(publicBase(req, this.config)).origin) return true;
    return this.allowed.includes(origin);
  }

  /** Adds the CORS headers of an allowed origin; throws FORBIDDEN for others. */
  apply(req: Request, res: Response): void {
    const origin = req.header('origin') || undefined;
    res.header('Vary', 'Origin');
    if (!origin) return;
    if (!this.allows(origin, req)) throw new AppError('FORBIDDEN', 'This website may not use the chat.');
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Access-Control-Expose-Headers', 'Retry-After');
  }

  /** Answers a preflight request (OPTIONS) with 204, or 403 for a foreign origin. */
  preflight(req: Request, res: Response): void {
    this.apply(req, res);
    res.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.header('Access-Control-Max-Age', '600');
    res.status(204);
    res.end();
  }
}
