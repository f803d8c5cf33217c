import { defineConfig } from 'vitest/config';
import summary from './tests/summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the app first when any source is newer than dist/ and dist-electron/ (tests/setup/build.ts).
    globalSetup: ['tests/setup/build.ts'],
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
