/**
 * The staff API under `/api/staff/…` — tickets, transcript, claim, message, return, resolve, and a server-sent event
 * stream — for the staff console (`GET /staff`, see staffConsole.ts) and the Teams staff tab.
 * Every call is authenticated (Teams SSO token or staff API token) and acts under the caller's name.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { HandoffDesk } from '../../bot/handoff/index.js';
import { AppError } from '../../errors.js';
import type { HandoffEvent, HandoffService, StaffTicketAction } from '../../handoff/handoffService.js';
import type { StaffAuthenticator } from '../../handoff/staffAuth.js';
import { openStates, ticketStates, type StaffMember } from '../../handoff/ticketStateMachine.js';
import type { Ticket } from '../../handoff/ticketStore.js';
import type { Logger } from '../../logger.js';
import { clientAddress, type FailedLoginLimiter } from '../rateLimit.js';

const ticketIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const messageBodySchema = z.object({ text: z.string().trim().min(1, 'must not be empty').max(4000) });
const noteBodySchema = z.object({ note: z.string().trim().max(1000).optional() });
const listQuerySchema = z.object({ state: z.enum(['open', 'closed', 'all']).default('open') });

/** Keep-alive comment interval of the event stream (proxies drop silent connections). */
const HEARTBEAT_MS = 25_000;

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
export async function ticketDetailJson(service: HandoffService, ticket: Ticket) {
  return {
    ...ticketSummaryJson(service, ticket),
    transcript: await service.transcript(ticket),
    history: ticket.history,
  };
}

export interface StaffRoutes {
  register(server: Server): void;
  /** Ends the open event streams (the HTTP server waits for them when closing). */
  close(): void;
}

export interface StaffRouteDependencies {
  desk: HandoffDesk;
  authenticate: StaffAuthenticator;
  logger: Logger;
  /** Counts failed logins per client address (429 past the limit); see src/http/rateLimit.ts. */
  failedLogins?: FailedLoginLimiter;
}

export function staffRoutes({ desk, authenticate, failedLogins }: StaffRouteDependencies): StaffRoutes {
  const { service } = desk;
  const streams = new Set<() => void>();
  // Only presented credentials count as failed logins: a console that has not signed in yet locks nobody out.
  const staffOf = (req: Request): Promise<StaffMember> =>
    failedLogins && req.header('authorization')
      ? failedLogins.guard(clientAddress(req), () => authenticate(req.header('authorization')))
      : authenticate(req.header('authorization'));
  const openTickets = async () => (await service.list(openStates)).map((ticket) => ticketSummaryJson(service, ticket));

  async function act(req: Request, res: Response, action: StaffTicketAction): Promise<void> {
    const staff = await staffOf(req);
    const id = ticketId(req);
    const { note } = action === 'claim' ? { note: undefined } : parse(noteBodySchema, req.body);
    const ticket = await desk.act(id, action, staff, note);
    res.send(200, await ticketDetailJson(service, ticket));
  }

  return {
    close: () => {
      for (const end of [...streams]) end();
    },

    register(server: Server): void {
      server.get('/api/staff/me', async (req: Request, res: Response) => {
        res.send(200, await staffOf(req));
      });

      server.get('/api/staff/tickets', async (req: Request, res: Response) => {
        await staffOf(req);
        const { state } = parse(listQuerySchema, req.query);
        const closed = ticketStates.filter((s) => !openStates.includes(s));
        const states = state === 'open' ? openStates : state === 'closed' ? closed : ticketStates;
        res.send(200, { tickets: (await service.list(states)).map((ticket) => ticketSummaryJson(service, ticket)) });
      });

      server.get('/api/staff/tickets/:id', async (req: Request, res: Response) => {
        await staffOf(req);
        res.send(200, await ticketDetailJson(service, await service.ticket(ticketId(req))));
      });

      server.post('/api/staff/tickets/:id/claim', async (req: Request, res: Response) => act(req, res, 'claim'));
      server.post('/api/staff/tickets/:id/return', async (req: Request, res: Response) => act(req, res, 'return'));
      server.post('/api/staff/tickets/:id/resolve', async (req: Request, res: Response) => act(req, res, 'resolve'));

      server.post('/api/staff/tickets/:id/messages', async (req: Request, res: Response) => {
        const staff = await staffOf(req);
        const id = ticketId(req);
        const { text } = parse(messageBodySchema, req.body);
        const entry = await desk.sendStaffMessage(id, staff, text, 'console');
        res.send(201, entry);
      });

      // Server-sent events: `snapshot` with the open tickets, then `ticket` and `message` as they happen on any
      // instance; a new `snapshot` when changes may have been missed.
      server.get('/api/staff/events', async (req: Request, res: Response) => {
        await staffOf(req);
        const snapshot = await openTickets();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        write('snapshot', { tickets: snapshot });
        const unsubscribe = service.subscribe((event: HandoffEvent) => {
          if (event.type === 'ticket') write('ticket', ticketSummaryJson(service, event.ticket));
          else if (event.type === 'message') write('message', { ticketId: event.ticketId, entry: event.entry });
          else void openTickets().then((tickets) => write('snapshot', { tickets }), () => undefined);
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
