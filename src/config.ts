/**
 * The only reader of `process.env`. Every setting of the product is declared here once, validated with zod,
 * and handed to the rest of the code as a typed, frozen object.
 *
 * Blank strings count as unset, so `KEY=` in a `.env` file falls back to the default.
 * All bad keys are reported at once (see {@link ConfigError}).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** "Mo-Fr 09:00-17:00" style office hours, Europe/Berlin. */
const officeHoursText = z
  .string()
  .regex(/^(Mo|Di|Mi|Do|Fr|Sa|So)-(Mo|Di|Mi|Do|Fr|Sa|So) \d{2}:\d{2}-\d{2}:\d{2}$/, 'expected e.g. "Mo-Fr 09:00-17:00"');

export const configSchema = z.object({
  /** HTTP port of the bot. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /**
   * Interface to listen on. Unset: 0.0.0.0 with an Azure Bot registration (MicrosoftAppId), else 127.0.0.1, so that
   * an unauthenticated local server is not reachable from the network unless HOST says so.
   */
  HOST: optionalText,
  /** Public base URL (https://bot.example.org) used in links, the Direct Line stream URL and the Teams manifest. */
  PUBLIC_URL: z.url().optional(),

  /** Azure Bot registration. Without an app id the bot accepts unauthenticated local traffic (Emulator, tests). */
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,

  /** Curated knowledge folder and local data folder (SQLite, generated secrets). */
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  /** `npm run knowledge:check` warns about provider profiles whose source was written more than this many years ago. */
  KNOWLEDGE_SOURCE_MAX_AGE_YEARS: z.coerce.number().int().min(1).max(100).default(3),
  DATA_DIR: z.string().default('data'),
  /** PostgreSQL instead of the embedded SQLite (postgres://user:password@host:5432/db); needed for several instances. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  /** Connections per instance in the PostgreSQL pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted HTTP body in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  /** Longest user message the bot reads (longer ones get a polite error). */
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(50).default(2000),
  /** Search results kept for repeated questions (least recently used dropped first); 0 turns the cache off. */
  SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /**
   * Answer a question directly when the calibrated model (src/core/calibration.json, `npm run tune`) says the best
   * entry is at least this many percent likely right; below it "did you mean", or "I don't know" when nothing fits.
   * Unset: the hand-set thresholds of src/core/rules.ts decide (they do better on the probes; docs/quality.md).
   */
  ANSWER_MIN_PRECISION: z.coerce.number().min(1).max(99.9).optional(),

  /** Direct Line (website widget): token signing secret; generated into DATA_DIR on first start if unset. */
  DIRECTLINE_SECRET: optionalText,
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(1800),
  /** Comma-separated origins that may embed the widget; `*` allows any. */
  WIDGET_ALLOWED_ORIGINS: z.string().default('*'),
  /** Token requests per client address and minute. */
  DIRECTLINE_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),

  /** Staff handoff. */
  OFFICE_HOURS: officeHoursText.default('Mo-Fr 09:00-17:00'),
  /** Comma-separated staff API tokens `name:token` for the staff console outside Teams. */
  STAFF_API_TOKENS: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^:,]+:[^,]{8,}(,[^:,]+:[^,]{8,})*$/, 'expected "name:token" pairs separated by commas, tokens of 8+ characters')
    .optional(),
  /**
   * Staff who may change the knowledge (curators), by staff id: `token:<name>` for a STAFF_API_TOKENS entry,
   * `aad:<object id>` for a Teams/Entra user; comma-separated.
   */
  STAFF_CURATORS: optionalText,
  /** Teams channel id (19:…@thread.tacv2) that receives ticket cards; without it tickets are in the staff console only. */
  STAFF_CHANNEL_ID: optionalText,
  /**
   * The Bot Connector service URL of the staff team's tenant (e.g. https://smba.trafficmanager.net/emea/). With it, the
   * staff channel is reached from configuration alone; without it, only an activity authenticated by the Bot
   * Connector (MicrosoftAppId set) from the configured channel tells where it is.
   */
  STAFF_SERVICE_URL: z.url().optional(),
  /** Entra ID settings for validating Teams SSO tokens of the staff tab. */
  STAFF_SSO_ISSUER: optionalText,
  STAFF_SSO_AUDIENCE: optionalText,
  STAFF_SSO_JWKS_URL: z.url().optional(),
  /**
   * Who may use the staff console with a Teams SSO token (at least one is required when SSO is configured):
   * Entra group object ids (`groups` claim), app roles (`roles` claim), or users by object id, each optionally with the
   * display name to show (`oid` or `oid:Name`); comma-separated.
   */
  STAFF_SSO_ALLOWED_GROUPS: optionalText,
  STAFF_SSO_ALLOWED_ROLES: optionalText,
  STAFF_SSO_ALLOWED_USERS: optionalText,
  /** Clock difference tolerated when checking the SSO token's exp/nbf, in seconds. */
  STAFF_SSO_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** Failed staff logins per client address and 15 minutes before 429. */
  STAFF_LOGIN_FAILURES_PER_15_MINUTES: z.coerce.number().int().min(1).default(20),

  /** Direct Line messages per conversation (token) and minute before 429. */
  DIRECTLINE_MESSAGE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Direct Line token refreshes and reconnects per conversation (token) and minute before 429. */
  DIRECTLINE_RECONNECT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Requests to /api/messages per client address and minute, when unauthenticated (no MicrosoftAppId). */
  MESSAGES_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Event-loop delay (ms, the longest in the last half second) above which new turns get 503 with Retry-After. */
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(10).default(200),
  /**
   * New turns get 503 with Retry-After while the oldest turn in flight has run longer than this (ms), with 4 or more
   * running: turns queue up faster than they finish. 0 turns it off.
   */
  OVERLOAD_MAX_TURN_WAIT_MS: z.coerce.number().int().min(0).default(500),
  /**
   * Turns running at once above which new turns get 503 with Retry-After; 0 turns the cap off. Turns share one
   * thread: more at once add waiting, not throughput.
   */
  OVERLOAD_MAX_CONCURRENT_TURNS: z.coerce.number().int().min(0).default(10),
  /**
   * Latency (ms) turns should stay under: slower turns lower the concurrency limit (down to 4), faster ones raise it
   * again up to OVERLOAD_MAX_CONCURRENT_TURNS. 0: the limit stays fixed.
   */
  OVERLOAD_TARGET_TURN_MS: z.coerce.number().int().min(0).default(1000),
  /** On SIGTERM, how long in-flight requests may take to finish before the process exits anyway (ms). */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),

  /**
   * Keep a snapshot of the built search index in DATA_DIR (index-snapshot.bin) and restore the index from it at the
   * next start with the same folder, curator changes, code and settings (src/knowledge/indexSnapshot.ts); faster starts.
   * Written when the server stops on SIGTERM/SIGINT (`drain`).
   */
  INDEX_SNAPSHOT: booleanText.default(true),
  /** Rebuild the knowledge when a file of KNOWLEDGE_DIR changes (for curators editing on the server). */
  KNOWLEDGE_WATCH: booleanText.default(false),
  /** Emit Bot Framework handoff events (handoff.initiate/handoff.status) for an external agent hub. */
  HANDOFF_EVENTS: booleanText.default(false),

  /** Privacy (docs/privacy.md). Who is responsible for the data (name and address), shown on /privacy. */
  PRIVACY_CONTROLLER: optionalText,
  /** How to reach the data-protection officer or privacy contact (e-mail or address), shown on /privacy. */
  PRIVACY_CONTACT: optionalText,
  /** The legal basis of the processing, as the operator states it (e.g. "Art. 6 Abs. 1 lit. e DSGVO …"), on /privacy. */
  PRIVACY_LEGAL_BASIS: optionalText,
  /** An external privacy notice; when set, /privacy redirects there and every link points to it. */
  PRIVACY_URL: z.url().optional(),
  /** Days a website conversation, its activity log and the bot's conversation state are kept after its last activity. */
  CONVERSATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days a handoff ticket and its transcript are kept after the ticket was closed. */
  TICKET_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Days a row of the curators' question log is kept (read by the question log). */
  QUESTION_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days an entry of the privacy audit log (staff access to transcripts, exports, deletions) is kept. */
  AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Rows the retention sweep deletes per statement (it runs at start, then hourly, batch after batch). */
  RETENTION_SWEEP_BATCH: z.coerce.number().int().min(1).max(100_000).default(200),
});

