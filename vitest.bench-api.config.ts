import { defineConfig } from 'vitest/config';

/** The API under load (`npm run bench:api`): the embedded stack as `duyet dev` runs it, one load file. */
export default defineConfig({
  test: {
    include: ['bench/api.load.ts'],
    globalSetup: ['bench/api.global-setup.ts'],
    setupFiles: ['test-support/quiet-runtime.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
