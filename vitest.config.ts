import path from 'node:path';
import { defineConfig } from 'vitest/config';
import summary from './tests/summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the app first when any source is newer than dist/ and dist-electron/ (tests/setup/build.ts).
    globalSetup: ['tests/setup/build.ts'],
    // Main's code runs from source, its worker threads from that fresh build: a worker loaded
    // through tsx takes 0.3–1 s to start (electron/workers/run-task.ts).
    env: { STREAM_COMPOSER_WORKER_BUNDLE: path.resolve(import.meta.dirname, 'dist-electron/worker.js') },
    // Generous: CI shares a 2-core machine, and a test waits for conditions, not for the clock.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 15_000 } },
    // Two cores: e2e files each start a Chromium, so keep parallelism low.
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default', summary],
  },
});
