/**
 * Who is staff, and where staff cards go: forged activities name no staff channel, SSO needs the allow-list, a
 * lifetime and a directory name; an unauthenticated server listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { texts } from '../../src/texts.js';
import { botId, postActivity, staffChannelId, teamsMembersAdded, teamsMessage } from '../teams/teamsActivities.js';
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
} from '../handoff/support.js';

const de = texts('de').handoff;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(env: Record<string, string>): Promise<Running> {
  const running = await startHandoffApp({ env });
  cleanups.push(() => removeDataDir(running.dataDir), () => running.stop());
  return running;
}
async function connector(): Promise<FakeConnector> {
  const c = await startFakeConnector();
  cleanups.push(() => c.close());
  return c;
}

async function queueFromTeams(running: Running, c: FakeConnector, conversationId: string): Promise<void> {
  const say = (message: { text?: string; value?: unknown }) =>
    postActivity(running.baseUrl, teamsMessage({ serviceUrl: c.serviceUrl, where: 'personal', conversationId, ...message }));
  await say({ text: 'Ich möchte mit einem Menschen sprechen' });
  const offer = await c.waitFor((call) => call.conversationId === conversationId && cardText(cardsOf(call.body)[0]).includes(de.offerTitle));
  await say({ value: buttonData(cardsOf(offer.body)[0], de.offerConfirm) });
  await c.waitFor((call) => call.conversationId === conversationId && /Nr\. \d+/.test(cardText(cardsOf(call.body)[0])));
}

describe('forged "bot added to a team" activities (no MicrosoftAppId)', () => {
  it.each([
    ['STAFF_CHANNEL_ID set, no service URL', { STAFF_CHANNEL_ID: staffChannelId }],
    ['no STAFF_CHANNEL_ID at all', {}],
  ])('never make the attacker the staff channel (%s)', async (_name, env: Record<string, string>) => {
    const users = await connector();
    const attacker = await connector();
    const running = await app(env);
    // The attacker installs "the app" in their team, with the configured channel's id or their own, and talks in it.
    for (const conversationId of [staffChannelId, '19:attacker@thread.tacv2']) {
      const installed = teamsMembersAdded({ serviceUrl: attacker.serviceUrl, where: 'team', members: [{ id: botId }], conversationId });
      expect((await postActivity(running.baseUrl, installed)).status).toBeLessThan(500);
    }
    await postActivity(running.baseUrl, teamsMessage({ serviceUrl: attacker.serviceUrl, where: 'channel', mentionBot: true, text: 'Hallo' }));
    await queueFromTeams(running, users, 'a:1victim');
    const open = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
    expect(open.body.tickets).toHaveLength(1);
    // No ticket card, no user name, nothing of what the user wrote reaches the attacker.
    expect(attacker.calls.filter((call) => cardsOf(call.body).length > 0)).toEqual([]);
    expect(JSON.stringify(attacker.calls)).not.toContain('Ich möchte mit einem Menschen sprechen');
  });
});

describe('staff single sign-on', () => {
  const ISSUER = 'https://login.microsoftonline.com/tenant/v2.0';
  const AUDIENCE = 'api://bot.example.org/staff';
  const STAFF_GROUP = '7a1f0000-0000-0000-0000-00000000aaaa';
  let jwks: Server;
  let jwksUrl: string;
  let key: CryptoKey;
  let running: Running;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
    running = await startHandoffApp({
      env: {
        STAFF_SSO_JWKS_URL: jwksUrl,
        STAFF_SSO_ISSUER: ISSUER,
        STAFF_SSO_AUDIENCE: AUDIENCE,
        STAFF_SSO_ALLOWED_GROUPS: STAFF_GROUP,
        STAFF_SSO_ALLOWED_ROLES: 'Staff.Console',
        STAFF_SSO_ALLOWED_USERS: 'oid-listed:Lena Liste',
        STAFF_SSO_CLOCK_SKEW_SECONDS: '30',
      },
    });
  });
  afterAll(async () => {
    await running?.stop();
    if (running) await removeDataDir(running.dataDir);
    await new Promise((resolve) => jwks?.close(resolve));
  });

  function token(claims: Record<string, unknown>, lifetime: { exp?: number | null } = {}) {
    const jwt = new SignJWT({ name: 'Mallory Member', oid: 'oid-mallory', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt();
    if (lifetime.exp !== null) jwt.setExpirationTime(lifetime.exp ?? '10m');
    return jwt.sign(key);
  }
  const me = async (jwt: string) => staffApi(running, 'GET', '/api/staff/me', jwt);

  it('refuses a valid tenant token of someone in no allowed group, role or list with 401', async () => {
    const res = await me(await token({ groups: ['some-other-group'], roles: ['User'] }));
    expect(res.status).toBe(401);
  });

  it('refuses a token without exp, and one expired longer ago than the clock skew', async () => {
    expect((await me(await token({ groups: [STAFF_GROUP] }, { exp: null }))).status).toBe(401);
    expect((await me(await token({ groups: [STAFF_GROUP] }, { exp: Math.floor(Date.now() / 1000) - 120 }))).status).toBe(401);
    // Within the skew it is still accepted.
    expect((await me(await token({ groups: [STAFF_GROUP] }, { exp: Math.floor(Date.now() / 1000) - 5 }))).status).toBe(200);
  });

  it('accepts members of an allowed group or app role, named by the directory claim', async () => {
    expect(await me(await token({ groups: [STAFF_GROUP] }))).toMatchObject({ status: 200, body: { id: 'aad:oid-mallory', name: 'Mallory Member' } });
    expect((await me(await token({ roles: ['Staff.Console'] }))).status).toBe(200);
  });

  it('names a listed user by the allow-list, whatever name the token carries', async () => {
    const res = await me(await token({ oid: 'oid-listed', name: 'Der Chef persönlich' }));
    expect(res).toMatchObject({ status: 200, body: { id: 'aad:oid-listed', name: 'Lena Liste' } });
  });

  it('will not start with SSO but no allow-list', () => {
    expect(() =>
      loadConfig({ STAFF_SSO_JWKS_URL: jwksUrl, STAFF_SSO_ISSUER: ISSUER, STAFF_SSO_AUDIENCE: AUDIENCE }, undefined),
    ).toThrow(ConfigError);
  });
});

describe('where the server listens', () => {
  it('is 127.0.0.1 without an app id unless HOST is set, 0.0.0.0 with one', () => {
    expect(loadConfig({}, undefined).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, undefined).HOST).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }, undefined).HOST).toBe('0.0.0.0');
  });
});
