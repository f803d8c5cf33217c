// Run as a child process (bundled: tests/setup/children.ts): compacts the history in the data folder argv[2]
// with no limits. With a step in argv[3] it kills itself with SIGKILL when the compaction reaches
// that step: a crash at exactly that point. Without one, the parent kills it when it sees fit.
import { openHistory } from '../../electron/history';
import type { CompactionStep } from '../../electron/history/compact';

const [dataDir, killAt] = process.argv.slice(2) as [string, CompactionStep | undefined];
const history = await openHistory({
  dataDir,
  compactionHook: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
await history.compact({ keepLast: null, keepDays: null });
await history.close();
