/**
 * End to end with a Teams user (personal chat through the fake Bot Connector) and staff working in Teams: ticket
 * card buttons, replies in the ticket's thread, the card updated in place. Also: a restart in the middle of an
 * active ticket loses nothing, and two staff members claiming at once end with exactly one owner.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_WORD, QUESTION } from '../directline/harness.js';
import { texts } from '../../src/texts.js';
import { anna, ben, postActivity, staffChannelId, teamsMessage } from '../teams/teamsActivities.js';
import {
  STAFF,
  buttonData,
  cardText,
  cardsOf,
  staffTeamEnv,
  removeDataDir,
  staffApi,
  startFakeConnector,
  startHandoffApp,
  threadMessages,
  ticketCardPosts,
  waitForCardUpdate,
  type ConnectorCall,
  type FakeConnector,
  type Running,
} from './support.js';

const de = texts('de').handoff;

let connector: FakeConnector;
let running: Running;

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startHandoffApp({ env: staffTeamEnv(connector) });
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
});

beforeEach(() => connector.clear());

/** A Teams user in a personal chat of their own. */
function personalChat(name: string) {
  const conversationId = `a:1handoff-${name}-${Math.random().toString(36).slice(2)}`;
  const user = { ...anna, id: `29:1${name}`, name };
  const say = async (message: { text?: string; value?: unknown }): Promise<void> => {
    const res = await postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, from: user, ...message }));
    expect(res.status).toBeLessThan(300);
  };
  /** What the bot posted into this chat. */
  const inbox = (): ConnectorCall[] => connector.messages().filter((call) => call.conversationId === conversationId);
  const waitForMessage = (predicate: (call: ConnectorCall) => boolean) =>
    connector.waitFor((call) => call.conversationId === conversationId && call.body?.type === 'message' && predicate(call));
  return { conversationId, user, say, inbox, waitForMessage };
}

