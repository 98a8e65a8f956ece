/**
 * A local fake of the Bot Connector REST API (the service Teams and Azure Bot Service run at an activity's
 * `serviceUrl`). Tests point `serviceUrl` at it, let the real bot answer, and assert on what the bot posted.
 * It listens on 127.0.0.1 and an ephemeral port, never reaches the network, and answers like the real service
 * with fresh ids, so that `context.sendActivity` / `updateActivity` / `continueConversationAsync` work unchanged.
 *
 * Recorded (see {@link ConnectorCallKind}):
 * - `POST /v3/conversations/:conversationId/activities` → `send` (new message in a conversation)
 * - `POST /v3/conversations/:conversationId/activities/:activityId` → `reply` (reply to an activity; in Teams
 *   channels the conversation id carries `;messageid=<root>` and this is how a reply lands in the thread)
 * - `PUT /v3/conversations/:conversationId/activities/:activityId` → `update` (a card updated in place)
 * - `DELETE /v3/conversations/:conversationId/activities/:activityId` → `delete`
 * - `POST /v3/conversations` → `createConversation` (answers `{ id, activityId, serviceUrl }`)
 * - anything else → `other`, answered with 404 (and recorded, so that a test can see an unexpected call)
 *
 * Path parameters are URL-decoded (`19%3Aabc%40thread.tacv2%3Bmessageid%3D1` → `19:abc@thread.tacv2;messageid=1`).
 *
 * @example
 * const connector = await startFakeConnector();
 * await postActivity(app.baseUrl, { ...teamsActivity, serviceUrl: connector.serviceUrl });
 * const [reply] = connector.messages();
 * expect(reply.body.text).toContain('Arnsberg');
 * await connector.close();
 *
 * Failure injection: `connector.failNext(503)` makes the next recorded call answer with that status (for tests of
 * retries or error handling), after which the fake answers normally again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'other';

/** One request the bot made to the fake connector. */
export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  /** Raw request path, e.g. `/v3/conversations/19%3Aabc%40thread.tacv2/activities`. */
  path: string;
  /** Decoded `:conversationId`, when the path has one. */
  conversationId?: string;
  /** Decoded `:activityId` (reply target or updated activity), when the path has one. */
  activityId?: string;
  /** Parsed JSON body (an activity, or conversation parameters); `undefined` when there was none. */
  // Activities are loose JSON; tests read the fields they need.
  body: any;
  /** The `authorization` header as sent (empty without MicrosoftAppId). */
  authorization: string;
  /** The id the fake answered with (new activity id, the updated id, or the new conversation id). */
  answeredId?: string;
  status: number;
}

export interface FakeConnector {
  /** Base URL to use as `serviceUrl`, with trailing slash like the real service (`http://127.0.0.1:PORT/`). */
  serviceUrl: string;
  /** Every call in arrival order. */
  readonly calls: ConnectorCall[];
  /** Calls that carried a message to users (`send` and `reply`) whose body is a `message` activity. */
  messages(): ConnectorCall[];
  /** Calls of one kind. */
  callsOf(kind: ConnectorCallKind): ConnectorCall[];
  /** Resolves with the first call (already recorded or arriving later) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Answers the next call with `status` (and an error body) instead of success. */
  failNext(status: number): void;
  /** Forgets the recorded calls. */
  clear(): void;
  close(): Promise<void>;
}

const conversationsPath = /^\/v3\/conversations\/?$/;
const activitiesPath = /^\/v3\/conversations\/([^/]+)\/activities\/?$/;
const activityPath = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function classify(method: string, path: string): Pick<ConnectorCall, 'kind' | 'conversationId' | 'activityId'> {
  if (method === 'POST' && conversationsPath.test(path)) return { kind: 'createConversation' };
  const many = activitiesPath.exec(path);
  if (many && method === 'POST') return { kind: 'send', conversationId: decodeURIComponent(many[1]!) };
  const one = activityPath.exec(path);
  if (one) {
    const ids = { conversationId: decodeURIComponent(one[1]!), activityId: decodeURIComponent(one[2]!) };
    if (method === 'POST') return { kind: 'reply', ...ids };
    if (method === 'PUT') return { kind: 'update', ...ids };
    if (method === 'DELETE') return { kind: 'delete', ...ids };
  }
  return { kind: 'other' };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const waiters: { predicate: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void }[] = [];
  let sequence = 0;
  let failStatus: number | undefined;

  const record = (call: ConnectorCall): void => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const target = classify(method, path);
    const call: ConnectorCall = { ...target, method, path, body, authorization: req.headers.authorization ?? '', status: 200 };
    const reply = (status: number, payload: unknown): void => {
      call.status = status;
      record(call);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };

    if (failStatus !== undefined) {
      const status = failStatus;
      failStatus = undefined;
      reply(status, { error: { code: 'ServiceError', message: 'injected failure' } });
      return;
    }
    sequence += 1;
    switch (target.kind) {
      case 'send':
      case 'reply':
        call.answeredId = `activity-${sequence}`;
        reply(200, { id: call.answeredId });
        return;
      case 'update':
        call.answeredId = target.activityId;
        reply(200, { id: call.answeredId });
        return;
      case 'delete':
        reply(200, {});
        return;
      case 'createConversation': {
        call.answeredId = `conversation-${sequence}`;
        const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        reply(201, { id: call.answeredId, activityId: `activity-${sequence}`, serviceUrl });
        return;
      }
      default:
        reply(404, { error: { code: 'NotFound', message: `fake connector does not implement ${method} ${path}` } });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    messages: () =>
      calls.filter((call) => (call.kind === 'send' || call.kind === 'reply') && call.body?.type === 'message'),
    callsOf: (kind) => calls.filter((call) => call.kind === kind),
    waitFor: (predicate, timeoutMs = 5_000) => {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (call: ConnectorCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake connector: no matching call within ${timeoutMs} ms (got ${calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none'})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext: (status) => {
      failStatus = status;
    },
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
