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
import type { AuditLog } from '../../store/auditLog.js';
import type { DataSubject } from '../../store/personalData.js';
import type { PrivacyService } from '../../store/privacyService.js';
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

/** What the staff API needs for deletion, export (Art. 15) and the audit log. */
export interface StaffPrivacy {
  service: PrivacyService;
  audit: AuditLog;
  /** The data subject of a conversation: the user's id is looked up where the channel keeps it (website). */
  subjectOf(channelId: string, conversationId: string, userId?: string): Promise<DataSubject>;
  /** After a staff deletion: ends what is still connected to the deleted conversations (website streams). */
  afterErase?(subject: DataSubject): Promise<void>;
}

export interface StaffRouteDependencies {
  desk: HandoffDesk;
  authenticate: StaffAuthenticator;
  logger: Logger;
  privacy?: StaffPrivacy;
  /** Counts failed logins per client address (429 past the limit); see src/http/rateLimit.ts. */
  failedLogins?: FailedLoginLimiter;
}

const conversationParamsSchema = z.object({ channelId: z.string().min(1).max(100), conversationId: z.string().min(1).max(500) });

export function staffRoutes({ desk, authenticate, privacy, failedLogins }: StaffRouteDependencies): StaffRoutes {
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
    // The answer carries the transcript: an access like reading the ticket.
    await privacy?.audit.record({ kind: 'staff', ...staff }, 'transcript.read', `ticket ${ticket.id}`);
    res.send(200, await ticketDetailJson(service, ticket));
  }

  /** The subject of a ticket: its user, by the ids its conversation reference carries. */
  async function ticketSubject(p: StaffPrivacy, ticket: Ticket): Promise<DataSubject> {
    const reference = ticket.reference as { conversation?: { id?: string }; user?: { id?: string } };
    const conversationId = reference.conversation?.id;
    // An anonymised ticket has no reference left: nothing of a user can be found through it.
    if (!conversationId) return { channelId: ticket.channelId, userId: '', conversationIds: [] };
    return p.subjectOf(ticket.channelId, conversationId, reference.user?.id);
  }

  function registerPrivacy(server: Server, p: StaffPrivacy): void {
    const bySubject = async (req: Request, kind: 'ticket' | 'conversation') => {
      const staff = await staffOf(req);
      if (kind === 'ticket') {
        const ticket = await service.ticket(ticketId(req));
        return { staff, subject: await ticketSubject(p, ticket), target: `ticket ${ticket.id}` };
      }
      const params = parse(conversationParamsSchema, req.params);
      const subject = await p.subjectOf(params.channelId, params.conversationId);
      return { staff, subject, target: p.service.targetOf(subject) };
    };
    for (const kind of ['ticket', 'conversation'] as const) {
      const base = kind === 'ticket' ? '/api/staff/tickets/:id' : '/api/staff/conversations/:channelId/:conversationId';
      // Art. 15: everything stored about the user, as JSON.
      server.get(`${base}/export`, async (req: Request, res: Response) => {
        const { staff, subject, target } = await bySubject(req, kind);
        const exported = await p.service.export(subject, { kind: 'staff', ...staff }, target);
        res.header('content-disposition', `attachment; filename="export-${kind}.json"`);
        res.send(200, exported);
      });
      // Deletes the user's data (tickets are anonymised, not deleted).
      server.post(`${base}/delete`, async (req: Request, res: Response) => {
        const { staff, subject, target } = await bySubject(req, kind);
        const deleted = await p.service.erase(subject, { kind: 'staff', ...staff }, target);
        await p.afterErase?.(subject);
        res.send(200, { deleted });
      });
    }
    server.get('/api/staff/audit', async (req: Request, res: Response) => {
      await staffOf(req);
      res.send(200, { entries: await p.audit.list() });
    });
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
        const staff = await staffOf(req);
        const ticket = await service.ticket(ticketId(req));
        // Reading a transcript is an access to personal data: audited (who, when, which ticket).
        await privacy?.audit.record({ kind: 'staff', ...staff }, 'transcript.read', `ticket ${ticket.id}`);
        res.send(200, await ticketDetailJson(service, ticket));
      });

      if (privacy) registerPrivacy(server, privacy);

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