/** Asks for a person, confirms, and returns the ticket card post in the staff channel. */
async function escalate(chat: ReturnType<typeof personalChat>, question: string): Promise<{ cardId: string; ticketId: number; card: any }> {
  await chat.say({ text: question });
  await chat.say({ text: 'Kann ich mit einem Menschen sprechen?' });
  const offer = await chat.waitForMessage((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
  await chat.say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
  const post = await connector.waitFor((call) => ticketCardPosts(connector).includes(call) && cardText(cardsOf(call.body)[0]).includes(chat.user.name));
  const card = cardsOf(post.body)[0];
  return { cardId: post.answeredId!, ticketId: Number(buttonData(card, de.claim).ticketId), card };
}

/** Something staff do in the ticket's thread in the staff channel (a card button or a message). */
async function inThread(cardId: string, message: { text?: string; value?: unknown; from: typeof ben }): Promise<void> {
  const activity = teamsMessage({
    serviceUrl: connector.serviceUrl,
    where: 'channel',
    threadRootId: cardId,
    mentionBot: message.text !== undefined,
    ...(message.value !== undefined ? { replyToId: cardId } : {}),
    ...message,
  });
  const res = await postActivity(running.baseUrl, activity);
  expect(res.status).toBeLessThan(300);
}

describe('a Teams user handed over to staff working in Teams', () => {
  it('claims from the card, replies in the thread, relays the user, and hands back to the bot', async () => {
    const chat = personalChat('Dora Digital');
    const { cardId, ticketId, card } = await escalate(chat, 'Gibt es Fördermittel für unser Digitalisierungsprojekt?');
    expect(cardText(card)).toContain('Gibt es Fördermittel für unser Digitalisierungsprojekt?');
    expect(cardText(card)).toContain(de.channels.msteams);

    // Claim with the card's button: acts under the Teams user's name; the card is updated in place, not reposted.
    await inThread(cardId, { value: buttonData(card, de.claim), from: ben });
    await chat.waitForMessage((call) => call.body.text === de.claimed(ben.name));
    const claimed = await waitForCardUpdate(connector, cardId, ben.name);
    expect(claimed.conversationId).toBe(staffChannelId);
    expect(cardsOf(claimed.body)[0].actions.map((a: { title: string }) => a.title)).toEqual([de.resolve, de.returnToBot]);
    expect(ticketCardPosts(connector)).toHaveLength(1); // one post per ticket; every change is an update of it
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token);
    expect(detail.body.claimedBy).toEqual({ id: `aad:${ben.aadObjectId}`, name: ben.name });

    // Staff reply in the thread (with the @mention Teams needs) reaches the user under the staff member's name.
    await inThread(cardId, { text: 'Hallo, hier ist Ben. Für welche Region?', from: ben });
    const staffMessage = await chat.waitForMessage((call) => call.body.text?.includes('Für welche Region?'));
    expect(staffMessage.body.text).toBe(`**${ben.name}:** Hallo, hier ist Ben. Für welche Region?`);
    expect(staffMessage.body.from.name).toBe(ben.name);

    // The user's answer appears in the thread; the bot itself says nothing to the user.
    const before = chat.inbox().length;
    await chat.say({ text: 'Wir sitzen im Märkischen Kreis.' });
    const relayed = await connector.waitFor(
      (call) => threadMessages(connector, cardId).includes(call) && call.body.text === de.userSays(chat.user.name, 'Wir sitzen im Märkischen Kreis.'),
    );
    expect(relayed.body.textFormat).toBe('plain');
    expect(chat.inbox()).toHaveLength(before);

    // A note between colleagues in the thread stays there.
    await inThread(cardId, { text: '// Ben, ruf sie lieber an', from: ben });

    // Another staff member cannot write to the user of a ticket claimed by Ben.
    await inThread(cardId, { text: 'Ich übernehme auch', from: anna });
    await connector.waitFor((call) => threadMessages(connector, cardId).includes(call) && call.body.text === de.claimedByOther(ben.name));
    expect(chat.inbox().some((call) => call.body.text?.includes('Ich übernehme auch'))).toBe(false);
    expect(chat.inbox().some((call) => call.body.text?.includes('ruf sie lieber an'))).toBe(false);

    // Back to the bot with the card's button; the bot answers questions again.
    await inThread(cardId, { value: { action: 'ticketReturn', ticketId }, from: ben });
    await chat.waitForMessage((call) => call.body.text === de.returned);
    await waitForCardUpdate(connector, cardId, de.states.returned);
    await chat.say({ text: QUESTION });
    const answer = await chat.waitForMessage((call) => call.body.text?.includes(ANSWER_WORD));
    expect(answer.body.text).toContain('25. Juni 2018');
  });

  it('ignores staff buttons pressed outside the staff channel', async () => {
    const chat = personalChat('Emil Eifrig');
    const { ticketId } = await escalate(chat, 'Wer berät zu Cloud-Migration?');
    // A user forging a staff button in their own chat gets nothing and changes nothing.
    await chat.say({ value: { action: 'ticketClaim', ticketId } });
    await chat.say({ value: { action: 'ticketResolve', ticketId } });
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token);
    expect(detail.body.state).toBe('queued');
    expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('lets the user withdraw a queued request, after which the bot answers again', async () => {
    const chat = personalChat('Frida Fragend');
    const { cardId, ticketId } = await escalate(chat, 'Wir brauchen Hilfe beim Datenschutz');
    const queued = await chat.waitForMessage((call) =>
      (cardsOf(call.body)[0]?.actions ?? []).some((action: { title: string }) => action.title === de.withdraw),
    );
    // Pressing "connect" on the old offer again queues nothing new.
    const offer = chat.inbox().find((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle))!;
    await chat.say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
    await chat.waitForMessage((call) => call.body.text === de.alreadyOpen(ticketId));
    expect(ticketCardPosts(connector)).toHaveLength(1);
    await chat.say({ value: buttonData(cardsOf(queued.body)[0], de.withdraw) });
    await chat.waitForMessage((call) => call.body.text === de.withdrawn);
    await waitForCardUpdate(connector, cardId, de.states.cancelled);
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token);
    expect(detail.body.state).toBe('cancelled');
    // A stale claim button on the card is refused in the thread.
    await inThread(cardId, { value: { action: 'ticketClaim', ticketId }, from: ben });
    await connector.waitFor((call) => threadMessages(connector, cardId).includes(call) && call.body.text === de.actionRejected);
    await chat.say({ text: QUESTION });
    await chat.waitForMessage((call) => call.body.text?.includes(ANSWER_WORD));
  });

  it('lets exactly one of two staff members claiming at once win', async () => {
    const chat = personalChat('Gerd Gleichzeitig');
    const { ticketId } = await escalate(chat, 'Wir suchen Unterstützung bei KI in der Produktion');
    const [first, second] = await Promise.all([
      staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token),
      staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.carl.token),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.error.code).toBe('INVALID_TRANSITION');
    const winner = first.status === 200 ? STAFF.berta.name : STAFF.carl.name;
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token);
    expect(detail.body.claimedBy.name).toBe(winner);
    expect(detail.body.history.filter((e: { action: string }) => e.action === 'claim')).toHaveLength(1);
    // The user hears about one staff member only.
    await chat.waitForMessage((call) => call.body.text === de.claimed(winner));
    expect(chat.inbox().filter((call) => call.body.text?.includes('hat Ihr Anliegen übernommen'))).toHaveLength(1);
  });
});

