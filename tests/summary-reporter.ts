// Prints the plain closing line CI reads ("N passed, N failed, N skipped") after Vitest's own, and
// the unhandled errors, which fail the run while every test passed.
import type { Reporter, TestModule } from 'vitest/node';

const summary: Reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    const errors = unhandledErrors.length ? `, ${unhandledErrors.length} unhandled errors` : '';
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${errors}`);
  },
};

export default summary;
