/**
 * End to end with a website user: the official Direct Line client asks for a person, confirms, the ticket card
 * reaches the staff channel (fake Bot Connector), staff claim and write through the console API, the user's answer
 * reaches the ticket's Teams thread and the API transcript, and after "back to the bot" the bot answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, directLineJs, generateToken, ANSWER_WORD, QUESTION, type ReceivedActivity } from '../directline/harness.js';
import { texts } from '../../src/texts.js';
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
  waitFor,
  waitForCardUpdate,
  type FakeConnector,
  type Running,
} from './support.js';

const { DirectLine } = directLineJs;
type Client = InstanceType<typeof DirectLine>;
type Received = ReceivedActivity & { attachments?: { contentType: string; content: unknown }[]; from: { id: string; role?: string; name?: string } };

const de = texts('de').handoff;
const USER_NAME = 'Clara Kundin';

let running: Running;
let connector: FakeConnector;
let dl: Client;
let received: Received[];

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startHandoffApp({ env: staffTeamEnv(connector) });
  const { token } = await generateToken(running.baseUrl);
  dl = new DirectLine({ domain: `${running.baseUrl}/v3/directline`, token, webSocket: true, timeout: 2000 } as ConstructorParameters<
    typeof DirectLine
  >[0]);
  received = collect(dl as never).received as Received[];
});

afterAll(async () => {
  dl?.end();
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
});

/** Sends like Web Chat (text or a card button's value) and resolves with the server's activity id. */
function send(activity: { text?: string; value?: unknown }): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({ type: 'message', locale: 'de-DE', from: { id: 'page-user', name: USER_NAME, role: 'user' }, ...activity } as never).subscribe({
      next: resolve,
      error: reject,
    });
  });
}

const fromBot = (a: Received) => a.type === 'message' && a.from.role === 'bot';

describe('a website user handed over to staff and back', () => {
  it('goes from "Mitarbeiter" to a staff conversation and back to the bot', async () => {
    await waitFor(() => received.find(fromBot), 'the welcome');

    // 1. The user asks for a person: the bot explains what happens and asks to confirm.
    const askId = await send({ text: 'Ich möchte bitte mit einem Mitarbeiter sprechen' });
    const offer = await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === askId && cardsOf(a as never).length > 0), 'the offer');
    const offerCard = cardsOf(offer as never)[0];
    expect(cardText(offerCard)).toContain(de.offerTranscriptNotice);
    expect(cardText(offerCard)).toContain(de.offerOpen); // office hours cover the whole week in this test
    expect(offerCard.actions.map((a: { title: string }) => a.title)).toEqual([de.offerConfirm, de.offerCancel]);
    expect(ticketCardPosts(connector)).toHaveLength(0); // nothing is handed over before the user agrees

    // 2. The user confirms: a ticket is queued and its card reaches the staff channel.
    const confirmId = await send({ value: buttonData(offerCard, de.offerConfirm) });
    const queued = await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === confirmId), 'the queued note');
    expect(cardText(cardsOf(queued as never)[0])).toMatch(/Ihre Anfrage \(Nr\. \d+\) liegt jetzt beim Team/);
    const post = await connector.waitFor((call) => ticketCardPosts(connector).includes(call));
    const cardId = post.answeredId!;
    const staffCard = cardsOf(post.body)[0];
    expect(cardText(staffCard)).toContain(USER_NAME);
    expect(cardText(staffCard)).toContain('Ich möchte bitte mit einem Mitarbeiter sprechen'); // the transcript so far
    expect(cardText(staffCard)).toContain(`${de.fieldWaiting}: ${de.waitingFor(0)}`);
    expect(staffCard.actions.map((a: { title: string }) => a.title)).toEqual([de.claim, de.resolve, de.returnToBot]);

    const list = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
    expect(list.status).toBe(200);
    const ticket = list.body.tickets.find((t: { userName: string }) => t.userName === USER_NAME);
    expect(ticket).toMatchObject({ state: 'queued', channel: 'webchat', reason: 'asked', claimedBy: null });

    // 3. Staff claim in the console: the user is told who took over; the card shows it in place.
    const claim = await staffApi(running, 'POST', `/api/staff/tickets/${ticket.id}/claim`, STAFF.berta.token);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ state: 'active', claimedBy: { name: STAFF.berta.name } });
    await waitFor(() => received.find((a) => fromBot(a) && a.text === de.claimed(STAFF.berta.name)), 'the claim notice');
    const claimedCard = await waitForCardUpdate(connector, cardId, STAFF.berta.name);
    expect(cardText(cardsOf(claimedCard.body)[0])).toContain(de.states.active);

    // 4. Staff write: the text reaches the widget user under the staff member's name.
    const staffText = 'Guten Tag, hier ist Berta Berger. Worum geht es genau?';
    const sent = await staffApi(running, 'POST', `/api/staff/tickets/${ticket.id}/messages`, STAFF.berta.token, { text: staffText });
    expect(sent.status).toBe(201);
    const staffMessage = await waitFor(() => received.find((a) => fromBot(a) && a.text?.includes(staffText)), 'the staff message');
    expect(staffMessage.from.name).toBe(STAFF.berta.name);
    expect(staffMessage.text).toBe(`**${STAFF.berta.name}:** ${staffText}`);

    // 5. The user answers: it appears in the ticket's Teams thread and in the API transcript; the bot stays silent.
    const answerText = 'Wir suchen einen Partner für Predictive Maintenance.';
    const answerId = await send({ text: answerText });
    const relayed = await connector.waitFor((call) => threadMessages(connector, cardId).includes(call) && call.body.text?.includes(answerText));
    expect(relayed.body.text).toBe(de.userSays(USER_NAME, answerText));
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticket.id}`, STAFF.berta.token);
    expect(detail.body.transcript.map((e: { role: string; text: string }) => [e.role, e.text])).toEqual(
      expect.arrayContaining([
        ['user', 'Ich möchte bitte mit einem Mitarbeiter sprechen'],
        ['staff', staffText],
        ['user', answerText],
      ]),
    );
    expect(received.some((a) => fromBot(a) && a.replyToId === answerId)).toBe(false);

    // 6. Back to the bot: the user is told, the card shows it, and the bot answers questions again.
    const back = await staffApi(running, 'POST', `/api/staff/tickets/${ticket.id}/return`, STAFF.berta.token, { note: 'Partner vermittelt' });
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('returned');
    expect(back.body.history.map((e: { action: string; actor: { name: string } }) => [e.action, e.actor.name])).toEqual([
      ['create', USER_NAME],
      ['claim', STAFF.berta.name],
      ['return', STAFF.berta.name],
    ]);
    await waitFor(() => received.find((a) => fromBot(a) && a.text === de.returned), 'the return notice');
    const returnedCard = await waitForCardUpdate(connector, cardId, de.states.returned);
    expect(cardsOf(returnedCard.body)[0].actions ?? []).toEqual([]);

    const questionId = await send({ text: QUESTION });
    const answer = await waitFor(() => received.find((a) => fromBot(a) && a.replyToId === questionId), 'the bot answer');
    expect(answer.text).toContain(ANSWER_WORD);
  });
});
