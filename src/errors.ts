/**
 * One table of every error the product reports to a client. HTTP routes throw `AppError`s with a code from here;
 * `src/http/errors.ts` turns them into `{ "error": { "code", "message" } }` with the status below.
 */
export const errorCodes = {
  BAD_REQUEST: { status: 400, message: 'The request is invalid.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  JSON_TOO_DEEP: { status: 400, message: 'The request body is nested too deeply.' },
  INVALID_FIELD: { status: 400, message: 'A field of the request has the wrong type or size.' },
  QUERY_MISSING: { status: 400, message: 'The query parameter q is required.' },
  QUERY_TOO_LONG: { status: 400, message: 'The query parameter q is longer than 500 characters.' },
  UNAUTHORIZED: { status: 401, message: 'Authentication is required.' },
  FORBIDDEN: { status: 403, message: 'This token does not grant access to this resource.' },
  TOKEN_EXPIRED: { status: 403, message: 'The token has expired.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONVERSATION_NOT_FOUND: { status: 404, message: 'Unknown conversation.' },
  PROVIDER_NOT_FOUND: { status: 404, message: 'Unknown provider.' },
  TICKET_NOT_FOUND: { status: 404, message: 'Unknown ticket.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  CONFLICT: { status: 409, message: 'The resource changed in the meantime.' },
  INVALID_TRANSITION: { status: 409, message: 'This action is not possible in the ticket’s current state.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Expected a JSON body.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  OVERLOADED: { status: 503, message: 'The server is busy; try again shortly.' },
  SHUTTING_DOWN: { status: 503, message: 'The server is restarting; try again shortly.' },
  NOT_BUILT: { status: 503, message: 'The staff console has not been built (run npm run build).' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error meant for a client: a stable code, an HTTP status and a message safe to show. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }

  /** restify reads the status from here. */
  get statusCode(): number {
    return this.status;
  }

  /** The JSON body clients see. */
  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
