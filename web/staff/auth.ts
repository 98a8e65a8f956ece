/**
 * How the console signs in. Inside Teams: initialise teams-js, take the theme, and get the user's SSO token.
 * In a plain browser teams-js never finishes initialising, so the initialisation races a timeout and the console
 * asks for a staff API token instead (kept in sessionStorage: gone when the tab closes).
 */
import { app, authentication } from '@microsoft/teams-js';

const TOKEN_KEY = 'brueckenschlag.staffToken';

export interface Session {
  mode: 'teams' | 'token';
  /** The `Authorization` header value; Teams tokens are fetched fresh (teams-js caches and renews them). */
  authorization(): Promise<string>;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

/** True when the page runs in a frame or popup, as Teams tabs do. */
function maybeHosted(): boolean {
  try {
    return window.self !== window.top || Boolean(window.opener);
  } catch {
    return true; // cross-origin parent: certainly framed
  }
}

/**
 * Starts a Teams session when the page runs inside Teams; undefined otherwise.
 * `onTheme` gets the current theme ("default", "dark", "contrast") and every later change.
 */
export async function teamsSession(onTheme: (theme: string) => void): Promise<Session | undefined> {
  // A top-level browser tab cannot be a Teams host; a short race keeps the plain-browser start quick.
  const limit = maybeHosted() ? 5000 : 600;
  try {
    await Promise.race([app.initialize(), timeout(limit)]);
  } catch {
    return undefined;
  }
  try {
    const context = await app.getContext();
    onTheme(context.app.theme);
    app.registerOnThemeChangeHandler(onTheme);
    await authentication.getAuthToken();
    app.notifySuccess();
  } catch (error) {
    app.notifyFailure({ reason: app.FailedReason.AuthFailed, message: String(error) });
    return undefined;
  }
  return { mode: 'teams', authorization: async () => `Bearer ${await authentication.getAuthToken()}` };
}

/** The staff API token of this browser tab, if one was entered. */
export function storedTokenSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? tokenSession(token) : undefined;
}

export function tokenSession(token: string): Session {
  return { mode: 'token', authorization: async () => `Bearer ${token}` };
}

export function rememberToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
