/**
 * Composition root: load config → build the application → listen → stop cleanly on SIGTERM/SIGINT.
 */
import { buildApplication } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { KnowledgeError } from './knowledge/loader.js';
import { createLogger } from './logger.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config);
  const started = performance.now();
  let app;
  try {
    app = await buildApplication(config, logger);
  } catch (error) {
    if (error instanceof KnowledgeError) fail(error.message);
    throw error;
  }
  let port;
  try {
    port = await app.listen();
  } catch (error) {
    await app.close().catch(() => undefined);
    // The most common start-up mistake gets a plain sentence, not a stack trace.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`Port ${config.PORT} on ${config.HOST} is already in use (set PORT).`);
    throw error;
  }
  // Logged once the phrasing classifier is trained too (`listen` waits for it); requests were answered from the bind on.
  logger.info({ port, startupMs: Math.round(performance.now() - started) }, `listening on http://localhost:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs: config.SHUTDOWN_DRAIN_MS }, 'shutting down');
    // The drain is bounded; closing the store and streams after it gets a few seconds more.
    const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_DRAIN_MS + 5_000);
    timer.unref();
    const finished = await app.drain(config.SHUTDOWN_DRAIN_MS);
    if (!finished) logger.warn('requests still running at the end of the drain were cut');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => fail(`Failed to start: ${(error as Error).stack ?? String(error)}`));
