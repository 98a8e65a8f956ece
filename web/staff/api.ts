/**
 * The staff API from the browser: JSON calls with the session's Authorization header, and the live event stream
 * read with fetch (EventSource cannot send an Authorization header, and the token must not go into the URL).
 */
import type { Session } from './auth.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StaffApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Reads the event stream until it ends or `signal` aborts; resolves when it ended. */
  events(onEvent: (name: string, data: unknown) => void, signal: AbortSignal): Promise<void>;
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return new ApiError(response.status, body.error?.code ?? 'HTTP_' + response.status, body.error?.message ?? response.statusText);
}

/** Splits a server-sent event stream into events (`event:` name and `data:` JSON). */
async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (name: string, data: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

export function createApi(session: Session): StaffApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: await session.authorization(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    async events(onEvent, signal) {
      const response = await fetch('/api/staff/events', {
        headers: { authorization: await session.authorization(), accept: 'text/event-stream' },
        signal,
      });
      if (!response.ok || !response.body) throw await failure(response);
      await readEventStream(response.body, onEvent);
    },
  };
}
