/**
 * Who is calling the staff API: a Teams SSO token (a JWT from Entra ID, checked against the configured JWKS,
 * issuer and audience) or a staff API token from `STAFF_API_TOKENS`. Anything else is `AppError('UNAUTHORIZED')`.
 *
 * API tokens are kept only as SHA-256 hashes and compared in constant time, so neither a memory dump nor response
 * timing gives them away.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { createRemoteJWKSet as CreateRemoteJWKSet, jwtVerify as JwtVerify, JWTPayload } from 'jose';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { StaffMember } from './ticketStateMachine.js';

/** `jose` is loaded on the first SSO sign-in, not at start-up (API tokens and the bot's turns do not need it). */
const jwtVerify: typeof JwtVerify = (async (...args: Parameters<typeof JwtVerify>) =>
  (await import('jose')).jwtVerify(...args)) as typeof JwtVerify;
/** A key set like jose's `createRemoteJWKSet`, created when it is first asked for a key. */
const createRemoteJWKSet = (...args: Parameters<typeof CreateRemoteJWKSet>) => {
  let keys: ReturnType<typeof CreateRemoteJWKSet> | undefined;
  return async (...keyArgs: Parameters<ReturnType<typeof CreateRemoteJWKSet>>) =>
    (keys ??= (await import('jose')).createRemoteJWKSet(...args))(...keyArgs);
};

/** Signature algorithms Entra ID uses for access tokens. */
const SSO_ALGORITHMS = ['RS256'];

interface HashedToken {
  name: string;
  hash: Buffer;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Parses `STAFF_API_TOKENS` ("Anna Schmidt:s3cret,Ben:t0ken") into names and token hashes.
 * The name ends at the first colon, so tokens may contain colons.
 */
export function parseStaffTokens(spec: string | undefined): HashedToken[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.indexOf(':');
      const name = colon > 0 ? pair.slice(0, colon).trim() : '';
      const token = colon > 0 ? pair.slice(colon + 1).trim() : '';
      if (!name || token.length < 8) throw new Error('STAFF_API_TOKENS: expected "name:token" pairs with tokens of 8+ characters');
      return { name, hash: sha256(token) };
    });
}

/** Comma-separated config values (several issuers or audiences). */
const list = (value: string | undefined): string[] | undefined =>
  value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined;

/** An authenticated staff member, and whether they may change the knowledge (curate). */
export interface StaffIdentity extends StaffMember {
  curator: boolean;
}

export type StaffAuthenticator = (authorizationHeader: string | undefined) => Promise<StaffIdentity>;

/**
 * Builds the authenticator from the config. SSO is on when `STAFF_SSO_JWKS_URL`, `STAFF_SSO_ISSUER` and
 * `STAFF_SSO_AUDIENCE` are all set; the key set is fetched on first use and cached by `jose`.
 *
 * @example
 * const authenticate = createStaffAuthenticator(config);
 * const staff = await authenticate(req.header('authorization')); // { id: 'token:Anna', name: 'Anna' }
 */
export function createStaffAuthenticator(
  config: Pick<
    Config,
    'STAFF_API_TOKENS' | 'STAFF_SSO_JWKS_URL' | 'STAFF_SSO_ISSUER' | 'STAFF_SSO_AUDIENCE' | 'STAFF_CURATORS'
  > &
    Partial<Pick<Config, 'STAFF_SSO_ALLOWED_GROUPS' | 'STAFF_SSO_ALLOWED_ROLES' | 'STAFF_SSO_ALLOWED_USERS' | 'STAFF_SSO_CLOCK_SKEW_SECONDS'>>,
): StaffAuthenticator {
  const tokens = parseStaffTokens(config.STAFF_API_TOKENS);
  const curators = new Set(list(config.STAFF_CURATORS) ?? []);
  const allowed = parseAllowList(config);
  const clockTolerance = config.STAFF_SSO_CLOCK_SKEW_SECONDS ?? 60;
  const sso =
    config.STAFF_SSO_JWKS_URL && config.STAFF_SSO_ISSUER && config.STAFF_SSO_AUDIENCE
      ? {
          keys: createRemoteJWKSet(new URL(config.STAFF_SSO_JWKS_URL), { timeoutDuration: 5000 }),
          issuer: list(config.STAFF_SSO_ISSUER)!,
          audience: list(config.STAFF_SSO_AUDIENCE)!,
        }
      : undefined;

  function byApiToken(token: string): StaffMember | undefined {
    const hash = sha256(token);
    let found: HashedToken | undefined;
    // Compare with every entry, so that the time taken does not tell which one matched.
    for (const entry of tokens) if (timingSafeEqual(entry.hash, hash) && !found) found = entry;
    return found ? { id: `token:${found.name}`, name: found.name } : undefined;
  }

  async function bySso(token: string): Promise<StaffMember | undefined> {
    if (!sso) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, sso.keys, {
        issuer: sso.issuer,
        audience: sso.audience,
        algorithms: SSO_ALGORITHMS,
        // A token without a lifetime would be valid for ever.
        requiredClaims: ['exp'],
        clockTolerance,
      }));
    } catch {
      return undefined;
    }
    const claims = payload as JWTPayload & { name?: unknown; preferred_username?: unknown; oid?: unknown };
    const id = typeof claims.oid === 'string' ? claims.oid : payload.sub;
    if (!id) return undefined;
    const listedName = allowed.users.get(id);
    if (listedName === undefined && !memberOfAllowed(payload, allowed)) return undefined;
    // The name the allow-list gives, else Entra's directory claims (name, then the sign-in name).
    const name =
      listedName ||
      [claims.name, claims.preferred_username].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (!name) return undefined;
    // Same id scheme as Teams card actions (from.aadObjectId), so a claim in Teams and the console is one person.
    return { id: `aad:${id}`, name: name.trim().slice(0, 200) };
  }

  return async (header) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) throw new AppError('UNAUTHORIZED');
    const token = match[1]!;
    const looksLikeJwt = token.split('.').length === 3;
    const staff = byApiToken(token) ?? (looksLikeJwt ? await bySso(token) : undefined);
    if (!staff) throw new AppError('UNAUTHORIZED', 'Invalid or expired staff credentials.');
    return { ...staff, curator: curators.has(staff.id) };
  };
}

/** Who may log in with SSO: group ids, app roles, and users (object id → display name, '' when none is given). */
interface AllowList {
  groups: Set<string>;
  roles: Set<string>;
  users: Map<string, string>;
}

function parseAllowList(
  config: Partial<Pick<Config, 'STAFF_SSO_ALLOWED_GROUPS' | 'STAFF_SSO_ALLOWED_ROLES' | 'STAFF_SSO_ALLOWED_USERS'>>,
): AllowList {
  const users = new Map<string, string>();
  for (const entry of list(config.STAFF_SSO_ALLOWED_USERS) ?? []) {
    const colon = entry.indexOf(':');
    if (colon < 0) users.set(entry, '');
    else users.set(entry.slice(0, colon).trim(), entry.slice(colon + 1).trim());
  }
  return { groups: new Set(list(config.STAFF_SSO_ALLOWED_GROUPS)), roles: new Set(list(config.STAFF_SSO_ALLOWED_ROLES)), users };
}

/** True when the token's `groups` or `roles` claim names an allowed group or app role. */
function memberOfAllowed(payload: JWTPayload, allowed: AllowList): boolean {
  const values = (claim: unknown): string[] => (Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : []);
  return values(payload.groups).some((g) => allowed.groups.has(g)) || values(payload.roles).some((r) => allowed.roles.has(r));
}
