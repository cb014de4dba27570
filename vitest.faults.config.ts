import { defineConfig } from 'vitest/config';

/**
 * The fault test (`npm run test:faults`): its own Temporal dev server, store, receivers and worker, which it kills
 * and restarts; no other test runs beside it. FAULTS_COUNT, FAULTS_DOSSIERS, FAULTS_SEED and FAULTS_MAX_GAP_MS size it.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.faults.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 900_000,
  },
});
