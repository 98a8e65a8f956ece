/**
 * Two real app processes (`tsx src/main.ts`) on one PostgreSQL database, each with its own port and data folder, as
 * two instances behind a load balancer without sticky sessions would run. A website user's requests land on either;
 * staff use either; one of them is killed with SIGKILL and the other carries on.
 *
 * Runs in the `postgres` project only (several instances need PostgreSQL; see vitest.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { ANSWER_WORD, QUESTION, collect, directLineJs, generateToken, waitFor, type ReceivedActivity } from '../directline/harness.js';
import { STAFF, buttonData, cardText, cardsOf, handoffEnv } from '../handoff/support.js';
import { spawnInstance, type Instance } from '../helpers/instances.js';
import { dropStore, postgresUrl } from '../helpers/testStore.js';

const { DirectLine } = directLineJs;
type Client = InstanceType<typeof DirectLine>;
type Received = ReceivedActivity & { attachments?: { contentType: string; content: unknown }[]; from: { id: string; role?: string; name?: string } };

const de = texts('de').handoff;
const dataDir = mkdtempSync(path.join(tmpdir(), 'two-instances-'));
let databaseUrl: string;
let a: Instance;
let b: Instance;
const clients: Client[] = [];

beforeAll(async () => {
  databaseUrl = await postgresUrl(dataDir);
  const env = handoffEnv({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' });
  // Started together: both run the migrations under the advisory lock; each applies every one at most once.
  [a, b] = await Promise.all([spawnInstance('a', env), spawnInstance('b', env)]);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.end();
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await dropStore(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

function client(instance: Instance, options: { token: string; conversationId?: string; webSocket: boolean; watermark?: string }): Client {
  const dl = new DirectLine({
    domain: `${instance.baseUrl}/v3/directline`,
    pollingInterval: 200,
    timeout: 5000,
    random: () => 0,
    ...options,
  } as ConstructorParameters<typeof DirectLine>[0]);
  clients.push(dl);
  return dl;
}

/** Posts like Web Chat and resolves with the id the server gave the activity. */
function say(dl: Client, activity: { text?: string; value?: unknown }, clientActivityID: string): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({
      type: 'message',
      locale: 'de-DE',
      from: { id: 'page-user', name: 'Clara Kundin', role: 'user' },
      channelData: { clientActivityID },
      ...activity,
    } as Parameters<Client['postActivity']>[0]).subscribe({ next: resolve, error: reject });
  });
}

const fromBot = (x: Received) => x.type === 'message' && x.from.role === 'bot';
const answerTo = (received: Received[], id: string) => () => received.find((x) => fromBot(x) && x.replyToId === id);

async function staff(instance: Instance, method: 'GET' | 'POST', route: string, token: string, body?: unknown) {
  const response = await fetch(`${instance.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A staff console's live event stream on one instance; keeps everything it receives. */
async function events(instance: Instance, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${instance.baseUrl}/api/staff/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(response.status).toBe(200);
  const stream = { text: '', close: () => controller.abort() };
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) stream.text += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted
    }
  })();
  await waitFor(() => stream.text.includes('event: snapshot'), `the snapshot on ${instance.name}`);
  return stream;
}

/** A conversation's logged activities, in order, as a polling client reads them from `instance`. */
async function log(instance: Instance, conversationId: string, token: string): Promise<Received[]> {
  const response = await fetch(`${instance.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: Received[] }).activities;
}

async function logIds(instance: Instance, conversationId: string, token: string): Promise<string[]> {
  return (await log(instance, conversationId, token)).map((x) => x.id!);
}

