/**
 * The official Direct Line client (botframework-directlinejs, as used inside Web Chat) against the real server:
 * once polling, once over the WebSocket stream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ANSWER_WORD,
  collect,
  directLineJs,
  generateToken,
  QUESTION,
  removeDataDir,
  start,
  waitFor,
  type ReceivedActivity,
  type Running,
} from './harness.js';

const { DirectLine, ConnectionStatus } = directLineJs;

type Client = InstanceType<typeof DirectLine>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(running: Running, options: { token: string; webSocket: boolean; conversationId?: string; watermark?: string }): Client {
  const dl = new DirectLine({
    domain: `${running.baseUrl}/v3/directline`,
    pollingInterval: 200,
    // Short timeouts and no random back-off, so that reconnecting after a restart takes seconds, not minutes.
    timeout: 2000,
    random: () => 0,
    ...options,
  } as ConstructorParameters<typeof DirectLine>[0]);
  cleanups.push(() => dl.end());
  return dl;
}

/** Posts like Web Chat does (with a clientActivityID) and resolves with the id the server gave the activity. */
function say(dl: Client, text: string, clientActivityID: string): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({
      type: 'message',
      text,
      locale: 'de-DE',
      from: { id: 'chosen-by-the-page', role: 'user' },
      channelData: { clientActivityID },
    } as Parameters<Client['postActivity']>[0]).subscribe({ next: resolve, error: reject });
  });
}

const fromBot = (a: ReceivedActivity) => a.type === 'message' && a.from.role === 'bot';

async function startServer(): Promise<Running> {
  const running = await start();
  cleanups.push(() => removeDataDir(running.dataDir));
  cleanups.push(() => running.stop());
  return running;
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('the official Direct Line client over %s', (_mode, webSocket) => {
  it('gets the welcome, sees its own message echoed and gets the answer about the signing in Arnsberg', async () => {
    const running = await startServer();
    const { token, conversationId } = await generateToken(running.baseUrl);
    const dl = client(running, { token, webSocket });
    const { received } = collect(dl);

    const welcome = await waitFor(() => received.find(fromBot), 'the welcome');
    expect(welcome.text).toContain('Willkommen beim **Brückenschlag-Assistenten**');
    expect(dl.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    expect(running.app.directLine.streams.count(conversationId)).toBe(webSocket ? 1 : 0);

    const id = await say(dl, QUESTION, 'client-1');
    expect(id).toEqual(expect.any(String));
    const echo = await waitFor(() => received.find((a) => a.channelData?.clientActivityID === 'client-1'), 'the echo');
    // Web Chat marks a message as sent only when it comes back with the server's id and its clientActivityID.
    expect(echo).toMatchObject({ id, text: QUESTION, from: { role: 'user' } });
    // The user is who the token names, not what the page put into `from`.
    expect(echo.from.id).toMatch(/^dl_/);

    const answer = await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === id), 'the answer');
    expect(answer.text).toContain(ANSWER_WORD);
    expect(answer.text).toContain('25. Juni 2018');
    // Every activity arrives once, in the order the server logged it.
    const ids = received.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.indexOf(id)).toBeLessThan(ids.indexOf(answer.id));
  });
});

describe('reconnecting after a server restart', () => {
  it('a polling client that comes back with its watermark gets only what it missed, with its old token', async () => {
    const first = await start();
    cleanups.push(() => removeDataDir(first.dataDir));
    const { token, conversationId } = await generateToken(first.baseUrl);
    const before = client(first, { token, webSocket: false });
    const seenBefore = collect(before).received;
    await waitFor(() => seenBefore.find(fromBot), 'the welcome');
    const questionId = await say(before, QUESTION, 'before-restart');
    await waitFor(() => seenBefore.find((a) => fromBot(a) && a.replyToId === questionId), 'the answer');
    const watermark = (before as unknown as { watermark: string }).watermark; // what the client keeps; Web Chat stores it
    expect(Number(watermark)).toBeGreaterThanOrEqual(3);
    before.end();
    await first.stop();

    // Same data folder and port; no DIRECTLINE_SECRET, so the token only verifies if the generated secret was kept.
    const second = await start({ dataDir: first.dataDir, port: first.port });
    cleanups.push(() => second.stop());
    const reference = await second.app.directLine.conversationReference(conversationId);
    expect(reference).toBeDefined();
    await second.app.proactive.continueConversation(reference!, async (context) => {
      await context.sendActivity('Frau Berger aus dem Team meldet sich gleich bei Ihnen.');
    });

    const after = client(second, { token, webSocket: false, conversationId, watermark });
    const seenAfter = collect(after).received;
    const missed = await waitFor(() => seenAfter.find((a) => a.text?.includes('Frau Berger')), 'the message sent while away');
    expect(missed.from.role).toBe('bot');
    // Nothing from before the watermark comes again.
    const oldIds = new Set(seenBefore.map((a) => a.id));
    expect(seenAfter.filter((a) => oldIds.has(a.id))).toEqual([]);

    const againId = await say(after, QUESTION, 'after-restart');
    const answer = await waitFor(() => seenAfter.find((a) => fromBot(a) && a.replyToId === againId), 'an answer after the restart');
    expect(answer.text).toContain(ANSWER_WORD);
  });

  it('a WebSocket client stays connected through a restart and receives what was sent while the server was down', async () => {
    const first = await start();
    cleanups.push(() => removeDataDir(first.dataDir));
    const { token, conversationId } = await generateToken(first.baseUrl);
    const dl = client(first, { token, webSocket: true });
    const { received } = collect(dl);
    await waitFor(() => received.find(fromBot), 'the welcome');
    const questionId = await say(dl, QUESTION, 'ws-before');
    await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === questionId), 'the answer');
    const countBefore = received.length;

    await first.stop();
    const second = await start({ dataDir: first.dataDir, port: first.port });
    cleanups.push(() => second.stop());
    // Sent before the client has reconnected: it must come from the log, after the client's watermark.
    await second.app.proactive.continueConversation((await second.app.directLine.conversationReference(conversationId))!, async (context) => {
      await context.sendActivity('Willkommen zurück – hier ist das Team der Agenturen.');
    });

    const missed = await waitFor(() => received.find((a) => a.text?.startsWith('Willkommen zurück')), 'the missed message', 20_000);
    expect(missed.from.role).toBe('bot');
    expect(received.length).toBe(countBefore + 1);
    expect(second.app.directLine.streams.count(conversationId)).toBe(1);

    const againId = await say(dl, QUESTION, 'ws-after');
    const answer = await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === againId), 'an answer after the restart');
    expect(answer.text).toContain(ANSWER_WORD);
    const ids = received.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 45_000);
});
