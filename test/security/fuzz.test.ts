/**
 * Property-based fuzz of the HTTP edge: fast-check generates requests to /api/messages, /v3/directline/* and
 * /api/staff/* — wrong methods, content types, encodings, credentials, ids and bodies of every shape — and none may
 * get a 5xx or break the connection; the server must answer afterwards.
 *
 * FUZZ_RUNS sets the number of requests (default 2,000); the count is printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF } from '../handoff/support.js';
import { fixtureKnowledgeDir, startApp, type RunningApp } from '../helpers/app.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let running: RunningApp;
let conversation: { conversationId: string; token: string };

beforeAll(async () => {
  running = await startApp({
    knowledgeDir: fixtureKnowledgeDir,
    env: {
      STAFF_API_TOKENS: `${STAFF.berta.name}:${STAFF.berta.token}`,
      OFFICE_HOURS: 'Mo-So 00:00-24:00',
      MESSAGES_RATE_PER_MINUTE: '1000000',
      DIRECTLINE_MESSAGE_RATE_PER_MINUTE: '1000000',
      DIRECTLINE_RECONNECT_RATE_PER_MINUTE: '1000000',
      DIRECTLINE_TOKEN_RATE_PER_MINUTE: '1000000',
      STAFF_LOGIN_FAILURES_PER_15_MINUTES: '1000000',
    },
  });
  const res = await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  conversation = (await res.json()) as typeof conversation;
});
afterAll(async () => {
  await running?.close();
});

/** Values of every JSON type, small and odd ones included. */
const value = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', ' ', '\u0000', 'message', 'invoke', 'event', 'typing', 'conversationUpdate'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** An activity-like object: the right fields with any values, the right values in the wrong places. */
const activity = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'invoke', 'event', 'conversationUpdate', 'typing', 'installationUpdate', 'messageReaction'), value),
    text: fc.oneof(fc.string({ maxLength: 300 }), value),
    channelId: fc.oneof(fc.constantFrom('emulator', 'msteams', 'webchat', 'directline'), value),
    // Only unreachable local addresses: a fuzzer must not send replies into the network.
    serviceUrl: fc.oneof(fc.constantFrom('http://127.0.0.1:9', 'http://127.0.0.1:9/', 'ftp://127.0.0.1', 'urn:x'), fc.constantFrom(5, null, [], {})),
    deliveryMode: fc.oneof(fc.constant('expectReplies'), value),
    locale: fc.oneof(fc.constantFrom('de-DE', 'en-US', 'xx', '', 'de_DE'), value),
    from: fc.oneof(fc.record({ id: value, name: value, aadObjectId: maybe(value), role: maybe(value) }, { requiredKeys: [] }), value),
    recipient: fc.oneof(fc.record({ id: value, name: value }, { requiredKeys: [] }), value),
    conversation: fc.oneof(fc.record({ id: fc.oneof(fc.constantFrom('fuzz-1', 'fuzz-2', '19:x@thread.tacv2'), value), conversationType: maybe(value), isGroup: maybe(value) }, { requiredKeys: [] }), value),
    value: fc.oneof(value, fc.record({ action: value, kind: value, id: value }, { requiredKeys: [] })),
    name: value,
    id: value,
    replyToId: value,
    channelData: fc.oneof(value, fc.record({ tenant: fc.record({ id: value }), team: fc.record({ id: value }), clientActivityID: value }, { requiredKeys: [] })),
    attachments: fc.oneof(value, fc.array(fc.record({ contentType: value, content: value }, { requiredKeys: [] }), { maxLength: 2 })),
    entities: fc.oneof(value, fc.array(fc.dictionary(fc.string({ maxLength: 5 }), value, { maxKeys: 3 }), { maxLength: 2 })),
    membersAdded: fc.oneof(value, fc.array(fc.record({ id: value, name: value }, { requiredKeys: [] }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  { weight: 6, arbitrary: activity.map((a) => JSON.stringify(a)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON;charset=UTF-8',
  'application/activity+json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  '',
);

const id = fc.oneof(
  fc.constant('CONVERSATION'),
  fc.constantFrom('1', '0', '-1', '99999999999999999999', 'abc', '%00', '..', '%2e%2e', 'ä'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
);

/** Routes with the method they answer to; one request in eight uses some other method. */
type Route = readonly [string, string];
const route: fc.Arbitrary<Route> = fc.oneof<(fc.Arbitrary<Route> | fc.WeightedArbitrary<Route>)[]>(
  { weight: 6, arbitrary: fc.constant(['POST', '/api/messages'] as const) },
  fc.constantFrom(['POST', '/v3/directline/tokens/generate'] as const, ['POST', '/v3/directline/tokens/refresh'] as const, ['POST', '/v3/directline/conversations'] as const),
  id.map((c) => ['GET', `/v3/directline/conversations/${c}`] as const),
  { weight: 4, arbitrary: id.map((c) => ['POST', `/v3/directline/conversations/${c}/activities`] as const) },
  fc
    .tuple(id, fc.constantFrom('', '0', '5', 'abc', '-3', 'null'))
    .map(([c, w]) => ['GET', `/v3/directline/conversations/${c}/activities?watermark=${w}`] as const),
  fc.constantFrom(
    ['GET', '/api/staff/me'] as const,
    ['GET', '/api/staff/tickets'] as const,
    ['GET', '/api/staff/tickets?state=all'] as const,
    ['GET', '/api/staff/tickets?state=bogus'] as const,
  ),
  id.map((t) => ['GET', `/api/staff/tickets/${t}`] as const),
  { weight: 2, arbitrary: fc.tuple(id, fc.constantFrom('/claim', '/messages', '/return', '/resolve')).map(([t, action]) => ['POST', `/api/staff/tickets/${t}${action}`] as const) },
);

const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constant('DIRECTLINE'),
  fc.constant(`Bearer ${STAFF.berta.token}`),
  fc.constantFrom('Bearer ', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJub25lIn0.eyJjb252IjoieCJ9.'),
  fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
);

const request = fc
  .record({
    route,
    otherMethod: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')),
    contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, contentType),
    encoding: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, fc.constantFrom('gzip', 'br', 'identity')),
    authorization,
    body,
  })
  .map(({ route: [method, path], otherMethod, ...rest }) => ({ method: otherMethod ?? method, path, ...rest }));

describe('fuzzing the HTTP edge', () => {
  it(`answers ${RUNS} generated requests without a 5xx and keeps answering`, async () => {
    const statuses = new Map<number, number>();
    let count = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const url = `${running.baseUrl}${r.path.replace('CONVERSATION', conversation.conversationId)}`;
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.encoding) headers['content-encoding'] = r.encoding;
        if (r.authorization) headers.authorization = r.authorization === 'DIRECTLINE' ? `Bearer ${conversation.token}` : r.authorization;
        const hasBody = r.method !== 'GET' && r.body !== undefined;
        const res = await fetch(url, { method: r.method, headers, ...(hasBody ? { body: r.body } : {}) });
        await res.arrayBuffer();
        count++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${r.method} ${r.path} → ${res.status}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    const health = await fetch(`${running.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    console.log(`fuzz: ${count} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
