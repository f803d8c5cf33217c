// Assertions checked after a send or a run: through the app's checkAssertions against the sandbox
// (kinesalite: real sends, real runs with their journals, records read back from their shards),
// and the evaluator itself against the fake endpoint (throttling, failing entries) and scripted
// read-back answers (a stored record that differs, is gone, is not JSON; a read refused; a read
// that never answers, on Vitest's clock).
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Assertion, AssertionResult, RunReportView, SendResult } from '../../electron/contract';
import { evaluateAssertions, READ_BACK_MS, type AssertionOutcome } from '../../electron/assertions/evaluate';
import { startLoadRun, type RunReport } from '../../electron/load/run';
import { perShardList } from '../../electron/runs/registry';
import { englishOf } from '../../electron/messages';
import { recordingServer, startFakeKinesis, type Answer, type FakeKinesis } from '../helpers/fake-kinesis';
import { SANDBOX_TEST_KEYS, sdkClient, silentServer, type TestServer } from '../helpers/kinesis-fixtures';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';

const brief = (r: AssertionResult) => ({ type: r.assertion.type, status: r.status, text: englishOf(r) });

describe('checkAssertions on the sandbox', () => {
  let ctx: RunsApp;

  beforeAll(async () => {
    ctx = await wireRunsApp({ sandboxCredentials: SANDBOX_TEST_KEYS });
    await createSandboxStream(ctx.app.handlers, 'checked', 3);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const send = async (text: string, mode: 'json' | 'text' = 'json') => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const out = value(
      await ctx.app.handlers.sendRecord({
        requestId: crypto.randomUUID(),
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'checked' },
        partitionKey: 'user-1',
        payload: { mode, text },
      }),
    );
    expect(out.result.ok).toBe(true);
    return out.historyId;
  };

  test('a send: each kind of assertion passes or fails on what the stream holds, and the entry keeps the results', async () => {
    const historyId = await send('{"id": 1, "user": {"name": "Ann"}, "tags": ["a", "b"]}');
    const assertions: Assertion[] = [
      { type: 'delivered' },
      { type: 'readBackEqual' },
      { type: 'jsonField', path: '$.id', op: 'equals', value: '1' },
      { type: 'jsonField', path: '$.user.name', op: 'matches', value: '^A' },
      { type: 'jsonField', path: '$.tags[1]', op: 'exists' },
      { type: 'jsonField', path: '$.id', op: 'equals', value: '2' },
      { type: 'jsonField', path: '$.user.name', op: 'matches', value: '^B' },
      { type: 'jsonField', path: '$.user.email', op: 'exists' },
      { type: 'latencyP95', maxMs: 3_600_000 },
      { type: 'latencyP95', maxMs: 0.001 },
      { type: 'throttledPercent', maxPercent: 0 },
      { type: 'noDuplicates' },
    ];
    const { results } = value(await ctx.app.handlers.checkAssertions({ historyId, assertions }));
    expect(results.map(brief)).toMatchObject([
      { status: 'passed', text: '1 of 1 records acknowledged.' },
      { status: 'passed', text: 'Records read back with the bytes sent: 1.' },
      { status: 'passed', text: '$.id is 1 (records checked: 1).' },
      { status: 'passed', text: '$.user.name is "Ann" (records checked: 1).' },
      { status: 'passed', text: '$.tags[1] is "b" (records checked: 1).' },
      { status: 'failed', text: '$.id is 1, expected 2 (record 0).' },
      { status: 'failed', text: '$.user.name is "Ann", which does not match ^B (record 0).' },
      { status: 'failed', text: '$.user.email is not in record 0.' },
      { status: 'passed' },
      { status: 'failed' },
      { status: 'passed', text: 'Throttled 0 % of attempts, limit 0 %.' },
      { status: 'passed', text: 'Records possibly stored twice: 0.' },
    ]);
    expect(results[5].actual).toBe('1');
    expect(englishOf(results[9])).toMatch(/^p95 \d+ ms, limit 0\.001 ms\.$/);

    const entry = value(await ctx.app.handlers.getHistoryEntry({ id: historyId }));
    expect(entry.assertionResults).toEqual(results);
  }, 30_000);

  test('a record that is not JSON fails jsonField; a path with a filter is refused and never run', async () => {
    const historyId = await send('plain words', 'text');
    const { results } = value(
      await ctx.app.handlers.checkAssertions({
        historyId,
        assertions: [
          { type: 'jsonField', path: '$.id', op: 'exists' },
          { type: 'jsonField', path: '$[?(@.constructor.constructor("return process")().exit())]', op: 'exists' },
          { type: 'jsonField', path: '$.id', op: 'matches', value: '(' },
        ],
      }),
    );
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'assertionNotJson'],
      ['notChecked', 'assertionPathScript'],
      ['notChecked', 'assertionPatternInvalid'],
    ]);
  }, 30_000);

  test('a template run: delivered, a sample read back equal to the records made again, a field on every sampled record', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const started = value(
      await ctx.app.handlers.startRun({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'checked' },
        source: { type: 'template', template: '{"n": {{seq(0)}}, "id": "{{uuid}}", "kind": "order"}', locale: 'en' },
        keys: { type: 'random' },
        payloadMode: 'json',
        seed: 77,
        plan: { count: 600, ratePerSec: null, concurrency: 4, maxAttemptsPerRecord: 5 },
      }),
    );
    const report = await reportOf(ctx.events, started.runId);
    expect(report).toMatchObject({ state: 'done', acknowledged: 600 });
    expect(report.attempts).toBeGreaterThanOrEqual(600);
    expect(report.latencyP95Ms).toBeGreaterThan(0);

    const { results } = value(
      await ctx.app.handlers.checkAssertions({
        historyId: report.historyId!,
        assertions: [
          { type: 'delivered' },
          { type: 'readBackEqual', sample: 40 },
          { type: 'jsonField', path: '$.kind', op: 'equals', value: 'order' },
          { type: 'jsonField', path: '$.n', op: 'matches', value: '^[0-9]$' },
          { type: 'noDuplicates' },
          { type: 'throttledPercent', maxPercent: 100 },
          { type: 'latencyP95', maxMs: 3_600_000 },
        ],
      }),
    );
    expect(results.map(brief)).toMatchObject([
      { status: 'passed', text: '600 of 600 records acknowledged.' },
      { status: 'passed', text: 'Records read back with the bytes sent: 40.' },
      { status: 'passed', text: '$.kind is "order" (records checked: 100).' },
      // Records 0-9 match; the first sampled one past them does not.
      {
        status: 'failed',
        text: expect.stringMatching(/^\$\.n is \d{2,3}, which does not match \^\[0-9\]\$ \(record \d+\)\.$/),
      },
      { status: 'passed' },
      { status: 'passed' },
      { status: 'passed' },
    ]);
  }, 60_000);

  test('a template that reads the clock: its records are not compared byte for byte, and the result says why', async () => {
    const sandbox = await sandboxProfileOf(ctx.app.handlers);
    const started = value(
      await ctx.app.handlers.startRun({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'checked' },
        source: { type: 'template', template: '{"n": {{seq}}, "at": "{{now}}"}', locale: 'en' },
        keys: { type: 'random' },
        payloadMode: 'json',
        seed: 5,
        plan: { count: 20, ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 5 },
      }),
    );
    const report = await reportOf(ctx.events, started.runId);
    const { results } = value(
      await ctx.app.handlers.checkAssertions({
        historyId: report.historyId!,
        assertions: [{ type: 'readBackEqual' }, { type: 'jsonField', path: '$.at', op: 'matches', value: '^20' }],
      }),
    );
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['notChecked', 'assertionRecordsTimed'],
      ['passed', 'assertionFieldHolds'],
    ]);
  }, 60_000);
});

