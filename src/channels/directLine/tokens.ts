/**
 * Direct Line tokens: JWTs (HS256) bound to one conversation and one user, expiring, refreshable.
 *
 * The claims follow Azure's Direct Line tokens (`conv`, `user`), so that the official clients read the user id
 * from the token (Web Chat and directlinejs both do) and never make one up.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Jose from 'jose';
import { AppError } from '../../errors.js';

/** `jose`, loaded with the first token (not at start-up: a Bot Framework turn does not need it). */
let josePromise: Promise<typeof Jose> | undefined;
const jose = () => (josePromise ??= import('jose'));

/** File under DATA_DIR where versions before 0.2 kept the generated signing secret. */
export const SECRET_FILE_NAME = 'directline-secret';

const ISSUER = 'urn:brueckenschlag:directline';

/** What a valid token grants. */
export interface TokenGrant {
  conversationId: string;
  userId: string;
}

/** A freshly signed token, shaped like Direct Line's token responses. */
export interface IssuedToken extends TokenGrant {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export interface DirectLineTokenOptions {
  /** HMAC secret (DIRECTLINE_SECRET or the generated one). */
  secret: string;
  /** Lifetime of a token in seconds (DIRECTLINE_TOKEN_TTL_SECONDS). */
  ttlSeconds: number;
  /** Clock in milliseconds; tests pass one to sign tokens that have already expired. */
  now?: () => number;
}

/** A new conversation id: random, URL-safe, unguessable. */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new user id; `dl_` marks ids that only a token may carry (Web Chat refuses them from page code). */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/**
 * Signs and checks Direct Line tokens.
 *
 * @example
 * const tokens = new DirectLineTokens({ secret, ttlSeconds: 1800 });
 * const issued = await tokens.issue({ conversationId: newConversationId(), userId: newUserId() });
 * const grant = await tokens.verify(issued.token); // throws AppError TOKEN_EXPIRED / FORBIDDEN
 */
export class DirectLineTokens {
  private readonly key: Uint8Array;
  private readonly now: () => number;

  constructor(private readonly options: DirectLineTokenOptions) {
    this.key = new TextEncoder().encode(options.secret);
    this.now = options.now ?? Date.now;
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  async issue(grant: TokenGrant): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now() / 1000);
    const { SignJWT } = await jose();
    const token = await new SignJWT({ conv: grant.conversationId, user: grant.userId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + this.options.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    return { ...grant, token, expiresIn: this.options.ttlSeconds };
  }

  /** The grant of a valid token; `TOKEN_EXPIRED` for an expired one, `FORBIDDEN` for anything else. */
  async verify(token: string): Promise<TokenGrant> {
    const { errors: joseErrors, jwtVerify } = await jose();
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: ISSUER,
        currentDate: new Date(this.now()),
      });
      if (typeof payload.conv !== 'string' || typeof payload.user !== 'string') throw new AppError('FORBIDDEN');
      return { conversationId: payload.conv, userId: payload.user };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED');
      if (error instanceof AppError) throw error;
      throw new AppError('FORBIDDEN', 'The token is not valid.');
    }
  }

  /** A new token with the same grant; the old one must still be valid. */
  async refresh(token: string): Promise<IssuedToken> {
    return this.issue(await this.verify(token));
  }
}

/**
 * The signing secret an earlier version generated into `dataDir` (before secrets moved into the database), so that
 * tokens issued then stay valid after an update; undefined when there is none.
 */
export function legacySecretFile(dataDir: string): string | undefined {
  try {
    return readFileSync(path.join(dataDir, SECRET_FILE_NAME), 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
