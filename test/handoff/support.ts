/**
 * Helpers for the handoff tests: the real application (restartable on the same data folder, from the Direct Line
 * harness), the fake Bot Connector as the Teams side, a staff team installing the app, and the staff API.
 */
import type { Activity, Attachment } from 'botbuilder';
import { expect } from 'vitest';
import { removeDataDir, start, waitFor, type Running, type StartOptions } from '../directline/harness.js';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector.js';
import { staffChannelId } from '../teams/teamsActivities.js';

export { removeDataDir, start, waitFor, type Running };

/** Staff API tokens of the tests ("name:token"). */
export const STAFF = {
  berta: { name: 'Berta Berger', token: 'berta-token-0123456789' },
  carl: { name: 'Carl Conrad', token: 'carl-token-0123456789' },
} as const;

/** Environment of a handoff test app: always within office hours, two staff tokens. */
export function handoffEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    OFFICE_HOURS: 'Mo-So 00:00-24:00',
    STAFF_API_TOKENS: `${STAFF.berta.name}:${STAFF.berta.token},${STAFF.carl.name}:${STAFF.carl.token}`,
    ...extra,
  };
}

export async function startHandoffApp(options: StartOptions = {}): Promise<Running> {
  return start({ ...options, env: handoffEnv(options.env) });
}

/**
 * The configuration of the staff team in Teams: its channel, reached at the fake Bot Connector. Only configuration
 * names the staff channel (an unauthenticated activity cannot, see test/handoff/handoffOptions.test.ts).
 */
export function staffTeamEnv(connector: FakeConnector, channelId = staffChannelId): Record<string, string> {
  return { STAFF_CHANNEL_ID: channelId, STAFF_SERVICE_URL: connector.serviceUrl };
}

/** Calls the staff API; `token` undefined sends no Authorization header. */
export async function staffApi(
  running: Running,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Adaptive Card contents of an activity (as received or as posted to the connector). */
export function cardsOf(activity: { attachments?: Attachment[] } | undefined): any[] {
  return (activity?.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as any);
}

/** The `data` of the card button titled `title`. */
export function buttonData(card: any, title: string): Record<string, unknown> {
  const action = (card.actions ?? []).find((a: any) => a.title === title);
  if (!action) throw new Error(`no button "${title}" on the card (has ${(card.actions ?? []).map((a: any) => a.title).join(', ')})`);
  return action.data as Record<string, unknown>;
}

/** Every text in a card (TextBlocks, TextRuns, facts), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      if (typeof record.title === 'string' && typeof record.value === 'string') out.push(`${record.title}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The ticket card posted as a new post into the staff channel. */
export function ticketCardPosts(connector: FakeConnector, channelId = staffChannelId): ConnectorCall[] {
  return connector.callsOf('send').filter((call) => call.conversationId === channelId && cardsOf(call.body).length > 0);
}

/** Messages the bot posted into a ticket's thread. */
export function threadMessages(connector: FakeConnector, cardId: string, channelId = staffChannelId): ConnectorCall[] {
  const thread = `${channelId};messageid=${cardId}`;
  return connector.messages().filter((call) => call.conversationId === thread);
}

/** Waits for the last update of a card that shows `text`. */
export function waitForCardUpdate(connector: FakeConnector, cardId: string, text: string): Promise<ConnectorCall> {
  return connector.waitFor((call) => call.kind === 'update' && call.activityId === cardId && cardText(cardsOf(call.body)[0]).includes(text));
}

export { startFakeConnector, type FakeConnector, type ConnectorCall, type Activity };
