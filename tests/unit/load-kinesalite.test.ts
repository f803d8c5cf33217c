// The load run against the sandbox (kinesalite behind the app's front): every record is
// acknowledged once, and the stream holds exactly those records where the run said they went.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordResults } from '../helpers/journal';
import { startLoadRun } from '../../electron/load/run';
import type { OutgoingRecord } from '../../electron/load/types';
import { createSandbox } from '../../electron/sandbox';
import type { Sandbox } from '../../electron/services';
import { readWholeStream, sandboxClient } from '../helpers/kinesis-fixtures';

let sandbox: Sandbox;
let client: KinesisClient;
let dir: string;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.createStream('load-run', 3);
  client = await sandboxClient(sandbox);
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-load-sandbox-'));
});

afterAll(async () => {
  client?.destroy();
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('load run against the sandbox', () => {
  it('sends a count of records in calls of 500, each acknowledged once and stored where reported', async () => {
    const encoder = new TextEncoder();
    const source = (index: number): OutgoingRecord => ({
      partitionKey: `device-${index % 97}`,
      data: encoder.encode(JSON.stringify({ id: index, body: 'z'.repeat(1000) })),
    });
    const resultsFile = path.join(dir, 'results.jsonl');
    // A user rate high enough for full calls from the first one ("as fast as possible" ramps up in small calls).
    const report = await startLoadRun({
      client,
      streamName: 'load-run',
      source,
      resultsFile,
      plan: { count: 2100, concurrency: 3, ratePerSec: 1_000_000 },
    }).done;
    expect(report).toMatchObject({
      state: 'done',
      total: 2100,
      sent: 2100,
      acknowledged: 2100,
      failed: 0,
      notSent: 0,
      calls: 5,
      stopError: null,
    });
    expect(Object.keys(report.acknowledgedPerShard)).toHaveLength(3);

    const endpoint = await sandbox.endpoint();
    const stored = await readWholeStream(endpoint, 'load-run', sandbox.keysFor(endpoint));
    const ids = stored.map((r) => (JSON.parse(r.data) as { id: number }).id);
    expect(ids.length).toBe(2100);
    expect(new Set(ids).size).toBe(2100);
    const perShard: Record<string, number> = {};
    for (const r of stored) perShard[r.shardId] = (perShard[r.shardId] ?? 0) + 1;
    expect(perShard).toEqual(report.acknowledgedPerShard);

    const results = await readRecordResults(resultsFile);
    const where = new Map(stored.map((r, k) => [ids[k], `${r.shardId}/${r.sequenceNumber}/${r.partitionKey}`]));
    expect(
      results.filter((r) => !r.ok || where.get(r.index) !== `${r.shardId}/${r.sequenceNumber}/${r.partitionKey}`),
    ).toEqual([]);
    expect(results.every((r) => r.attempts === 1)).toBe(true);
  });
});
