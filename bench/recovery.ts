// Crash recovery for npm run bench: a journal of 1,000,000 records, written by the engine's own
// writer (a call line of 500 records, their acknowledgements, the call's answer; the last call
// still out, as a kill leaves it), read back into a run's figures by the recovery at start.
// Baseline in the same run: the same file's bytes read with a plain readFile and split into lines.
// Also the longest the event loop waited during recovery: it must stay responsive.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { openResultsFile, readJournal } from '../electron/load/results-file';
import { median } from './median';

const RECORDS = Number(process.env.BENCH_JOURNAL_RECORDS ?? 1_000_000);
const CALL = 500;
const ROUNDS = 3;

async function writeJournal(file: string) {
  const j = openResultsFile(file);
  for (let from = 0; from < RECORDS; from += CALL) {
    const batch = Array.from({ length: Math.min(CALL, RECORDS - from) }, (_, k) => from + k);
    const call = j.intent(batch);
    if (from + CALL >= RECORDS) break;
    for (const index of batch) {
      j.add({
        index,
        partitionKey: `key-${index}`,
        ok: true,
        shardId: `shardId-00000000000${index % 4}`,
        sequenceNumber: `4963${String(index).padStart(52, '0')}`,
        attempts: 1,
      });
    }
    j.answered(call, true);
    await j.flush();
  }
  const error = await j.close();
  if (error) throw new Error(error);
}

export async function printRecoveryBench() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-bench-journal-'));
  try {
    const file = path.join(dir, 'run.jsonl');
    await writeJournal(file);
    const baseline: number[] = [];
    const recovery: number[] = [];
    let worstStall = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      const lines = (await readFile(file, 'utf8')).split('\n').length;
      baseline.push(performance.now() - t);
      if (lines < RECORDS) throw new Error(`the journal has ${lines} lines`);
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      t = performance.now();
      const s = await readJournal(file, { declaredTotal: RECORDS, keepFailures: 100 });
      recovery.push(performance.now() - t);
      delay.disable();
      worstStall = Math.max(worstStall, delay.max / 1e6);
      if (s.acknowledged !== RECORDS - CALL || s.unknown !== CALL || s.failed + s.notSent !== 0)
        throw new Error(`recovered ${JSON.stringify({ ...s, fates: null })}`);
    }
    const ms = median(recovery);
    const base = median(baseline);
    console.log(`\ncrash recovery: a journal of ${RECORDS.toLocaleString('en')} records (median of ${ROUNDS})`);
    console.log(
      `  recovery ${ms.toFixed(0)} ms (target <= 2000 ms), readFile+split of the same bytes ${base.toFixed(0)} ms: ratio ${(ms / base).toFixed(2)}`,
    );
    console.log(`  longest event-loop wait during recovery: ${worstStall.toFixed(0)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
