// Child processes some tests start and kill (an app killed mid-run, a compaction killed mid-write)
// run from a bundle, like main in the package: loaded through tsx, a start resolves and transforms
// some 200 source files one by one, 5–7 s on a busy 2-core machine against 3–4 s for the bundle,
// and the crash tests start a dozen. The tests' setup (build.ts) bundles them when stale.
import path from 'node:path';

export const CHILDREN_DIR = 'dist/test-children';

export const CHILD_ENTRIES = {
  'run-host-child': 'tests/helpers/run-host-child.ts',
  'compact-child': 'tests/helpers/compact-child.ts',
  // Main's code, bundled, starts its worker threads from ./worker.js beside it (electron/workers/run-task.ts).
  worker: 'electron/workers/entry.ts',
};

export type TestChild = Exclude<keyof typeof CHILD_ENTRIES, 'worker'>;

/** What the bundles are made of: main's code, the children's own and the packages they load. */
export const CHILD_INPUTS = [
  'electron',
  'tests/helpers',
  'tests/setup/children.ts',
  'tests/setup/build.ts',
  'scripts/electron-bundles.ts',
  'package.json',
];
export const CHILD_OUTPUTS = Object.keys(CHILD_ENTRIES).map((name) => `${CHILDREN_DIR}/${name}.js`);

/** The file to start with plain `node`. */
export const testChild = (name: TestChild): string =>
  path.resolve(import.meta.dirname, '../..', CHILDREN_DIR, `${name}.js`);
