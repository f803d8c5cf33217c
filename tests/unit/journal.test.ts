// A run's journal as written by the engine's calls, read back by recovery: each record's fate
// from its call lines and fate lines, a torn last line left out.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Fate, openResultsFile, readJournal } from '../../electron/load/results-file';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), 'sc-journal-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

test('fates come from call and fate lines; a call without an answer or still out leaves its records unknown; a torn last line is skipped', async () => {
  const file = path.join(dir, 'run.jsonl');
  const j = openResultsFile(file);
  const ack = (index: number, shardId: string, extra = {}) =>
    j.add({ index, partitionKey: `k${index}`, ok: true, shardId, sequenceNumber: `${index}`, attempts: 1, ...extra });
  // Call 1: answered; two acknowledged, one failed, one of unknown fate (at-most-once).
  const c1 = j.intent([0, 1, 2, 3]);
  ack(0, 'shard-a');
  ack(1, 'shard-b');
  j.add({
    index: 2,
    partitionKey: 'k2',
    ok: false,
    errorCode: 'ValidationException',
    errorMessage: 'too big',
    attempts: 1,
  });
  j.add({
    index: 3,
    partitionKey: 'k3',
    ok: false,
    errorCode: 'RequestTimeout',
    errorMessage: 'no answer',
    attempts: 1,
    unknown: true,
  });
  j.answered(c1, true);
  // Call 2 got no answer and its records waited to retry: they may be stored.
  j.answered(j.intent([4, 5]), false);
  // Call 3 was answered with retryable rejections: not stored, waiting to retry.
  j.answered(j.intent([6, 7]), true);
  // Call 4 was out when the process ended.
  j.intent([8]);
  // A record sent again after a call without an answer, then acknowledged.
  ack(9, 'shard-a', { possibleDuplicate: true });
  await j.flush();
  expect(await j.close()).toBeNull();
  // The crash cut this line short: it would otherwise say record 10 was acknowledged.
  await appendFile(file, '{"index":10,"partitionKey":"k10","ok":true,"shardId":"sha');

  const s = await readJournal(file, { declaredTotal: 12, keepFailures: 10, fates: true });
  expect(s).toMatchObject({
    total: 12,
    acknowledged: 3,
    failed: 3,
    unknown: 4,
    notSent: 2,
    possibleDuplicates: 1,
    calls: 3,
    skippedLines: 1,
  });
  expect(s.acknowledgedPerShard).toEqual({ 'shard-a': 2, 'shard-b': 1 });
  expect(s.failures).toEqual([
    { index: 2, partitionKey: 'k2', errorCode: 'ValidationException', errorMessage: 'too big', attempts: 1 },
  ]);
  expect([...s.fates!]).toEqual([
    Fate.Acknowledged,
    Fate.Acknowledged,
    Fate.Failed,
    Fate.Unknown,
    Fate.Unknown,
    Fate.Unknown,
    Fate.Failed,
    Fate.Failed,
    Fate.Unknown,
    Fate.Acknowledged,
    Fate.NotSent,
    Fate.NotSent,
  ]);
  expect(s.errors!.get(6)).toMatch(/^Interrupted: /);
});

test('a duration run (no declared total) counts up to the highest index its journal holds', async () => {
  const file = path.join(dir, 'run.jsonl');
  const j = openResultsFile(file);
  j.answered(j.intent([0, 1, 2]), true);
  j.add({ index: 0, partitionKey: 'a', ok: true, shardId: 's', sequenceNumber: '1', attempts: 1 });
  await j.close();
  const s = await readJournal(file, { declaredTotal: 0 });
  expect(s).toMatchObject({ total: 3, acknowledged: 1, failed: 2, unknown: 0, notSent: 0 });
});