/** The contract's view of an engine report, as the app's run registry makes it. */
const viewOf = (r: RunReport): RunReportView => ({
  ...r,
  acknowledgedPerShard: perShardList(r.acknowledgedPerShard),
  failures: [],
  possibleDuplicates: r.possibleDuplicates.length,
  historyId: null,
});

describe('the evaluator against a misbehaving endpoint', () => {
  let fake: FakeKinesis | null = null;
  const servers: TestServer[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await fake?.close();
    fake = null;
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const runOn = async (opts: Parameters<typeof startFakeKinesis>[0], count: number) => {
    fake = await startFakeKinesis(opts);
    const client = sdkClient(fake.url);
    const report = await startLoadRun({
      client,
      streamName: 's',
      source: (i) => ({ partitionKey: `k${i}`, data: Buffer.from(JSON.stringify({ i })) }),
      plan: { count, concurrency: 2, maxAttemptsPerRecord: 3 },
    }).done;
    client.destroy();
    return report;
  };
  const runOutcome = (report: RunReport): AssertionOutcome => ({
    kind: 'run',
    streamName: 's',
    report: viewOf(report),
    journalFile: null,
  });

  test('a throttling stream: throttledPercent says the share of attempts throttled, against the limit', async () => {
    const report = await runOn({ streams: { s: 1 }, perShardRecordsPerSec: 100, bucketsFromFirstWrite: true }, 300);
    expect(report.throttled).toBeGreaterThan(0);
    const percent = Math.round((report.throttled / report.attempts) * 10_000) / 100;
    const results = await evaluateAssertions(
      [
        { type: 'throttledPercent', maxPercent: 0 },
        { type: 'throttledPercent', maxPercent: 100 },
      ],
      runOutcome(report),
      { reader: () => Promise.reject(new Error('not read')) },
    );
    expect(results.map((r) => [r.status, r.params])).toEqual([
      ['failed', { percent, max: 0 }],
      ['passed', { percent, max: 100 }],
    ]);
    expect(results[0].actual).toBe(`${percent} %`);
  }, 60_000);

  test('entries that fail: delivered fails with the count acknowledged; nothing acknowledged, nothing read back', async () => {
    const report = await runOn({ streams: { s: 2 }, internalFailureRate: 1 }, 50);
    expect(report.acknowledged).toBe(0);
    const results = await evaluateAssertions(
      [{ type: 'delivered' }, { type: 'readBackEqual' }, { type: 'noDuplicates' }],
      runOutcome(report),
      { reader: () => Promise.reject(new Error('not read')) },
    );
    expect(results.map(brief)).toEqual([
      { type: 'delivered', status: 'failed', text: '0 of 50 records acknowledged.' },
      { type: 'readBackEqual', status: 'notChecked', text: 'No record was acknowledged, so none can be read back.' },
      { type: 'noDuplicates', status: 'passed', text: 'Records possibly stored twice: 0.' },
    ]);
  }, 60_000);

  const sentOk = (): SendResult => ({
    ok: true,
    response: {
      shardId: 'shardId-000000000000',
      sequenceNumber: '49500',
      encryptionType: null,
      httpStatus: 200,
      requestId: null,
      attempts: 1,
      totalRetryDelayMs: 0,
    },
  });
  const single = (sent: string): AssertionOutcome => ({
    kind: 'single',
    streamName: 's',
    result: sentOk(),
    latencyMs: 12,
    data: Buffer.from(sent),
  });
  /** An endpoint whose read-back answers are scripted: the stored record, none, or an error. */
  const readBackServer = async (records: { Data: string; SequenceNumber: string }[] | Answer) => {
    const server = await recordingServer((call) => {
      if (!Array.isArray(records)) return records;
      if (call.target.endsWith('GetShardIterator')) return { status: 200, body: { ShardIterator: 'it-1' } };
      return { status: 200, body: { Records: records.map((r) => ({ ...r, PartitionKey: 'k' })) } };
    });
    fake = server;
    return { reader: async () => sdkClient(server.url) };
  };

  test('a stored record that differs from the one sent fails readBackEqual and jsonField with what it holds', async () => {
    const io = await readBackServer([{ Data: Buffer.from('{"id": 2}').toString('base64'), SequenceNumber: '49500' }]);
    const results = await evaluateAssertions(
      [{ type: 'readBackEqual' }, { type: 'jsonField', path: '$.id', op: 'equals', value: '1' }],
      single('{"id": 1}'),
      io,
    );
    expect(results.map(brief)).toEqual([
      {
        type: 'readBackEqual',
        status: 'failed',
        text: 'Record 0 read back differs: 9 bytes stored, 9 bytes sent.',
      },
      { type: 'jsonField', status: 'failed', text: '$.id is 2, expected 1 (record 0).' },
    ]);
    expect(fake!.calls.map((c) => c.body)).toContainEqual(
      expect.objectContaining({ ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '49500' }),
    );
  });

  test('a record no longer in its shard fails; a read the endpoint refuses leaves the assertion not checked', async () => {
    const gone = await readBackServer([]);
    expect((await evaluateAssertions([{ type: 'readBackEqual' }], single('x'), gone)).map(brief)).toEqual([
      {
        type: 'readBackEqual',
        status: 'failed',
        text: 'Record 0 is not in its shard at its sequence number (trimmed, or never stored).',
      },
    ]);
    await fake!.close();
    const refused = await readBackServer({
      status: 400,
      body: { __type: 'AccessDeniedException', message: 'no read for you' },
    });
    const [result] = await evaluateAssertions(
      [{ type: 'jsonField', path: '$.a', op: 'exists' }],
      single('{}'),
      refused,
    );
    expect(result).toMatchObject({ status: 'notChecked', reason: 'assertionReadFailed' });
    expect(englishOf(result)).toContain('no read for you');
  });

  test('a pattern that backtracks for ever is stopped and says so', async () => {
    const onMain = vi.spyOn(vm.Script.prototype, 'runInContext');
    const io = await readBackServer([
      { Data: Buffer.from(JSON.stringify({ s: `${'a'.repeat(40)}b` })).toString('base64'), SequenceNumber: '49500' },
    ]);
    const [result] = await evaluateAssertions(
      [{ type: 'jsonField', path: '$.s', op: 'matches', value: '^(a+)+$' }],
      single('{}'),
      io,
    );
    expect(result).toMatchObject({ status: 'notChecked', reason: 'assertionPatternTooSlow' });
    // Main's thread never ran it (it stays free to answer): the pattern ran in a worker.
    expect(onMain).not.toHaveBeenCalled();
    onMain.mockRestore();
  });

  test('reading back stops after 30 s without an answer, not checked, and nothing else waits on it', async () => {
    const silent = await silentServer();
    servers.push(silent);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = evaluateAssertions([{ type: 'readBackEqual' }, { type: 'delivered' }], single('x'), {
      reader: async () => sdkClient(silent.url),
    });
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(READ_BACK_MS - 1000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    const results = await pending;
    expect(results.map(brief)).toEqual([
      {
        type: 'readBackEqual',
        status: 'notChecked',
        text: 'Reading back stopped after 30 s (records checked: 0).',
      },
      { type: 'delivered', status: 'passed', text: '1 of 1 records acknowledged.' },
    ]);
  });
});
