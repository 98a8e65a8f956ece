/**
 * The configurable parts of the handoff: outside office hours the user is promised a later answer (and the ticket
 * is queued all the same), and with HANDOFF_EVENTS the Bot Framework handoff events reach the conversation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { berlinTime, describeOfficeHours, parseOfficeHours } from '../../src/handoff/officeHours.js';
import { texts } from '../../src/texts.js';
import { collect, directLineJs, generateToken, type ReceivedActivity } from '../directline/harness.js';
import { botId, postActivity, staffChannelId, teamsMembersAdded, teamsMessage } from '../teams/teamsActivities.js';
import {
  STAFF,
  buttonData,
  cardText,
  cardsOf,
  staffTeamEnv,
  removeDataDir,
  staffApi,
  startFakeConnector,
  ticketCardPosts,
  startHandoffApp,
  waitFor,
  type FakeConnector,
  type Running,
} from './support.js';

const de = texts('de').handoff;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(env: Record<string, string>): Promise<Running> {
  const running = await startHandoffApp({ env });
  cleanups.push(() => removeDataDir(running.dataDir));
  cleanups.push(() => running.stop());
  return running;
}

async function fakeConnector(): Promise<FakeConnector> {
  const connector = await startFakeConnector();
  cleanups.push(() => connector.close());
  return connector;
}

/** Office hours on one weekday that is not today in Berlin: closed now, whenever the test runs. */
function closedToday(): string {
  const days = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'];
  const other = days[(berlinTime(new Date()).day + 3) % 7]!;
  return `${other}-${other} 09:00-17:00`;
}

describe('outside office hours', () => {
  it('promises an answer later and still queues the ticket', async () => {
    const hours = closedToday();
    const running = await app({ OFFICE_HOURS: hours });
    const connector = await fakeConnector();
    const conversationId = 'a:1after-hours';
    const say = (message: { text?: string; value?: unknown }) =>
      postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, ...message }));
    const spoken = describeOfficeHours(parseOfficeHours(hours), 'de');

    await say({ text: 'Ich will mit einem Menschen sprechen' });
    const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
    expect(cardText(cardsOf(offer.body)[0])).toContain(de.offerClosed(spoken));
    expect(cardText(cardsOf(offer.body)[0])).not.toContain(de.offerOpen);

    await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
    const queued = await connector.waitFor((call) => /Außerhalb der Bürozeiten/.test(cardText(cardsOf(call.body)[0])));
    expect(cardText(cardsOf(queued.body)[0])).toMatch(new RegExp(`Nr\\. \\d+\\).*\\(${spoken}\\)`));
    const list = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
    expect(list.body.tickets).toHaveLength(1);
    expect(list.body.tickets[0].state).toBe('queued');
  });

  it('lets the user cancel the offer, and nothing is queued', async () => {
    const running = await app({});
    const connector = await fakeConnector();
    const say = (message: { text?: string; value?: unknown }) =>
      postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId: 'a:1cancel', ...message }));
    await say({ text: 'Ich möchte mit einem Menschen sprechen' });
    const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
    await say({ value: buttonData(cardsOf(offer.body)[0], de.offerCancel) });
    await connector.waitFor((call) => call.body?.text === de.offerCancelled);
    expect((await staffApi(running, 'GET', '/api/staff/tickets?state=all', STAFF.berta.token)).body.tickets).toEqual([]);
  });
});

describe('Bot Framework handoff events (HANDOFF_EVENTS=true)', () => {
  it('sends handoff.initiate with the transcript, then handoff.status accepted and completed', async () => {
    const running = await app({ HANDOFF_EVENTS: 'true' });
    const { DirectLine } = directLineJs;
    const { token } = await generateToken(running.baseUrl);
    const dl = new DirectLine({ domain: `${running.baseUrl}/v3/directline`, token, webSocket: true } as ConstructorParameters<typeof DirectLine>[0]);
    cleanups.push(() => dl.end());
    type Event = ReceivedActivity & { name?: string; value?: any; attachments?: { content: any }[] };
    const received = collect(dl as never).received as Event[];
    const send = (activity: { text?: string; value?: unknown }) =>
      new Promise<string>((resolve, reject) =>
        dl.postActivity({ type: 'message', from: { id: 'x', name: 'Olga Offen' }, locale: 'de-DE', ...activity } as never).subscribe({ next: resolve, error: reject }),
      );

    await waitFor(() => received.find((a) => a.type === 'message' && a.from.role === 'bot'), 'the welcome');
    await send({ text: 'Wann wurde die Kooperation unterzeichnet?' });
    await send({ text: 'Kann ich mit einem Mitarbeiter sprechen?' });
    const offer = await waitFor(() => received.find((a) => cardText(cardsOf(a as never)[0]).includes(de.offerTitle)), 'the offer');
    await send({ value: buttonData(cardsOf(offer as never)[0], de.offerConfirm) });

    const initiate = await waitFor(() => received.find((a) => a.type === 'event' && a.name === 'handoff.initiate'), 'handoff.initiate');
    expect(initiate.value).toMatchObject({ reason: 'asked', userName: 'Olga Offen' });
    const transcript = initiate.attachments![0]!.content.activities.map((a: { text: string }) => a.text);
    expect(transcript).toEqual(expect.arrayContaining(['Wann wurde die Kooperation unterzeichnet?', 'Kann ich mit einem Mitarbeiter sprechen?']));

    const ticketId = initiate.value.ticketId as number;
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token);
    const accepted = await waitFor(() => received.find((a) => a.type === 'event' && a.name === 'handoff.status'), 'handoff.status');
    expect(accepted.value).toEqual({ state: 'accepted' });
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.berta.token);
    const completed = await waitFor(
      () => received.find((a) => a.type === 'event' && a.name === 'handoff.status' && a.value?.state === 'completed'),
      'handoff.status completed',
    );
    expect(completed.value.state).toBe('completed');
  });
});

