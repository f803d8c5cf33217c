// npm run bench: performance as ratios against a baseline measured in the same run.
//  1. send path: the app's handler → SDK → sandbox, against a bare KinesisClient.send(PutRecord)
//     with the same settings, interleaved so both see the same machine state (bench/send-path.ts);
//  2. history of 10,000 and 100,000 entries: append cost, open + first page, search median and
//     worst of 20 queries, heap held, file size; then compaction after deleting one entry in ten:
//     its time, the longest the event loop waited meanwhile, and the file's bytes before and after;
//  3. renderer: the initial JavaScript the window loads, gzipped (bench/renderer-initial.ts);
//  4. the load run: unthrottled against a bare PutRecords loop, and throttled (bench/load-run.ts);
//  5. crash recovery: a run's figures read back from a journal of 1,000,000 records (bench/recovery.ts);
//  6. the command-line runner: throughput against the app's engine, start to first request, and
//     memory over a 1,000,000-record run (bench/runner.ts);
//  7. decoding a 1 MiB gzip + JSON record against gunzip + JSON.parse alone (bench/decode.ts);
//  8. a tail filter over 10,000 records against a plain JS predicate (bench/tail-filter.ts).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HistoryEntry } from '../electron/contract';
import { openHistory } from '../electron/history';
import { printDecodeBench } from './decode';
import { printKplBench } from './kpl';
import { printLoadRunBench } from './load-run';
import { printRecoveryBench } from './recovery';
import { printRunnerBench } from './runner';
import { RENDERER_INITIAL_BUDGET_KB, rendererInitialJs, rendererLanguageJs } from './renderer-initial';
import { printSendPathBench } from './send-path';
import { printTailFilterBench } from './tail-filter';
import { median } from './median';

const HISTORY_ENTRIES = 10_000;

const fmt = (n: number, d = 3) => n.toFixed(d);

const failure: HistoryEntry['result'] = {
  ok: false,
  error: {
    name: 'ResourceNotFoundException',
    message: 'Stream example-stream not found',
    hint: '',
    httpStatus: 400,
    requestId: null,
    retryable: false,
    attempts: 1,
  },
};

function sampleEntry(i: number): HistoryEntry {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    time: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    profile: {
      id: 'p1',
      name: 'Local sandbox',
      kind: 'sandbox',
      endpoint: 'http://127.0.0.1:4567',
      region: 'us-east-1',
    },
    streamName: 'example-stream',
    target: { type: 'name', streamName: 'example-stream' },
    partitionKey: `user-${i}`,
    payload: {
      mode: 'json',
      text: JSON.stringify({ id: i, user: `user-${i}`, note: 'y'.repeat(600) }),
      size: 640,
      truncated: false,
    },
    result:
      i % 10 === 3
        ? failure
        : {
            ok: true,
            response: {
              shardId: 'shardId-000000000001',
              sequenceNumber: '4968055891260447165676335706423911655748593510537756673' + (i % 10),
              encryptionType: null,
              httpStatus: 200,
              requestId: 'req-' + i,
              attempts: 1,
              totalRetryDelayMs: 0,
            },
          },
    latencyMs: 2.5,
  };
}

/** The main process's heap after a full collection: what the history index keeps alive. */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const SEARCHES = 20;

