/**
 * The request body reader of every route: JSON only, read into memory up to `MAX_BODY_BYTES`, never to disk.
 *
 * - A body with a media type other than `application/json` (any parameters, e.g. `; charset=utf-8`, and
 *   `application/*+json`) gets 415: no multipart, no forms, no uploads.
 * - A body with a `Content-Encoding` other than `identity` gets 415: Bot Framework and Direct Line clients do not
 *   compress requests, and refusing is cheaper than inflating with a cap.
 * - A body longer than `MAX_BODY_BYTES` gets 413, told by `Content-Length` or counted while reading.
 * - JSON nested deeper than {@link MAX_JSON_DEPTH} gets 400 `JSON_TOO_DEEP` before it is parsed, so that no parser,
 *   schema or library recurses into it.
 *
 * The parsed value is `req.body`; an empty body leaves it `undefined`.
 */
import type { Request, Response, Next } from 'restify';
import { AppError } from '../errors.js';

/** Deepest nesting of objects and arrays accepted; activities from Teams and Web Chat nest far less. */
export const MAX_JSON_DEPTH = 64;

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for `application/json` and `application/<something>+json`, with any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * The deepest nesting of `text` as JSON, counted over brackets outside strings; stops counting past `limit`.
 * Linear and without recursion.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/** Reads the raw body, at most `maxBytes`; rejects with PAYLOAD_TOO_LARGE past it (and stops reading). */
function readLimited(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Nothing more is read: the rest of the body is dropped with the connection after the answer.
        req.pause();
        finish(new AppError('PAYLOAD_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: unknown) => finish(error);
    const onAborted = () => finish(new AppError('BAD_REQUEST', 'The request was aborted.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * restify middleware: reads and parses the JSON body (see the module comment).
 *
 * @example
 * server.use(jsonBodyReader({ maxBytes: config.MAX_BODY_BYTES }));
 */
export function jsonBodyReader(options: { maxBytes: number; maxDepth?: number }) {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const read = async (req: Request, res: Response, next: Next): Promise<void> => {
    try {
      if (!methodsWithBody.has(req.method ?? '')) return next();
      const declared = req.headers['content-length'];
      const chunked = /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''));
      if (!chunked && (declared === undefined || declared === '0')) return next();
      const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      if (encoding !== '' && encoding !== 'identity') {
        refuseRest(res);
        return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Compressed request bodies are not accepted.'));
      }
      if (declared !== undefined && Number(declared) > options.maxBytes) {
        refuseRest(res);
        return next(new AppError('PAYLOAD_TOO_LARGE'));
      }
      if (!isJsonMediaType(req.headers['content-type'])) {
        refuseRest(res);
        return next(new AppError('UNSUPPORTED_MEDIA_TYPE'));
      }
      let raw: Buffer;
      try {
        raw = await readLimited(req, options.maxBytes);
      } catch (error) {
        refuseRest(res);
        return next(error);
      }
      const text = raw.toString('utf8').replace(/^\uFEFF/, '');
      if (text.trim() === '') return next();
      if (jsonDepth(text, maxDepth) > maxDepth) return next(new AppError('JSON_TOO_DEEP'));
      try {
        req.body = JSON.parse(text) as unknown;
      } catch {
        return next(new AppError('INVALID_JSON'));
      }
      return next();
    } catch (error) {
      return next(error);
    }
  };
  // restify refuses async handlers that take `next`.
  return (req: Request, res: Response, next: Next): void => void read(req, res, next);
}

/** The body is not read: the connection closes after the answer, so that its unread rest cannot pose as a request. */
function refuseRest(res: Response): void {
  res.setHeader('Connection', 'close');
}