describe('which Teams channel receives ticket cards', () => {
  /** A Teams user queues a ticket; resolves when the user was told it is queued. */
  async function queueFromTeams(running: Running, connector: FakeConnector, conversationId: string): Promise<void> {
    const say = (message: { text?: string; value?: unknown }) =>
      postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, ...message }));
    await say({ text: 'Ich möchte mit einem Menschen sprechen' });
    const offer = await connector.waitFor((call) => call.conversationId === conversationId && cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
    await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
    await connector.waitFor((call) => call.conversationId === conversationId && /Nr\. \d+/.test(cardText(cardsOf(call.body)[0])));
  }

  it('sends ticket cards to the configured channel at the configured service URL, and nowhere else', async () => {
    const connector = await fakeConnector();
    const running = await app(staffTeamEnv(connector));
    // A company installs the app in its own team; that never moves the staff channel.
    const companyTeam = teamsMembersAdded({ serviceUrl: connector.serviceUrl, where: 'team', members: [{ id: botId }], conversationId: '19:firma-general@thread.tacv2' });
    (companyTeam.channelData as { team: { id: string } }).team.id = '19:firma-general@thread.tacv2';
    await postActivity(running.baseUrl, companyTeam);
    await queueFromTeams(running, connector, 'a:1company-later');
    await connector.waitFor((call) => ticketCardPosts(connector, staffChannelId).includes(call));
    expect(ticketCardPosts(connector, '19:firma-general@thread.tacv2')).toHaveLength(0);
  });

  it('lets no unauthenticated activity name the staff channel or where it is reached', async () => {
    const connector = await fakeConnector();
    const attacker = await fakeConnector();
    // Only the channel id is configured; without a Bot Framework registration nothing can vouch for a service URL.
    const running = await app({ STAFF_CHANNEL_ID: staffChannelId });
    await postActivity(
      running.baseUrl,
      teamsMembersAdded({ serviceUrl: attacker.serviceUrl, where: 'team', members: [{ id: botId }], conversationId: staffChannelId }),
    );
    await postActivity(running.baseUrl, teamsMessage({ serviceUrl: attacker.serviceUrl, where: 'channel', mentionBot: true, text: 'Hallo' }));
    await queueFromTeams(running, connector, 'a:1forged-channel');
    const open = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
    expect(open.body.tickets).toHaveLength(1); // in the staff console
    expect(ticketCardPosts(attacker, staffChannelId)).toHaveLength(0);
    expect(attacker.callsOf('send').filter((call) => cardsOf(call.body).length > 0)).toHaveLength(0);
  });
});

describe('what a ticket shows from a team channel', () => {
  it('keeps channel chatter that was not addressed to the bot out of the transcript', async () => {
    const running = await app({});
    const connector = await fakeConnector();
    // No staff team installed here: this channel is a company's channel with the app installed (RSC: it sees all).
    const inThread = (message: { text?: string; value?: unknown; mentionBot?: boolean }) =>
      postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'channel', threadRootId: '1700000009999', ...message }));
    await inThread({ text: 'Interner Plausch über die Gehaltsrunde' });
    await inThread({ text: 'Ich möchte mit einem Menschen sprechen', mentionBot: true });
    const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
    await inThread({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
    await connector.waitFor((call) => /Nr\. \d+/.test(cardText(cardsOf(call.body)[0])));
    const [ticket] = (await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token)).body.tickets;
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticket.id}`, STAFF.berta.token);
    const lines = detail.body.transcript.map((entry: { text: string }) => entry.text);
    expect(lines).toContain('Ich möchte mit einem Menschen sprechen');
    expect(lines.join('\n')).not.toContain('Gehaltsrunde');
    // While the ticket is open, the thread belongs to it: the next message is relayed without a mention.
    await inThread({ text: 'Es geht um Cloud-Telefonie' });
    const after = await staffApi(running, 'GET', `/api/staff/tickets/${ticket.id}`, STAFF.berta.token);
    expect(after.body.transcript.map((entry: { text: string }) => entry.text)).toContain('Es geht um Cloud-Telefonie');
  });
});
