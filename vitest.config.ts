import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time under load on purpose: they run alone, after the others (`npm test` runs the project `alone`
 * in a second vitest run), so that no other test shares the two CPUs with them.
 */
const alone = ['test/security/overload.test.ts'];

/** Tests that never touch a database: they run once, in the `sqlite` project. */
const storeless = [
  'test/knowledge/**',
  'test/eval/**',
  'test/core/**',
  'test/cards/**',
  'test/config.test.ts',
  'test/texts.test.ts',
  'test/teams/manifest.test.ts',
  'test/architecture/**',
  'test/bench/**',
  // The HTTP edge under fuzzing, and the SQLite file's modes: once is enough; the crash test runs on both.
  'test/security/fuzz.test.ts',
  'test/security/files.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server and browser tests bind ports and spawn processes; two workers suit the 2-core machines.
    maxWorkers: 2,
    // A throwaway PostgreSQL server for the `postgres` project (test/setup/postgres.ts).
    globalSetup: ['test/setup/postgres.ts'],
    projects: [
      // Several app instances share a PostgreSQL database only (test/instances/): they run in the `postgres` project.
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/instances/**', ...alone] } },
      // Every test that touches storage runs again on PostgreSQL (test/helpers/testStore.ts).
      {
        extends: true,
        test: { name: 'postgres', include: ['test/**/*.test.ts'], exclude: [...storeless, ...alone], env: { TEST_STORE: 'postgres' } },
      },
      { extends: true, test: { name: 'alone', include: alone } },
    ],
  },
});
