import { defineConfig } from 'vitest/config';

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
  // The HTTP edge under fuzzing and overload, and the SQLite file's modes: once is enough; the crash test runs on both.
  'test/security/fuzz.test.ts',
  'test/security/overload.test.ts',
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
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/instances/**'] } },
      // Every test that touches storage runs again on PostgreSQL (test/helpers/testStore.ts).
      {
        extends: true,
        test: { name: 'postgres', include: ['test/**/*.test.ts'], exclude: storeless, env: { TEST_STORE: 'postgres' } },
      },
    ],
  },
});