export type Config = Readonly<Omit<z.infer<typeof configSchema>, 'HOST'> & { HOST: string }>;

/** Thrown when the environment is invalid; lists every bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Drops blank values so that they count as unset. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

/**
 * Validates an environment. Keys in `env` win over keys in the `.env` file (like dotenv).
 *
 * @example
 * const config = loadConfig(process.env, '.env');
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotenvPath: string | undefined = '.env',
): Config {
  const fromFile = dotenvPath && existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const merged = { ...withoutBlanks(fromFile), ...withoutBlanks(env) };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const config = result.data;
  const problems: string[] = [];
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant');
  }
  const ssoConfigured = config.STAFF_SSO_JWKS_URL && config.STAFF_SSO_ISSUER && config.STAFF_SSO_AUDIENCE;
  if (ssoConfigured && !config.STAFF_SSO_ALLOWED_GROUPS && !config.STAFF_SSO_ALLOWED_ROLES && !config.STAFF_SSO_ALLOWED_USERS) {
    problems.push('STAFF_SSO_ALLOWED_GROUPS, STAFF_SSO_ALLOWED_ROLES or STAFF_SSO_ALLOWED_USERS: one is required with staff SSO, or every user of the tenant would be staff');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    ...config,
    HOST: config.HOST ?? (config.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    KNOWLEDGE_DIR: path.resolve(config.KNOWLEDGE_DIR),
    DATA_DIR: path.resolve(config.DATA_DIR),
  });
}

/** Origins allowed to embed the widget, or `'*'`. */
export function allowedOrigins(config: Config): string[] | '*' {
  const list = config.WIDGET_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  return list.includes('*') ? '*' : list;
}

/**
 * The privacy notice's address: PRIVACY_URL, else /privacy on PUBLIC_URL; undefined when neither is set (the widget
 * then links /privacy on its own host).
 */
export function privacyNoticeUrl(config: Pick<Config, 'PRIVACY_URL' | 'PUBLIC_URL'>): string | undefined {
  if (config.PRIVACY_URL) return config.PRIVACY_URL;
  return config.PUBLIC_URL ? new URL('/privacy', config.PUBLIC_URL).toString() : undefined;
}
