/**
 * The website widget and its demo page:
 *
 * - `GET /widget.js` – the embeddable script (web/widget/widget.js, with the texts of src/texts.ts filled in);
 * - `GET /widget/webchat.js` – the official Web Chat bundle from the installed `botframework-webchat` (no CDN);
 * - `GET /` and `GET /demo` – a demo page that shows the widget; `GET /demo/:file` – its assets.
 *
 * Files are read once at start-up; the Web Chat bundle (about 4 MB) is gzipped once, on first request.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { AppError } from '../../errors.js';
import { projectPath } from '../../projectRoot.js';
import { widgetTexts } from '../../texts.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The project's `web/` folder. */
function findWebDir(): string {
  const dir = projectPath('web');
  if (!existsSync(path.join(dir, 'widget', 'widget.js'))) throw new Error(`widget routes: ${dir}/widget/widget.js not found`);
  return dir;
}

/** The Web Chat bundle of the installed package (its exports hide dist/, so go from the resolved entry). */
function findWebChatBundle(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  return path.join(path.dirname(entry), '..', 'dist', 'webchat.js');
}

/** A file kept in memory, with its gzipped form made on first use. */
class StaticFile {
  private gzipped?: Buffer;
  private loaded?: Buffer;

  /** `content`: the bytes, or a function that reads them on first use (large files not needed at start-up). */
  constructor(
    private readonly content: Buffer | (() => Buffer),
    readonly contentType: string,
    readonly cacheControl: string,
  ) {}

  private bytes(): Buffer {
    return (this.loaded ??= typeof this.content === 'function' ? this.content() : this.content);
  }

  send(req: Request, res: Response): void {
    const acceptsGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = acceptsGzip ? (this.gzipped ??= gzipSync(this.bytes())) : this.bytes();
    res.writeHead(200, {
      'Content-Type': this.contentType,
      'Content-Length': String(body.length),
      'Cache-Control': this.cacheControl,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(this.contentType.startsWith('text/html') ? { 'Content-Security-Policy': PAGE_CSP } : {}),
      ...(acceptsGzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(body);
  }
}

/**
 * Replaces the widget's `/*__WIDGET_TEXTS__*\/ null` placeholder with the texts of both languages, and
 * `/*__PRIVACY_URL__*\/ null` with the external privacy notice (PRIVACY_URL), if any.
 */
export function widgetScript(source: string, privacyUrl?: string): string {
  // Escape "<" so that no text can ever close a surrounding <script> element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return source.replace('/*__WIDGET_TEXTS__*/ null', json(widgetTexts)).replace('/*__PRIVACY_URL__*/ null', json(privacyUrl ?? null));
}

/** Pages this server shows (the demo): images only from here, so that no message content contacts a third party. */
export const PAGE_CSP = "img-src 'self' data: blob:";

/** The widget, the Web Chat bundle and the demo page; reads every file once (Web Chat's on its first request). */
export function widgetRoutes(options: { privacyUrl?: string } = {}) {
  const webDir = findWebDir();
  const revalidate = 'public, max-age=300';
  const widget = new StaticFile(
    Buffer.from(widgetScript(readFileSync(path.join(webDir, 'widget', 'widget.js'), 'utf8'), options.privacyUrl)),
    contentTypes['.js']!,
    revalidate,
  );
  // Web Chat's bundle (about 4 MB) is read on its first request, not at start-up; a missing one still fails here.
  const webChatBundle = findWebChatBundle();
  if (!existsSync(webChatBundle)) throw new Error(`widget routes: ${webChatBundle} not found`);
  const webChat = new StaticFile(() => readFileSync(webChatBundle), contentTypes['.js']!, 'public, max-age=86400');
  const demoDir = path.join(webDir, 'demo');
  const demoFiles = new Map<string, StaticFile>();
  for (const name of readdirSync(demoDir)) {
    const type = contentTypes[path.extname(name)];
    if (type) demoFiles.set(name, new StaticFile(readFileSync(path.join(demoDir, name)), type, revalidate));
  }
  const demoPage = demoFiles.get('index.html');
  if (!demoPage) throw new Error('widget routes: web/demo/index.html not found');

  return (server: Server): void => {
    // GET and HEAD alike (Node leaves out the body of HEAD responses).
    const serve = (route: string, file: (req: Request) => StaticFile) => {
      const handler = async (req: Request, res: Response) => file(req).send(req, res);
      server.get(route, handler);
      server.head(route, handler);
    };
    serve('/widget.js', () => widget);
    serve('/widget/webchat.js', () => webChat);
    serve('/', () => demoPage);
    serve('/demo', () => demoPage);
    serve('/demo/:file', (req) => {
      // Only names listed at start-up: no path from the request ever reaches the file system.
      const file = demoFiles.get(String(req.params.file));
      if (!file) throw new AppError('NOT_FOUND');
      return file;
    });
  };
}
