/**
 * The one place where errors become HTTP responses: `{ "error": { "code", "message" } }`.
 * Client errors (4xx) show their message; server errors (5xx) show a generic text and are logged.
 */
import type { Request, Response, Server } from 'restify';
import { AppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/** restify's own error names mapped to our codes. */
const restifyErrorCodes: Record<string, ErrorCode> = {
  PayloadTooLargeError: 'PAYLOAD_TOO_LARGE',
  RequestEntityTooLargeError: 'PAYLOAD_TOO_LARGE',
  InvalidContentError: 'INVALID_JSON',
  BadRequestError: 'BAD_REQUEST',
  ResourceNotFoundError: 'NOT_FOUND',
  MethodNotAllowedError: 'METHOD_NOT_ALLOWED',
  UnsupportedMediaTypeError: 'UNSUPPORTED_MEDIA_TYPE',
  TooManyRequestsError: 'RATE_LIMITED',
  UnauthorizedError: 'UNAUTHORIZED',
  ForbiddenError: 'FORBIDDEN',
};

/** The AppError that an arbitrary error stands for. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as { name?: string; statusCode?: number; body?: { code?: string } };
  const code = (err.name && restifyErrorCodes[err.name]) || (err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : undefined);
  if (code) return new AppError(code);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL');
}

export function installErrorHandler(server: Server, logger: Logger): void {
  server.on('restifyError', (req: Request, res: Response, error: Error & Record<string, unknown>, callback: () => void) => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, requestId: req.id() }, 'request failed');
    // restify serialises the error itself; give it our status and body. Defined, not assigned: an AppError's
    // statusCode is a getter, and assigning to it would throw inside restify's error path and end the process.
    Object.defineProperty(error, 'statusCode', { value: appError.status, configurable: true, writable: true });
    // The body is computed first: when `error` is the AppError itself, a toJSON that called appError.toJSON() would
    // call itself.
    const body = appError.toJSON();
    Object.defineProperty(error, 'toJSON', { value: () => body, configurable: true, writable: true });
    for (const [name, value] of Object.entries(appError.headers)) res.header(name, value);
    callback();
  });
}
