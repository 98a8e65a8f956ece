/**
 * The staff side over HTTP: the console page (`GET /staff`, also the Teams staff tab) and its API under
 * `/api/staff/…` — tickets, transcript, claim, message, return, resolve, and a server-sent event stream.
 * Every API call is authenticated (Teams SSO token or staff API token) and acts under the caller's name.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { HandoffFeature } from '../../handoff/index.js';
import type { HandoffEvent, HandoffService, StaffTicketAction } from '../../handoff/handoffService.js';
import { staffConsoleAssets } from '../../handoff/staffConsoleAssets.js';
import { openStates, ticketStates, type StaffMember } from '../../handoff/ticketStateMachine.js';
import type { Ticket } from '../../handoff/ticketStore.js';
import type { Logger } from '../../logger.js';

const ticketIdSchema = z.coerce.number().int().positive();
const messageBodySchema = z.object({ text: z.string().trim().min(1, 'must not be empty').max(4000) });
const noteBodySchema = z.object({ note: z.string().trim().max(1000).optional() });
const listQuerySchema = z.object({ state: z.enum(['open', 'closed', 'all']).default('open') });

/** Keep-alive comment interval of the event stream (proxies drop silent connections). */
const HEARTBEAT_MS = 25_000;

/**
 * Hosts that may frame the console (the Teams clients). Scripts only from this server: even if a user's text
 * slipped into the page as HTML, the browser would not run it.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com",
].join('; ');

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('BAD_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

function ticketId(req: Request): number {
  const parsed = ticketIdSchema.safeParse(req.params?.id);
  if (!parsed.success) throw new AppError('TICKET_NOT_FOUND');
  return parsed.data;
}

/** The list view of a ticket. */
export function ticketSummaryJson(service: HandoffService, ticket: Ticket) {
  return {
    id: ticket.id,
    state: ticket.state,
    topic: ticket.topic,
    reason: ticket.reason,
    userName: ticket.userName,
    channel: ticket.channelId,
    lang: ticket.lang,
    providers: ticket.providerIds.map((id) => ({ id, name: service.providerNames([id])[0]! })),
    claimedBy: ticket.claimedBy ?? null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  };
}

/** The full view: summary, transcript and history. */
export function ticketDetailJson(service: HandoffService, ticket: Ticket) {
  return {
    ...ticketSummaryJson(service, ticket),
    transcript: service.transcript(ticket),
    history: ticket.history,
  };
}

export interface StaffRoutes {
  register(server: Server): void;
  /** Ends the open event streams (the HTTP server waits for them when closing). */
  close(): void;
}

export function staffRoutes(handoff: Pick<HandoffFeature, 'service' | 'authenticate'>, options: { logger: Logger; dataDir: string }): StaffRoutes {
  const { service, authenticate } = handoff;
  const assets = staffConsoleAssets(options.dataDir);
  const streams = new Set<() => void>();
  const staffOf = (req: Request): Promise<StaffMember> => authenticate(req.header('authorization'));

  async function act(req: Request, res: Response, action: StaffTicketAction): Promise<void> {
    const staff = await staffOf(req);
    const id = ticketId(req);
    const { note } = action === 'claim' ? { note: undefined } : parse(noteBodySchema, req.body);
    const ticket = await service.act(id, action, staff, note);
    res.send(200, ticketDetailJson(service, ticket));
  }

  function sendFile(res: Response, type: string, body: string, extraHeaders: Record<string, string> = {}): void {
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...extraHeaders,
    });
    res.end(body);
  }

  return {
    close: () => {
      for (const end of [...streams]) end();
    },

    register(server: Server): void {
      server.get('/staff', async (_req: Request, res: Response) => {
        sendFile(res, 'text/html; charset=utf-8', await assets.page(), {
          'content-security-policy': CONSOLE_CSP,
          'referrer-policy': 'no-referrer',
        });
      });
      server.get('/staff/console.js', async (_req: Request, res: Response) => {
        sendFile(res, 'text/javascript; charset=utf-8', await assets.script());
      });
      server.get('/staff/console.css', async (_req: Request, res: Response) => {
        sendFile(res, 'text/css; charset=utf-8', await assets.styles());
      });

      server.get('/api/staff/me', async (req: Request, res: Response) => {
        res.send(200, await staffOf(req));
      });

      server.get('/api/staff/tickets', async (req: Request, res: Response) => {
        await staffOf(req);
        const { state } = parse(listQuerySchema, req.query);
        const closed = ticketStates.filter((s) => !openStates.includes(s));
        const states = state === 'open' ? openStates : state === 'closed' ? closed : ticketStates;
        res.send(200, { tickets: service.tickets.list(states).map((ticket) => ticketSummaryJson(service, ticket)) });
      });

      server.get('/api/staff/tickets/:id', async (req: Request, res: Response) => {
        await staffOf(req);
        res.send(200, ticketDetailJson(service, service.tickets.require(ticketId(req))));
      });

      server.post('/api/staff/tickets/:id/claim', async (req: Request, res: Response) => act(req, res, 'claim'));
      server.post('/api/staff/tickets/:id/return', async (req: Request, res: Response) => act(req, res, 'return'));
      server.post('/api/staff/tickets/:id/resolve', async (req: Request, res: Response) => act(req, res, 'resolve'));

      server.post('/api/staff/tickets/:id/messages', async (req: Request, res: Response) => {
        const staff = await staffOf(req);
        const id = ticketId(req);
        const { text } = parse(messageBodySchema, req.body);
        const entry = await service.sendStaffMessage(id, staff, text, 'console');
        res.send(201, entry);
      });

      // Server-sent events: `snapshot` with the open tickets, then `ticket` and `message` as they happen.
      server.get('/api/staff/events', async (req: Request, res: Response) => {
        await staffOf(req);
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        write('snapshot', { tickets: service.tickets.list(openStates).map((ticket) => ticketSummaryJson(service, ticket)) });
        const unsubscribe = service.subscribe((event: HandoffEvent) => {
          if (event.type === 'ticket') write('ticket', ticketSummaryJson(service, event.ticket));
          else write('message', { ticketId: event.ticketId, entry: event.entry });
        });
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        await new Promise<void>((resolve) => {
          const end = () => {
            streams.delete(end);
            clearInterval(heartbeat);
            unsubscribe();
            if (!res.writableEnded) res.end();
            resolve();
          };
          streams.add(end);
          req.once('close', end);
          res.once('close', end);
        });
      });
    },
  };
}
