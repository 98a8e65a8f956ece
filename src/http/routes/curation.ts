/**
 * The curators' API: the gap report and quality figures for every staff member; changes to the knowledge, writing
 * them into the folder and reloading for curators only (STAFF_CURATORS). Staff authentication as in staff.ts.
 *
 * GET  /api/staff/gaps?days=&lang=&sort=largest|newest    the gap report
 * GET  /api/staff/quality?days=&lang=                      weekly figures for the chart
 * GET  /api/staff/knowledge                                the knowledge's version, state, problems and entries
 * GET  /api/staff/curation/changes                         every curator change (who, when, what)
 * POST /api/staff/curation/changes                         a change: phrasing | draft | outOfScope
 * POST /api/staff/curation/write                           writes pending changes into the folder's files
 * POST /api/admin/reload                                   re-reads the folder and the changes, rebuilds, swaps
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { CuratorService } from '../../curation/curatorService.js';
import type { LiveKnowledge } from '../../core/liveKnowledge.js';
import type { StaffAuthenticator } from '../../handoff/staffAuth.js';
import { languages } from '../../knowledge/schema.js';
import type { Logger } from '../../logger.js';

const reportQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(3650).optional(),
  lang: z.enum(languages).optional(),
  sort: z.enum(['largest', 'newest']).default('largest'),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('BAD_REQUEST', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface CurationRouteDependencies {
  curation: CuratorService;
  knowledge: LiveKnowledge;
  authenticate: StaffAuthenticator;
  logger: Logger;
}

export function curationRoutes({ curation, knowledge, authenticate, logger }: CurationRouteDependencies) {
  const staffOf = (req: Request) => authenticate(req.header('authorization'));
  const curatorOf = async (req: Request) => {
    const staff = await staffOf(req);
    if (!staff.curator) throw new AppError('FORBIDDEN', 'Only curators may change the knowledge.');
    return staff;
  };
  const reloaded = (result: Awaited<ReturnType<CuratorService['reload']>>) => {
    if (!result.ok) logger.warn({ problems: result.status.problems.length }, 'knowledge rebuild failed; the previous version keeps serving');
    return { ok: result.ok, knowledge: result.status };
  };

  return (server: Server): void => {
    server.get('/api/staff/gaps', async (req: Request, res: Response) => {
      await staffOf(req);
      const filter = parse(reportQuerySchema, req.query);
      res.send(200, { filter, groups: await curation.gaps(filter) });
    });

    server.get('/api/staff/quality', async (req: Request, res: Response) => {
      await staffOf(req);
      const filter = parse(reportQuerySchema, req.query);
      res.send(200, { weeks: await curation.quality(filter) });
    });

    server.get('/api/staff/knowledge', async (req: Request, res: Response) => {
      await staffOf(req);
      res.send(200, { status: knowledge.status(), entries: curation.entries() });
    });

    server.get('/api/staff/curation/changes', async (req: Request, res: Response) => {
      await staffOf(req);
      res.send(200, { changes: await curation.changes() });
    });

    server.post('/api/staff/curation/changes', async (req: Request, res: Response) => {
      const staff = await curatorOf(req);
      const { change, reload } = await curation.change(req.body, staff);
      logger.info({ change: change.id, action: change.data.action, by: staff.id }, 'curator change');
      res.send(201, { change, ...reloaded(reload!) });
    });

    server.post('/api/staff/curation/write', async (req: Request, res: Response) => {
      const staff = await curatorOf(req);
      const { files, reload } = await curation.write(staff);
      logger.info({ files: files.length, by: staff.id }, 'curator changes written into the folder');
      res.send(200, { files, ...reloaded(reload) });
    });

    server.post('/api/admin/reload', async (req: Request, res: Response) => {
      await curatorOf(req);
      const result = reloaded(await curation.reload());
      res.send(result.ok ? 200 : 409, result);
    });
  };
}