describe('a restart in the middle of an active ticket', () => {
  it('keeps the ticket active with its transcript, and the conversation goes on both ways', async () => {
    const chat = personalChat('Hanna Hartnäckig');
    const { cardId, ticketId } = await escalate(chat, 'Wie finde ich eine Hochschule für ein Forschungsprojekt?');
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token);
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/messages`, STAFF.berta.token, { text: 'Welches Fachgebiet?' });
    await chat.say({ text: 'Materialwissenschaften' });
    await connector.waitFor((call) => threadMessages(connector, cardId).includes(call) && call.body.text?.includes('Materialwissenschaften'));
    const before = (await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token)).body;

    await running.stop();
    running = await startHandoffApp({ dataDir: running.dataDir, env: staffTeamEnv(connector) });
    connector.clear();

    const after = (await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token)).body;
    expect(after.state).toBe('active');
    expect(after.claimedBy).toEqual(before.claimedBy);
    expect(after.transcript).toEqual(before.transcript);
    expect(after.history).toEqual(before.history);
    expect(after.transcript.map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining(['Wie finde ich eine Hochschule für ein Forschungsprojekt?', 'Welches Fachgebiet?', 'Materialwissenschaften']),
    );

    // Staff still reach the user, the user still reaches the thread, and the bot stays silent.
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/messages`, STAFF.berta.token, { text: 'Ich schlage die TU Dortmund vor.' });
    await chat.waitForMessage((call) => call.body.text?.includes('Ich schlage die TU Dortmund vor.'));
    await chat.say({ text: 'Danke, das passt.' });
    await connector.waitFor((call) => threadMessages(connector, cardId).includes(call) && call.body.text?.includes('Danke, das passt.'));
    expect(chat.inbox().some((call) => call.body.text === texts('de').thanks)).toBe(false);

    const resolved = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.berta.token, { note: 'TU vermittelt' });
    expect(resolved.body.state).toBe('resolved');
    expect(resolved.body.history.at(-1)).toMatchObject({ action: 'resolve', note: 'TU vermittelt', actor: { name: STAFF.berta.name } });
    await chat.waitForMessage((call) => call.body.text === de.resolved);
    await waitForCardUpdate(connector, cardId, de.states.resolved);
  });
});
