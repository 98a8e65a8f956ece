/**
 * The staff API's gate and contract: Teams SSO tokens checked against a key set served on 127.0.0.1, staff API
 * tokens, 401 for everything else; validated bodies; the live event stream; staff acting under their own name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { postActivity, teamsMessage } from '../teams/teamsActivities.js';
import {
  STAFF,
  buttonData,
  cardText,
  cardsOf,
  removeDataDir,
  staffApi,
  startFakeConnector,
  startHandoffApp,
  type FakeConnector,
  type Running,
} from './support.js';

const ISSUER = 'https://login.microsoftonline.com/72f988bf-0000-0000-0000-000000000001/v2.0';
const AUDIENCE = 'api://bot.example.org/00000000-0000-0000-0000-0000000b0700';
const de = texts('de').handoff;

let jwksServer: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let connector: FakeConnector;
let running: Running;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = other.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    res.writeHead(req.url === '/keys' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/keys' ? { keys: [jwk] } : {}));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys`;
  connector = await startFakeConnector();
  running = await startHandoffApp({
    env: { STAFF_SSO_JWKS_URL: jwksUrl, STAFF_SSO_ISSUER: ISSUER, STAFF_SSO_AUDIENCE: AUDIENCE, STAFF_SSO_ALLOWED_USERS: 'oid-ida' },
  });
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

/** A token like Teams SSO issues; every claim can be overridden. */
async function ssoToken(options: { key?: CryptoKey; claims?: Record<string, unknown>; audience?: string; issuer?: string; expires?: string | number } = {}) {
  return new SignJWT({ name: 'Ida Intern', preferred_username: 'ida@agentur.example', oid: 'oid-ida', tid: 'tenant', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('sub-ida')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(options.key ?? signingKey);
}

/** A Teams user's ticket, queued through the bot (no staff channel installed: it is only in the console). */
async function queueTicket(name: string): Promise<number> {
  const conversationId = `a:1api-${Math.random().toString(36).slice(2)}`;
  const from = { id: `29:1${name}`, name, aadObjectId: 'x' };
  const say = (message: { text?: string; value?: unknown }) =>
    postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, from, ...message }));
  await say({ text: 'Ich möchte mit einem Menschen sprechen' });
  const offer = await connector.waitFor((call) => call.conversationId === conversationId && cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
  await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
  await connector.waitFor((call) => call.conversationId === conversationId && /Nr\. \d+/.test(cardText(cardsOf(call.body)[0])));
  const list = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
  return list.body.tickets.find((ticket: { userName: string }) => ticket.userName === name).id;
}

describe('staff API authentication', () => {
  const endpoints: ['GET' | 'POST', string][] = [
    ['GET', '/api/staff/me'],
    ['GET', '/api/staff/tickets'],
    ['GET', '/api/staff/tickets/1'],
    ['GET', '/api/staff/events'],
    ['POST', '/api/staff/tickets/1/claim'],
    ['POST', '/api/staff/tickets/1/messages'],
    ['POST', '/api/staff/tickets/1/return'],
    ['POST', '/api/staff/tickets/1/resolve'],
  ];

  it.each(endpoints)('%s %s without credentials → 401 UNAUTHORIZED', async (method, path) => {
    const res = await staffApi(running, method, path, undefined, method === 'POST' ? { text: 'x' } : undefined);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['an unknown staff token', () => Promise.resolve('not-a-staff-token-at-all')],
    ['a token signed with another key', () => ssoToken({ key: otherKey })],
    ['a token for another audience', () => ssoToken({ audience: 'api://someone-else' })],
    ['a token from another issuer', () => ssoToken({ issuer: 'https://login.example.org/evil/v2.0' })],
    ['an expired token', () => ssoToken({ expires: Math.floor(Date.now() / 1000) - 600 })],
    ['a token without a name', () => ssoToken({ claims: { name: undefined, preferred_username: undefined } })],
  ])('rejects %s with 401', async (_name, makeToken) => {
    const res = await staffApi(running, 'GET', '/api/staff/tickets', await makeToken());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('accepts a Teams SSO token and names the staff member from it', async () => {
    const me = await staffApi(running, 'GET', '/api/staff/me', await ssoToken());
    expect(me).toEqual({ status: 200, body: { id: 'aad:oid-ida', name: 'Ida Intern', curator: false } });
    const fallback = await staffApi(running, 'GET', '/api/staff/me', await ssoToken({ claims: { name: undefined } }));
    expect(fallback.body.name).toBe('ida@agentur.example');
  });

  it('accepts a staff API token and acts under its name in the ticket history', async () => {
    const me = await staffApi(running, 'GET', '/api/staff/me', STAFF.carl.token);
    expect(me.body).toEqual({ id: `token:${STAFF.carl.name}`, name: STAFF.carl.name, curator: false });

    const ticketId = await queueTicket('Jana Jung');
    const sso = await ssoToken();
    const claimed = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, sso);
    expect(claimed.status).toBe(200);
    const resolved = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.carl.token, { note: 'erledigt' });
    expect(resolved.body.history.map((e: { action: string; actor: { name: string } }) => `${e.action}:${e.actor.name}`)).toEqual([
      'create:Jana Jung',
      'claim:Ida Intern',
      `resolve:${STAFF.carl.name}`,
    ]);
  });
});

describe('staff API contract', () => {
  it('answers 404 TICKET_NOT_FOUND for unknown tickets and 400 for bad bodies', async () => {
    expect((await staffApi(running, 'GET', '/api/staff/tickets/99999', STAFF.berta.token)).body.error.code).toBe('TICKET_NOT_FOUND');
    expect((await staffApi(running, 'GET', '/api/staff/tickets/abc', STAFF.berta.token)).status).toBe(404);
    const ticketId = await queueTicket('Kai Klar');
    const empty = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/messages`, STAFF.berta.token, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('BAD_REQUEST');
    const tooLong = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.berta.token, { note: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(400);
  });

  it('refuses messages before a claim and transitions that the state does not allow (409 INVALID_TRANSITION)', async () => {
    const ticketId = await queueTicket('Lea Leise');
    const early = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/messages`, STAFF.berta.token, { text: 'Hallo' });
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({ code: 'INVALID_TRANSITION', message: texts('en').handoff.notClaimed });
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token);
    const other = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/messages`, STAFF.carl.token, { text: 'Hallo' });
    expect(other.status).toBe(409);
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.berta.token);
    const again = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.carl.token);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    const closedList = await staffApi(running, 'GET', '/api/staff/tickets?state=closed', STAFF.berta.token);
    expect(closedList.body.tickets.map((t: { id: number }) => t.id)).toContain(ticketId);
    const openList = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
    expect(openList.body.tickets.map((t: { id: number }) => t.id)).not.toContain(ticketId);
  });

  it('streams a snapshot and then ticket changes as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${running.baseUrl}/api/staff/events`, {
      headers: { authorization: `Bearer ${STAFF.berta.token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const readUntil = async (pattern: RegExp): Promise<string> => {
      while (!pattern.test(buffer)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        buffer += decoder.decode(value, { stream: true });
      }
      return buffer;
    };
    await readUntil(/event: snapshot\ndata: \{"tickets":\[/);
    const ticketId = await queueTicket('Mia Munter');
    await readUntil(new RegExp(`event: ticket\\ndata: \\{"id":${ticketId},"state":"queued"`));
    await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/claim`, STAFF.berta.token);
    await readUntil(new RegExp(`event: ticket\\ndata: \\{"id":${ticketId},"state":"active"`));
    controller.abort();
  });
});
