/**
 * The Teams manifest in `manifest/` is a template: `{{appId}}`, `{{host}}`, `{{baseUrl}}`, `{{version}}` and
 * `{{accentColor}}` are filled in when the app package is built, from the validated config (MicrosoftAppId,
 * PUBLIC_URL), package.json and the icon module. Without those settings clearly marked placeholders are used, so
 * that a fresh clone still builds (and validates) a package; the warnings say that it cannot be installed as is.
 */
import type { Config } from '../../src/config.js';
import { ICON_BACKGROUND } from './icons.js';

/** The values that replace the template's placeholders. */
export interface ManifestSettings {
  /** Microsoft App ID of the Azure Bot registration: bot id, Teams app id and SSO app id. */
  appId: string;
  /** Host name of the public URL, e.g. `bot.example.org` (validDomains, SSO resource). */
  host: string;
  /** Public base URL without trailing slash, e.g. `https://bot.example.org` (tab URLs). */
  baseUrl: string;
  /** App version (semver), from package.json. Teams wants a higher version for every update of the app. */
  version: string;
  /** `#rrggbb`, the colour icon's background. */
  accentColor: string;
  /** The privacy notice: PRIVACY_URL, else `<baseUrl>/privacy` (the manifest's privacyUrl and termsOfUseUrl). */
  privacyUrl: string;
}

/** Used when MicrosoftAppId is not set: a valid GUID that no Azure registration can have. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
/** Used when PUBLIC_URL is not set: `.invalid` is reserved and never resolves. */
export const PLACEHOLDER_HOST = 'assistant.example.invalid';

/**
 * Settings from the config, and warnings for everything that makes the package not installable as built.
 *
 * @example
 * const { settings, warnings } = manifestSettings(loadConfig(), '0.1.0');
 */
export function manifestSettings(
  config: Pick<Config, 'MicrosoftAppId' | 'PUBLIC_URL'> & Partial<Pick<Config, 'PRIVACY_URL'>>,
  version: string,
): { settings: ManifestSettings; warnings: string[] } {
  const warnings: string[] = [];
  let appId = config.MicrosoftAppId;
  if (!appId) {
    warnings.push(`MicrosoftAppId is not set: using the placeholder app id ${PLACEHOLDER_APP_ID}; Teams will not accept this package.`);
    appId = PLACEHOLDER_APP_ID;
  }
  let host = PLACEHOLDER_HOST;
  let baseUrl = `https://${PLACEHOLDER_HOST}`;
  if (!config.PUBLIC_URL) {
    warnings.push(`PUBLIC_URL is not set: using the placeholder host ${PLACEHOLDER_HOST}; the staff tab and single sign-on will not work.`);
  } else {
    const url = new URL(config.PUBLIC_URL);
    host = url.hostname;
    baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    if (url.protocol !== 'https:') warnings.push(`PUBLIC_URL is not https (${url.protocol}): Teams loads tabs and calls bots only over https.`);
    if (url.port) warnings.push(`PUBLIC_URL has a port (${url.port}): Teams single sign-on needs the default https port.`);
  }
  const privacyUrl = config.PRIVACY_URL ?? `${baseUrl}/privacy`;
  return { settings: { appId, host, baseUrl, version, accentColor: ICON_BACKGROUND, privacyUrl }, warnings };
}

const placeholderPattern = /\{\{(\w+)\}\}/g;

/** A template that cannot be filled (unknown placeholder, unreadable file); the message names the cause. */
export class ManifestTemplateError extends Error {
  constructor(message: string) {
    super(`manifest: ${message}`);
    this.name = 'ManifestTemplateError';
  }
}

/**
 * A copy of `template` with every `{{name}}` in every string replaced by `settings[name]`.
 * Throws on a placeholder that has no setting, so that a typo cannot reach Teams.
 */
export function fillPlaceholders<T>(template: T, settings: ManifestSettings): T {
  const values = settings as unknown as Record<string, string>;
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(placeholderPattern, (match, name: string) => {
        if (!(name in values)) throw new ManifestTemplateError(`unknown placeholder ${match} (known: ${Object.keys(values).join(', ')})`);
        return values[name]!;
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    return value;
  };
  return fill(template) as T;
}
