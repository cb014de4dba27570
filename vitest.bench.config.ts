import { defineConfig } from 'vitest/config';

// Benchmarks run without the Temporal server the tests start.
export default defineConfig({ test: { include: [], benchmark: { include: ['bench/**/*.bench.ts'] } } });
