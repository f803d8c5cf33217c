// The runner's memory over a long run (issue 12: flat and under 150 MB RSS for a million
// records). A run moves every record through main as an ArrayBuffer made by the template worker,
// and V8's defaults suit a browser tab better than a process that streams a gigabyte:
// - each isolate's young generation grows to two 16 MB semi-spaces once enough survives; the
//   runner's garbage is as well collected in the first 1 MB;
// - the bytes of a dead ArrayBuffer whose object was promoted (records live a call or more) come
//   back only at a full collection, which V8 starts once external memory grew 64 MB past what the
//   last one left: up to 64 MB of records already sent would stay resident.
// Only the command-line runner does this: the app's main process keeps V8's defaults.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Records' bytes that may pile up before a full collection is asked for. */
export const EXTERNAL_SLACK = 8 * 1024 * 1024;
const CHECK_MS = 100;

/**
 * V8 reads this flag, process-wide, each time a young generation would grow; a new isolate (a
 * worker) sets it back to the default while its heap is made, so the worker sets it again once it
 * has loaded (electron/cli/worker.ts): main's young generation may grow meanwhile, twice at most.
 */
export const noYoungGrowth = () => v8.setFlagsFromString('--semi-space-growth-factor=1');

export function keepMemoryLow(): void {
  noYoungGrowth();

  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setInterval(
    collectorOf(() => process.memoryUsage().external, gc),
    CHECK_MS,
  ).unref();
}

/** A check to run often: a full collection once external memory grew `slack` past what the last one left. */
export function collectorOf(external: () => number, collect: () => void, slack = EXTERNAL_SLACK): () => void {
  let floor = external();
  return () => {
    if (external() - floor < slack) return;
    collect();
    floor = external();
  };
}
