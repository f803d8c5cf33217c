import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../electron/runner/exit-codes';
import {
  MergeError,
  mergedReportSchema,
  mergeReports,
  readShardReport,
  type ShardReport,
} from '../../electron/runner/merge';
import { reportSchema, type RequestReport, type RunnerReport } from '../../electron/runner/report';

type Counts = RequestReport['counts'];
const counts = (acknowledged: number, more: Partial<Counts> = {}): Counts => ({
  total: acknowledged + (more.failed ?? 0) + (more.notSent ?? 0) + (more.unknown ?? 0),
  acknowledged,
  failed: 0,
  notSent: 0,
  unknown: 0,
  possibleDuplicates: 0,
  ...more,
});

function request(over: Partial<RequestReport> = {}): RequestReport {
  return {
    name: 'Orders load',
    path: 'orders/load.request.yaml',
    kind: 'batch',
    fingerprint: 'f1',
    streamName: 'orders',
    endpoint: 'http://127.0.0.1:4567',
    region: 'us-east-1',
    status: 'passed',
    error: null,
    counts: counts(500),
    calls: 1,
    throttled: 0,
    latency: { p50: 10, p95: 20 },
    acknowledgedPerShard: [{ shardId: 'shardId-000000000000', count: 500 }],
    failures: [],
    stopError: null,
    assertions: [
      {
        assertion: { type: 'delivered' },
        status: 'passed',
        reason: 'assertionDelivered',
        params: { acknowledged: 500, total: 500 },
      },
      {
        assertion: { type: 'latencyP95', maxMs: 100 },
        status: 'passed',
        reason: 'assertionLatency',
        params: { p95: 20, max: 100 },
      },
    ],
    shard: null,
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:00:05.000Z',
    ...over,
  };
}

