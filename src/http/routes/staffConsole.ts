/**
 * The staff console's files (`GET /staff`, also the Teams staff tab), as `npm run build` left them in dist/web/staff/:
 * the page, the style sheet and the bundled script. Read once, on first request; nothing is bundled here.
 */
import { readFile } from 'node:fs/promises';
import type { Request, Response, Server } from 'restify';
import { AppError } from '../../errors.js';
import { projectPath } from '../../projectRoot.js';

/**
 * Hosts that may frame the console (the Teams clients). Scripts only from this server: even if a user's text
 * slipped into the page as HTML, the browser would not run it; images only from this server, so that no message
 * can make the browser contact a third party.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com",
].join('; ');

const files = {
  '/staff': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/console.js': { name: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/staff/console.css': { name: 'console.css', type: 'text/css; charset=utf-8' },
} as const;

export function staffConsoleRoutes() {
  const cache = new Map<string, Promise<Buffer>>();
  const load = (name: string): Promise<Buffer> => {
    let content = cache.get(name);
    if (!content) {
      content = readFile(projectPath('dist', 'web', 'staff', name));
      // A missing build is reported on every request until it exists, not cached.
      content.catch(() => cache.delete(name));
      cache.set(name, content);
    }
    return content;
  };

  return (server: Server): void => {
    for (const [route, file] of Object.entries(files)) {
      server.get(route, async (_req: Request, res: Response) => {
        let body: Buffer;
        try {
          body = await load(file.name);
        } catch {
          throw new AppError('NOT_BUILT');
        }
        res.writeHead(200, {
          'content-type': file.type,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          'content-security-policy': CONSOLE_CSP,
          'referrer-policy': 'no-referrer',
        });
        res.end(body);
      });
    }
  };
}
