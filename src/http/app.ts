/**
 * Composes the restify server: parsers, limits, logging, error mapping, and the routes of every feature.
 * It only composes; starting and stopping is `main.ts`'s job.
 */
import restify, { type Server } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { jsonBodyReader } from './body.js';
import type { Admission } from './overload.js';
import { installErrorHandler } from './errors.js';

/** A feature's routes, registered on the shared server. */
export type RouteModule = (server: Server) => void;

export function createHttpServer(config: Config, logger: Logger, routeModules: RouteModule[], admission?: Admission): Server {
  const server = restify.createServer({
    name: 'brueckenschlag-assistant',
    handleUpgrades: true,
    ignoreTrailingSlash: true,
    // restify's own warnings go through our logger, so that LOG_LEVEL and the JSON format apply to them too.
    // (restify 11 takes a pino logger; @types/restify still describes the bunyan logger of restify 8.)
    log: logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
  });
  // Before routing and body reading: shed turns under overload, refuse everything while draining (./overload.ts).
  if (admission) server.pre(admission.handler);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Our own reader instead of restify's bodyParser: JSON only, capped in memory, no uploads to disk (src/http/body.ts).
  server.use(jsonBodyReader({ maxBytes: config.MAX_BODY_BYTES }));
  server.pre((req, res, next) => {
    res.header('x-request-id', req.id());
    return next();
  });
  server.on('after', (req, res) => {
    // Built only when logged: every request passes here (LOG_LEVEL=warn in production leaves it out).
    if (!logger.isLevelEnabled('info')) return;
    // Paths only: query strings can carry what users typed.
    logger.info({ requestId: req.id(), method: req.method, path: req.getPath(), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });
  installErrorHandler(server, logger);
  for (const register of routeModules) register(server);
  return server;
}
