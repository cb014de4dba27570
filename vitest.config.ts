import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Which project a test belongs to is decided by its file name alone. A test that starts a server (the Temporal
 * dev server, the time-skipping server, an SMTP or HTTP receiver) or replays recorded histories is named
 * `*.integration.test.ts`, `*.time-skipping.test.ts` or `replay.test.ts`; every other `*.test.ts` is a unit
 * test and must run without any server.
 */
export const integrationTests = [
  'test/**/*.integration.test.ts',
  'test/**/*.time-skipping.test.ts',
  'test/**/replay.test.ts',
];

/** The fault test kills and restarts servers of its own; it runs alone (`npm run test:faults`, vitest.faults.config.ts). */
export const faultTests = ['test/**/*.faults.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...integrationTests, ...faultTests],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationTests,
          globalSetup: ['test-support/temporal.global-setup.ts'],
          setupFiles: ['test-support/quiet-runtime.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