async function benchHistory(count: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-history-'));
  try {
    const history = await openHistory({ dataDir });
    const t0 = performance.now();
    // Sequential, as sends append, for the per-entry cost; then in bulk for the rest.
    const sequential = Math.min(count, HISTORY_ENTRIES);
    for (let i = 0; i < sequential; i++) await history.append(sampleEntry(i));
    const appendMs = performance.now() - t0;
    for (let i = sequential; i < count; i += 1000) {
      await Promise.all(
        Array.from({ length: Math.min(1000, count - i) }, (_, k) => history.append(sampleEntry(i + k))),
      );
    }
    await history.close();
    const heapBefore = heapUsed();
    const t1 = performance.now();
    const reopened = await openHistory({ dataDir });
    const first = reopened.query({ offset: 0, limit: 50 });
    const loadMs = performance.now() - t1;
    if (first.entries[0]?.id !== sampleEntry(count - 1).id)
      throw new Error('the newest page does not start with the newest entry');
    // The rest of the file loads in the background; searches and the heap are measured on all of it.
    await reopened.loaded();
    const restMs = performance.now() - t1;
    const { total } = reopened.query({ offset: 0, limit: 1 });
    if (total !== count) throw new Error(`reopened history has ${total} entries`);
    const heapBytes = heapUsed() - heapBefore;
    // Keys near the end, the middle and the start, words every payload holds, error names, misses.
    const queries = Array.from(
      { length: SEARCHES },
      (_, q) =>
        [
          `user-${count - 1 - q}`,
          `user-${Math.floor(count / 2) + q}`,
          'resourcenotfound',
          'YYYY',
          `no-such-thing-${q}`,
        ][q % 5],
    );
    const searchMs: number[] = [];
    for (const text of queries) {
      const t = performance.now();
      reopened.query({ offset: 0, limit: 50, text });
      searchMs.push(performance.now() - t);
    }
    const size = (await stat(path.join(dataDir, 'history.jsonl'))).size;
    // One entry in ten deleted (count is a multiple of 10,000), a thousand tombstones at a time.
    for (let i = 0; i < count; i += 10_000) {
      await Promise.all(Array.from({ length: 1000 }, (_, k) => reopened.delete(sampleEntry(i + k * 10).id)));
    }
    // The longest wait of a 1 ms timer during the compaction: how long the main process stalls.
    let stallMs = 0;
    let tick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - tick);
      tick = now;
    }, 1);
    const t2 = performance.now();
    const compaction = await reopened.compact({ keepLast: null, keepDays: null });
    const compactMs = performance.now() - t2;
    clearInterval(ticker);
    if (compaction.total !== count - count / 10) throw new Error(`compacted history has ${compaction.total} entries`);
    await reopened.close();
    return {
      entries: count,
      appended: sequential,
      appendMs,
      appendPerEntryMs: appendMs / sequential,
      loadMs,
      restMs,
      searchMedianMs: median(searchMs),
      searchWorstMs: Math.max(...searchMs),
      heapBytes,
      fileBytes: size,
      compactMs,
      compactStallMs: stallMs,
      compaction,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await printSendPathBench();
for (const count of [HISTORY_ENTRIES, 10 * HISTORY_ENTRIES]) {
  const hist = await benchHistory(count);
  console.log(`history (${hist.entries} entries of ~1 KB)`);
  console.log(
    `  append ${hist.appended} one by one: ${fmt(hist.appendMs, 0)} ms in all, ${fmt(hist.appendPerEntryMs)} ms per entry`,
  );
  console.log(
    `  open and list the newest page: ${fmt(hist.loadMs, 1)} ms (target < 1000 ms); file ${(hist.fileBytes / 1024 / 1024).toFixed(2)} MiB`,
  );
  console.log(`  whole file loaded in the background after ${fmt(hist.restMs, 0)} ms`);
  console.log(
    `  search (${SEARCHES} queries): median ${fmt(hist.searchMedianMs, 1)} ms, worst ${fmt(hist.searchWorstMs, 1)} ms (target < 100 ms)`,
  );
  console.log(`  main-process heap held by the open history: ${(hist.heapBytes / 1024 / 1024).toFixed(1)} MiB`);
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  console.log(
    `  compaction after deleting 1 in 10: ${fmt(hist.compactMs, 0)} ms, event loop stalled ${fmt(hist.compactStallMs, 1)} ms at most; ` +
      `${mib(hist.compaction.bytesBefore)} MiB -> ${mib(hist.compaction.bytesAfter)} MiB`,
  );
}
const rendererDir = path.resolve(import.meta.dirname, '../dist/renderer');
const bundle = await rendererInitialJs(rendererDir);
console.log(`renderer initial JavaScript: ${bundle.files.join(', ')}`);
console.log(
  `  ${fmt(bundle.rawKB, 1)} KB raw, ${fmt(bundle.gzipKB, 1)} KB gzipped (target <= ${RENDERER_INITIAL_BUDGET_KB} KB)`,
);
const languages = Object.entries(await rendererLanguageJs(rendererDir));
console.log(
  `  plus the UI language's texts, loaded before the first paint: ${languages.map(([lang, kb]) => `${lang} ${fmt(kb, 1)} KB`).join(', ')} gzipped`,
);
await printLoadRunBench();
await printRecoveryBench();
await printRunnerBench();
printDecodeBench();
printTailFilterBench();
await printKplBench();
