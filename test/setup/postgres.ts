/**
 * vitest global setup: a throwaway PostgreSQL server for the `postgres` test project (scripts/throwawayPostgres.ts),
 * stopped and removed after the run.
 *
 * TEST_POSTGRES_URL set from outside: that server is used instead. TEST_POSTGRES=off: no server, and the `postgres`
 * project fails loudly rather than silently skipping.
 */
import { startThrowawayPostgres } from '../../scripts/throwawayPostgres.js';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_POSTGRES_URL || process.env.TEST_POSTGRES === 'off') return;
  const server = await startThrowawayPostgres();
  process.env.TEST_POSTGRES_URL = server.url;
  return server.stop;
}