describe('two instances on one PostgreSQL database', { timeout: 90_000 }, () => {
  it('carry one widget conversation that alternates between them, over WebSocket and polling', async () => {
    // The token comes from A and is accepted by B: the signing secret lives in the shared database.
    const { token, conversationId } = await generateToken(a.baseUrl);
    const onA = client(a, { token, conversationId, webSocket: true });
    const seenOnA = collect(onA as never).received as Received[];
    await waitFor(() => seenOnA.find(fromBot), 'the welcome over the WebSocket on A', 30_000);

    const first = await say(onA, { text: QUESTION }, 'via-a');
    expect((await waitFor(answerTo(seenOnA, first), 'the answer on A', 30_000)).text).toContain(ANSWER_WORD);

    // The same user's next request lands on B (polling): B answers, and A's WebSocket gets B's answer live.
    const onB = client(b, { token, conversationId, webSocket: false });
    const seenOnB = collect(onB as never).received as Received[];
    const second = await say(onB, { text: 'What are the goals of the cooperation?' }, 'via-b');
    const answerFromB = await waitFor(answerTo(seenOnA, second), 'B’s answer on A’s WebSocket', 30_000);
    expect(answerFromB.text).toMatch(/\S/);
    await waitFor(answerTo(seenOnB, second), 'B’s answer by polling B', 30_000);

    // And back to A: the polling client on B reads A's answer from the shared log.
    const third = await say(onA, { text: QUESTION }, 'via-a-again');
    await waitFor(answerTo(seenOnB, third), 'A’s answer by polling B', 30_000);

    // Both clients saw the same log, in the same order, without gaps or doubles.
    const ids = await logIds(b, conversationId, token);
    expect(new Set(ids).size).toBe(ids.length);
    await waitFor(() => seenOnA.filter((x) => x.type === 'message').length >= ids.length, 'every logged message on A');
    const logged = new Set(ids);
    expect(seenOnA.map((x) => x.id).filter((id) => logged.has(id!))).toEqual(ids);
    expect(seenOnB.map((x) => x.id).filter((id) => logged.has(id!))).toEqual(ids);
  });

  it('answer two messages of one conversation that reach both instances at the same moment', async () => {
    const { token, conversationId } = await generateToken(a.baseUrl);
    const onA = client(a, { token, conversationId, webSocket: true });
    const seenOnA = collect(onA as never).received as Received[];
    await waitFor(() => seenOnA.find(fromBot), 'the welcome', 30_000);
    const onB = client(b, { token, conversationId, webSocket: false });
    collect(onB as never);
    // A double click, or a page retrying through the other instance: both turns run at once, on different processes.
    const [first, second] = await Promise.all([
      say(onA, { text: 'Where was the cooperation agreement signed?' }, 'same-time-a'),
      say(onB, { text: 'When and where was the cooperation agreement signed?' }, 'same-time-b'),
    ]);
    expect((await waitFor(answerTo(seenOnA, first), 'the answer to the message via A', 30_000)).text).toContain(ANSWER_WORD);
    expect((await waitFor(answerTo(seenOnA, second), 'the answer to the message via B', 30_000)).text).toContain(ANSWER_WORD);
    // The conversation goes on normally afterwards.
    const third = await say(onB, { text: QUESTION }, 'after-same-time');
    expect((await waitFor(answerTo(seenOnA, third), 'the next answer', 30_000)).text).toContain(ANSWER_WORD);
    // Neither instance logged an error (pino level 50) on the way, such as a failed state write.
    expect(`${a.output()}${b.output()}`).not.toMatch(/"level":(50|60)/);
  });

  it('hand a user over to staff on one instance and let staff answer from the other; of two claims on two instances exactly one wins', async () => {
    const eventsOnA = await events(a, STAFF.berta.token);
    const eventsOnB = await events(b, STAFF.carl.token);

    const { token, conversationId } = await generateToken(b.baseUrl);
    const user = client(b, { token, conversationId, webSocket: true });
    const received = collect(user as never).received as Received[];
    await waitFor(() => received.find(fromBot), 'the welcome', 30_000);
    const ask = await say(user, { text: 'Ich möchte bitte mit einem Mitarbeiter sprechen' }, 'ask');
    const offer = await waitFor(() => received.find((x) => fromBot(x) && x.replyToId === ask && cardsOf(x as never).length > 0), 'the offer', 30_000);
    const confirm = await say(user, { value: buttonData(cardsOf(offer as never)[0], de.offerConfirm) }, 'confirm');
    const queued = await waitFor(answerTo(received, confirm), 'the queued note', 30_000);
    const ticketId = Number(/Nr\. (\d+)/.exec(cardText(cardsOf(queued as never)[0]))?.[1]);
    expect(ticketId).toBeGreaterThan(0);

    // The ticket was created on B; the staff consoles on both instances hear of it.
    const queuedEvent = new RegExp(`event: ticket\\ndata: \\{"id":${ticketId},"state":"queued"`);
    await waitFor(() => queuedEvent.test(eventsOnA.text), 'the new ticket on A’s console');
    await waitFor(() => queuedEvent.test(eventsOnB.text), 'the new ticket on B’s console');

    // Berta claims on A while Carl claims on B, at the same moment: exactly one wins, the other is told it is taken.
    const [bertaClaim, carlClaim] = await Promise.all([
      staff(a, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token),
      staff(b, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.carl.token),
    ]);
    const claims = [bertaClaim, carlClaim];
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = bertaClaim.status === 200 ? { ...STAFF.berta, on: a, other: b } : { ...STAFF.carl, on: b, other: a };
    expect(claims.find((c) => c.status === 200)!.body.claimedBy.name).toBe(winner.name);
    const detail = await staff(winner.other, 'GET', `/api/staff/tickets/${ticketId}`, winner.token);
    expect(detail.body.history.filter((e: { action: string }) => e.action === 'claim')).toHaveLength(1);
    await waitFor(() => received.find((x) => fromBot(x) && x.text === de.claimed(winner.name)), 'the claim notice', 30_000);
    const activeEvent = new RegExp(`event: ticket\\ndata: \\{"id":${ticketId},"state":"active"`);
    await waitFor(() => activeEvent.test(eventsOnA.text) && activeEvent.test(eventsOnB.text), 'the claim on both consoles');

    // The winner writes from the other instance than the one that took the claim; the user (on B) receives it.
    const staffText = 'Guten Tag, worum geht es genau?';
    const sent = await staff(winner.other, 'POST', `/api/staff/tickets/${ticketId}/messages`, winner.token, { text: staffText });
    expect(sent.status).toBe(201);
    await waitFor(() => received.find((x) => fromBot(x) && x.text === `**${winner.name}:** ${staffText}`), 'the staff message', 30_000);

    // The user answers on A this time: the bot stays silent (the handoff state is shared), both consoles see it.
    const userOnA = client(a, { token, conversationId, webSocket: false });
    const reply = await say(userOnA, { text: 'Wir suchen einen Partner für Predictive Maintenance.' }, 'reply');
    const messageEvent = /event: message\ndata: \{"ticketId":\d+,"entry":\{[^\n]*Predictive Maintenance/;
    await waitFor(() => messageEvent.test(eventsOnA.text) && messageEvent.test(eventsOnB.text), 'the user’s reply on both consoles');
    const transcript = await staff(winner.on, 'GET', `/api/staff/tickets/${ticketId}`, winner.token);
    expect(transcript.body.transcript.map((e: { role: string; text: string }) => [e.role, e.text])).toEqual(
      expect.arrayContaining([
        ['staff', staffText],
        ['user', 'Wir suchen einen Partner für Predictive Maintenance.'],
      ]),
    );
    expect(received.some((x) => fromBot(x) && x.replyToId === reply)).toBe(false);
    eventsOnA.close();
    eventsOnB.close();
  });

  it('catch a stream up when an instance lost its database notices for a while', async () => {
    const { token, conversationId } = await generateToken(a.baseUrl);
    const onA = client(a, { token, conversationId, webSocket: true });
    const seenOnA = collect(onA as never).received as Received[];
    await waitFor(() => seenOnA.find(fromBot), 'the welcome', 30_000);
    // The database drops the listening connections (a failover, a network blip): notices sent now are lost.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const dropped = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
      );
      expect(dropped.rowCount).toBeGreaterThanOrEqual(2);
    } finally {
      await admin.end();
    }
    const onB = client(b, { token, conversationId, webSocket: false });
    collect(onB as never);
    const asked = await say(onB, { text: QUESTION }, 'while-deaf');
    // A reconnects, catches its streams up from the log, and its WebSocket client gets B's answer all the same.
    expect((await waitFor(answerTo(seenOnA, asked), 'B’s answer on A after the reconnect', 30_000)).text).toContain(ANSWER_WORD);
  });

  it('lose nothing when one instance is killed with SIGKILL mid-conversation: the other carries on', async () => {
    const { token, conversationId } = await generateToken(a.baseUrl);
    const onA = client(a, { token, conversationId, webSocket: true });
    const seenOnA = collect(onA as never).received as Received[];
    await waitFor(() => seenOnA.find(fromBot), 'the welcome', 30_000);
    const first = await say(onA, { text: QUESTION }, 'before-kill');
    await waitFor(answerTo(seenOnA, first), 'the answer before the kill', 30_000);
    // A second question is posted; its POST resolves once the question and the answer are committed. A dies then.
    const second = await say(onA, { text: 'What are the goals of the cooperation?' }, 'just-before-kill');
    const watermark = (onA as unknown as { watermark: string }).watermark;
    await a.kill('SIGKILL');
    onA.end();
    // The server itself is gone, not only a launcher in front of it.
    await expect(fetch(`${a.baseUrl}/healthz`)).rejects.toThrow();
    const seenBeforeKill = new Set(seenOnA.map((x) => x.id));

    // The page's next request reaches B (no sticky sessions): everything A acknowledged is in the log, in order.
    const logged = await log(b, conversationId, token);
    const ids = logged.map((x) => x.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([first, second]));
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(logged.find((x) => fromBot(x) && x.replyToId === first)?.text).toContain(ANSWER_WORD);
    expect(logged.find((x) => fromBot(x) && x.replyToId === second)?.text).toMatch(/\S/);

    // The client reconnects to B with its watermark: it gets what it missed, nothing twice, and goes on.
    const onB = client(b, { token, conversationId, webSocket: true, watermark });
    const seenOnB = collect(onB as never).received as Received[];
    const third = await say(onB, { text: QUESTION }, 'after-kill');
    expect((await waitFor(answerTo(seenOnB, third), 'the answer from B after the kill', 30_000)).text).toContain(ANSWER_WORD);
    expect(seenOnB.filter((x) => x.type === 'message' && seenBeforeKill.has(x.id))).toEqual([]);
    const seenAll = new Set([...seenBeforeKill, ...seenOnB.map((x) => x.id)]);
    expect(ids.filter((id) => !seenAll.has(id))).toEqual([]);

    // B still serves staff and new conversations alone.
    expect((await staff(b, 'GET', '/api/staff/tickets', STAFF.berta.token)).status).toBe(200);
    expect((await generateToken(b.baseUrl)).token).toEqual(expect.any(String));
  });
});