/** A shard's report as the runner writes it, checked against the schema like merge does. */
function shardReport(index: number, count: number, requests: RequestReport[], over: Partial<RunnerReport> = {}) {
  const records = requests.reduce(
    (a, r) => ({
      total: a.total + r.counts.total,
      acknowledged: a.acknowledged + r.counts.acknowledged,
      failed: a.failed + r.counts.failed,
      notSent: a.notSent + r.counts.notSent,
      unknown: a.unknown + r.counts.unknown,
      possibleDuplicates: a.possibleDuplicates + r.counts.possibleDuplicates,
    }),
    counts(0),
  );
  const report: RunnerReport = {
    kind: 'stream-composer/report',
    version: 1,
    tool: { name: 'stream-composer', version: '0.1.0' },
    environment: 'dev',
    shard: { index, count },
    interrupted: false,
    problems: [],
    totals: {
      requests: requests.length,
      passed: requests.filter((r) => r.status === 'passed').length,
      failed: requests.filter((r) => r.status === 'failed').length,
      undelivered: requests.filter((r) => r.status === 'undelivered').length,
      errors: 0,
      interrupted: 0,
      records,
      assertions: { passed: 0, failed: 0, notChecked: 0 },
    },
    requests: requests.map((r) => ({ ...r, shard: { index, count } })),
    exitCode: 0,
    startedAt: `2026-12-01T10:00:0${index}.000Z`,
    endedAt: `2026-12-01T10:01:0${index}.000Z`,
    ...over,
  };
  return reportSchema.parse(report);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'merge-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the reports to files and reads them back as `stream-composer merge` does. */
async function viaFiles(reports: RunnerReport[]): Promise<ShardReport[]> {
  const out: ShardReport[] = [];
  for (const [i, report] of reports.entries()) {
    const file = path.join(dir, `shard-${i}.json`);
    await writeFile(file, JSON.stringify(report));
    out.push(await readShardReport(file));
  }
  return out;
}

describe('mergeReports', () => {
  it('sums the counts of every shard and keeps the per-shard figures', async () => {
    const shards = [0, 1, 2, 3].map((i) =>
      shardReport(i, 4, [
        request({
          counts: counts(500, { possibleDuplicates: i }),
          calls: 2 + i,
          throttled: i,
          latency: { p50: 10 + i, p95: [30, 80, 50, 20][i] },
          acknowledgedPerShard: [
            { shardId: 'shardId-000000000001', count: 200 },
            { shardId: 'shardId-000000000000', count: 300 },
          ],
        }),
      ]),
    );
    const merged = mergeReports(await viaFiles(shards));
    expect(mergedReportSchema.safeParse(merged).success).toBe(true);
    const [r] = merged.requests;
    expect(r.counts).toEqual(counts(2000, { possibleDuplicates: 6 }));
    expect(merged.totals.records).toEqual(r.counts);
    expect(r.calls).toBe(14);
    expect(r.throttled).toBe(6);
    // Upper bounds: the largest of the shards' percentiles.
    expect(r.latency).toEqual({ p50: 13, p95: 80 });
    expect(r.acknowledgedPerShard).toEqual([
      { shardId: 'shardId-000000000000', count: 1200 },
      { shardId: 'shardId-000000000001', count: 800 },
    ]);
    expect(r.shard).toBeNull();
    expect(merged.shard).toBeNull();
    expect(r.shards.map((s) => [s.index, s.counts.acknowledged])).toEqual([
      [0, 500],
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(merged.shards.map((s) => s.file)).toEqual([0, 1, 2, 3].map((i) => path.join(dir, `shard-${i}.json`)));
    expect(merged.startedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(merged.endedAt).toBe('2026-12-01T10:01:03.000Z');
    expect(merged.exitCode).toBe(EXIT_CODES.ok);
    expect(r.status).toBe('passed');
  });

  it('merges reports given in any order', async () => {
    const shards = [2, 0, 1].map((i) => shardReport(i, 3, [request()]));
    const merged = mergeReports(await viaFiles(shards));
    expect(merged.shards.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(merged.requests[0].counts.acknowledged).toBe(1500);
  });

  it('fails an assertion that any shard failed, naming the shards, with exit code 1', async () => {
    const failing = (shard: number) =>
      request({
        status: 'failed',
        assertions: [
          {
            assertion: { type: 'delivered' },
            status: 'passed',
            reason: 'assertionDelivered',
            params: { acknowledged: 500, total: 500 },
          },
          {
            assertion: { type: 'latencyP95', maxMs: 100 },
            status: 'failed',
            reason: 'assertionLatency',
            params: { p95: 150 + shard, max: 100 },
            actual: String(150 + shard),
          },
        ],
      });
    const shards = [shardReport(0, 3, [request()]), shardReport(1, 3, [failing(1)]), shardReport(2, 3, [failing(2)])];
    const merged = mergeReports(await viaFiles(shards));
    const [delivered, latency] = merged.requests[0].assertions;
    // Passed everywhere: the whole run's figures. Failed: the failing shards', the largest p95.
    expect(delivered).toMatchObject({ status: 'passed', shards: [], params: { acknowledged: 1500, total: 1500 } });
    expect(latency).toMatchObject({ status: 'failed', shards: [1, 2], actual: '151', params: { p95: 152, max: 100 } });
    expect(merged.requests[0].status).toBe('failed');
    expect(merged.totals.failed).toBe(1);
    expect(merged.totals.assertions).toEqual({ passed: 1, failed: 1, notChecked: 0 });
    expect(merged.exitCode).toBe(EXIT_CODES.assertionFailed);
  });

  it('counts a record one shard did not deliver as undelivered for the whole run (exit code 3)', async () => {
    const shards = [
      shardReport(0, 2, [request()]),
      shardReport(1, 2, [
        request({
          status: 'undelivered',
          counts: counts(498, { failed: 2 }),
          failures: [
            { index: 998, partitionKey: 'k', errorCode: 'InternalFailure', errorMessage: 'x', attempts: 10 },
            { index: 999, partitionKey: 'k', errorCode: 'InternalFailure', errorMessage: 'x', attempts: 10 },
          ],
        }),
      ]),
    ];
    const merged = mergeReports(await viaFiles(shards));
    expect(merged.requests[0].status).toBe('undelivered');
    expect(merged.requests[0].failures.map((f) => f.index)).toEqual([998, 999]);
    expect(merged.exitCode).toBe(EXIT_CODES.undelivered);
  });

  it('marks the whole run interrupted when one shard was (exit code 130)', async () => {
    const shards = [
      shardReport(0, 2, [request()]),
      shardReport(1, 2, [request({ status: 'interrupted', counts: counts(100, { notSent: 400 }) })], {
        interrupted: true,
      }),
    ];
    const merged = mergeReports(await viaFiles(shards));
    expect(merged.interrupted).toBe(true);
    expect(merged.requests[0].status).toBe('interrupted');
    expect(merged.exitCode).toBe(EXIT_CODES.interrupted);
  });
});

describe('mergeReports refuses what is not one run', () => {
  const refusal = async (reports: RunnerReport[]) => {
    const inputs = await viaFiles(reports);
    try {
      mergeReports(inputs);
    } catch (error) {
      expect(error).toBeInstanceOf(MergeError);
      return (error as Error).message;
    }
    throw new Error('merged');
  };

  it('a missing shard, naming it', async () => {
    const message = await refusal([0, 1, 3].map((i) => shardReport(i, 4, [request()])));
    expect(message).toContain('shard 2 is missing');
    expect(message).toContain('0 to 3');
  });

  it('a shard given twice, naming both files', async () => {
    const message = await refusal([0, 1, 1].map((i) => shardReport(i, 3, [request()])));
    expect(message).toMatch(/shard-1\.json and .*shard-2\.json are both shard 1/);
  });

  it('shards of different shard counts', async () => {
    expect(await refusal([shardReport(0, 2, [request()]), shardReport(1, 3, [request()])])).toContain(
      'a shard of 2 and',
    );
  });

  it('different requests, or a request file changed between the shards', async () => {
    const other = request({ path: 'orders/other.request.yaml' });
    expect(await refusal([shardReport(0, 2, [request()]), shardReport(1, 2, [other])])).toContain(
      'ran different requests',
    );
    expect(
      await refusal([shardReport(0, 2, [request()]), shardReport(1, 2, [request(), request({ path: 'b' })])]),
    ).toContain('ran different requests');
    const changed = request({ fingerprint: 'f2' });
    expect(await refusal([shardReport(0, 2, [request()]), shardReport(1, 2, [changed])])).toContain('the file changed');
  });

  it('different environments', async () => {
    expect(
      await refusal([shardReport(0, 2, [request()]), shardReport(1, 2, [request()], { environment: 'prod' })]),
    ).toContain('environment dev');
  });

  it('a report of a run without --shard', async () => {
    expect(await refusal([shardReport(0, 1, [request()], { shard: null })])).toContain('without --shard');
  });

  it('a file that is not a report, saying where', async () => {
    const file = path.join(dir, 'junit.xml');
    await writeFile(file, '<testsuites/>');
    await expect(readShardReport(file)).rejects.toThrow(/junit\.xml is not JSON/);
    await writeFile(file, JSON.stringify({ kind: 'stream-composer/report' }));
    await expect(readShardReport(file)).rejects.toThrow(/is not a stream-composer report \(at version/);
    await expect(readShardReport(path.join(dir, 'nope.json'))).rejects.toThrow(/Cannot read .*nope\.json/);
  });
});
