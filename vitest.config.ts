import { defineConfig } from 'vitest/config';
import summary from './tests/summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e files each start a Chromium, so keep parallelism low.
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default', summary],
  },
});
