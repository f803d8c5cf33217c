// Records over 1 MiB: an AWS-style sandbox stream raised to large records (CreateStream with
// MaxRecordSizeInKiB, UpdateMaxRecordSize) takes them from the composer's send and from a run and
// gives them back whole; a 1 MiB stream and a YDS path refuse them before anything is sent, with
// a message saying the stream's limit and what to do. Copy as code and template runs follow the
// stream's own maximum too.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  UpdateMaxRecordSizeCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BatchRequest } from '../../electron/contract';
import { callLimitsOf, LIMITS, streamMaxRecordBytes, validateRecordSize } from '../../electron/shared/limits';
import { readWholeStream, sdkClient, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { createSandboxStream, sandboxProfileOf, value } from '../helpers/results';
import { reportOf, wireRunsApp, type RunsApp } from '../helpers/runs';
import { startSnippetRunner } from '../helpers/snippets';

const MiB = 1024 * 1024;
const YDS_PATH = '/ru-central1/b1gaaaaaaaaaaaaaaaaa/etnbbbbbbbbbbbbbbbbbbbb/large';

describe('the limits of a stream', () => {
  test('its own maximum within its family: AWS 1 to 10 MiB, YDS always 1 MiB, unsaid means 1 MiB', () => {
    expect(streamMaxRecordBytes('aws', 10240)).toBe(10 * MiB);
    expect(streamMaxRecordBytes('aws', 4096)).toBe(4 * MiB);
    expect(streamMaxRecordBytes('aws', null)).toBe(MiB);
    expect(streamMaxRecordBytes('aws', 1_000_000)).toBe(10 * MiB);
    expect(streamMaxRecordBytes('yds', 10240)).toBe(MiB);
    expect(callLimitsOf('aws')).toEqual({ maxRecords: 500, maxBytes: 5 * MiB });
    expect(callLimitsOf('aws', 2 * MiB)).toEqual({ maxRecords: 500, maxBytes: 10 * MiB });
    expect(callLimitsOf('yds', 10 * MiB)).toEqual({ maxRecords: 500, maxBytes: 5 * MiB });
  });

  test('a record over the maximum says whether a raised stream could take it', () => {
    const data = new Uint8Array(2 * MiB);
    expect(validateRecordSize('k', data, 'aws', 10 * MiB)).toBeNull();
    expect(validateRecordSize('k', data, 'aws')).toMatchObject({
      reason: 'recordTooLargeForStream',
      params: { size: 2 * MiB + 1, max: MiB, over: MiB + 1, largest: 10 * MiB },
    });
    expect(validateRecordSize('k', data, 'yds')).toMatchObject({ reason: 'recordTooLargeYds' });
    expect(validateRecordSize('k', new Uint8Array(10 * MiB), 'aws', 10 * MiB)).toMatchObject({
      reason: 'recordTooLarge',
    });
    expect(LIMITS.yds.largestRecordBytes).toBe(MiB);
  });
});

describe('large records on the sandbox', () => {
  let ctx: RunsApp;
  let client: KinesisClient;
  let profileId: string;

  beforeAll(async () => {
    ctx = await wireRunsApp({ sandboxCredentials: SANDBOX_TEST_KEYS });
    const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
    client = sdkClient(endpoint, SANDBOX_TEST_KEYS);
    await client.send(new CreateStreamCommand({ StreamName: 'large', ShardCount: 1, MaxRecordSizeInKiB: 10240 }));
    await createSandboxStream(ctx.app.handlers, 'plain', 1);
    await createSandboxStream(ctx.app.handlers, 'raised-later', 1);
    await createSandboxStream(ctx.app.handlers, YDS_PATH, 1);
    profileId = (await sandboxProfileOf(ctx.app.handlers)).id;
  });

  afterAll(async () => {
    client?.destroy();
    await ctx?.close();
  });

  const send = (streamName: string, text: string) =>
    ctx.app.handlers.sendRecord({
      requestId: crypto.randomUUID(),
      profileId,
      target: { type: 'name', streamName },
      partitionKey: 'big',
      payload: { mode: 'text', text },
    });
  const describe_ = async (streamName: string) =>
    value(await ctx.app.handlers.describeStream({ profileId, target: { type: 'name', streamName } }));
  const md5 = (s: string | Uint8Array) => createHash('md5').update(s).digest('hex');

  test('the stream says its maximum: 10 MiB when raised, 1 MiB otherwise; a YDS path says none (the family limit, 1 MiB, applies)', async () => {
    expect((await describe_('large')).maxRecordBytes).toBe(10 * MiB);
    expect((await describe_('plain')).maxRecordBytes).toBe(MiB);
    expect((await describe_(YDS_PATH)).maxRecordBytes).toBeNull();
  });

  test('a 3 MiB record goes to the raised stream and comes back whole', async () => {
    const text = 'large-'.repeat(Math.ceil((3 * MiB) / 6)).slice(0, 3 * MiB);
    const sent = value(await send('large', text));
    expect(sent.result.ok).toBe(true);
    const stored = await readWholeStream(
      value(await ctx.app.handlers.getSandboxStatus({})).endpoint!,
      'large',
      SANDBOX_TEST_KEYS,
    );
    const mine = stored.find((r) => r.sequenceNumber === (sent.result.ok ? sent.result.response.sequenceNumber : ''));
    expect(mine?.data.length).toBe(3 * MiB);
    expect(md5(mine!.data)).toBe(md5(text));
  });

  test('a 1 MiB stream and a YDS path refuse it before it is sent, saying the limit and what to do', async () => {
    const text = 'x'.repeat(MiB + 10);
    const plain = await send('plain', text);
    expect(plain.ok).toBe(false);
    if (plain.ok) return;
    expect(plain.error.code).toBe('INVALID_INPUT');
    expect(plain.error.message).toMatch(/this stream takes at most 1,048,576 bytes.*UpdateMaxRecordSize/);
    const yds = await send(YDS_PATH, text);
    expect(yds.ok).toBe(false);
    if (yds.ok) return;
    expect(yds.error.message).toMatch(/Yandex Data Streams takes at most 1,048,576 bytes a record/);
    // Nothing went: neither stream holds a record.
    const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
    expect(await readWholeStream(endpoint, 'plain', SANDBOX_TEST_KEYS)).toEqual([]);
  });

  test('UpdateMaxRecordSize raises a stream to its new maximum, and no further', async () => {
    await client.send(
      new UpdateMaxRecordSizeCommand({
        StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/raised-later',
        MaxRecordSizeInKiB: 2048,
      }),
    );
    expect((await describe_('raised-later')).maxRecordBytes).toBe(2 * MiB);
    expect(value(await send('raised-later', 'y'.repeat(MiB + 10))).result.ok).toBe(true);
    const over = await send('raised-later', 'y'.repeat(2 * MiB));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toMatch(/this stream takes at most 2,097,152 bytes/);
    await expect(
      client.send(
        new UpdateMaxRecordSizeCommand({
          StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/raised-later',
          MaxRecordSizeInKiB: 20480,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  test('a run sends 2 MiB records to the raised stream, each acknowledged and stored once; the plain stream refuses them', async () => {
    const rows = ['a', 'b', 'c', 'd'].map((c) => ({ partitionKey: c, payload: c.repeat(2 * MiB) }));
    const request: BatchRequest = {
      profileId,
      target: { type: 'name', streamName: 'large' },
      source: { type: 'rows', rows },
      keys: { type: 'row' },
      payloadMode: 'text',
      seed: 7,
    };
    const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
    const before = (await readWholeStream(endpoint, 'large', SANDBOX_TEST_KEYS)).length;
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 },
      }),
    );
    const report = await reportOf(ctx.events, started.runId, 60_000);
    expect(report).toMatchObject({ state: 'done', total: 4, acknowledged: 4, failed: 0, notSent: 0 });
    const stored = (await readWholeStream(endpoint, 'large', SANDBOX_TEST_KEYS)).slice(before);
    expect(stored.map((r) => [r.partitionKey, r.data.length, r.data[0]]).sort()).toEqual(
      rows.map((r) => [r.partitionKey, 2 * MiB, r.partitionKey]),
    );

    const refused = value(
      await ctx.app.handlers.previewBatch({ ...request, target: { type: 'name', streamName: 'plain' }, count: 4 }),
    );
    expect(refused.records).toEqual([]);
    expect(refused.problems.map((p) => p.reason)).toEqual(Array(4).fill('recordTooLargeForStream'));
  });

  test('Copy as code of a 2 MiB record to the raised stream makes a snippet that sends it whole; for a 1 MiB stream it says the limit', async () => {
    const text = 'code-'.repeat(Math.ceil((2 * MiB) / 5)).slice(0, 2 * MiB);
    const composed = (streamName: string) =>
      ctx.app.handlers.generateCode({
        language: 'node',
        source: {
          type: 'composed',
          request: {
            profileId,
            target: { type: 'name', streamName },
            partitionKey: 'code',
            payload: { mode: 'text', text },
          },
        },
      });
    const { code } = value(await composed('large'));
    const runner = await startSnippetRunner('node');
    try {
      const ran = await runner.run({ code, env: { PATH: process.env.PATH ?? '' }, cwd: process.cwd() });
      expect(ran.code, ran.stderr).toBe(0);
      const { SequenceNumber } = JSON.parse(ran.stdout) as { SequenceNumber: string };
      const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
      const stored = (await readWholeStream(endpoint, 'large', SANDBOX_TEST_KEYS)).find(
        (r) => r.sequenceNumber === SequenceNumber,
      );
      expect(stored?.partitionKey).toBe('code');
      expect(md5(stored!.data)).toBe(md5(text));
    } finally {
      await runner.close();
    }
    const refused = await composed('plain');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.message).toMatch(/this stream takes at most 1,048,576 bytes.*UpdateMaxRecordSize/);
  });

  test('a template run makes 2 MiB records for the raised stream, each stored whole; for the 1 MiB stream the preview says the limit', async () => {
    // 2 MiB of text around a placeholder: longer than a template could be before (1 MiB), and
    // rendered fast (faker's 2 MiB of random letters take seconds on a loaded machine).
    const pad = 'p'.repeat(2 * MiB);
    const template = `{"n": {{seq}}, "pad": "${pad}", "id": "{{uuid}}"}`;
    const request: BatchRequest = {
      profileId,
      target: { type: 'name', streamName: 'large' },
      source: { type: 'template', template, locale: 'en' },
      keys: { type: 'sequential', prefix: 'tpl-' },
      payloadMode: 'text',
      seed: 11,
    };
    const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
    const before = (await readWholeStream(endpoint, 'large', SANDBOX_TEST_KEYS)).length;
    const started = value(
      await ctx.app.handlers.startRun({
        ...request,
        plan: { count: 3, ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 },
      }),
    );
    const report = await reportOf(ctx.events, started.runId, 60_000);
    expect(report).toMatchObject({ state: 'done', total: 3, acknowledged: 3, failed: 0 });
    const stored = (await readWholeStream(endpoint, 'large', SANDBOX_TEST_KEYS)).slice(before);
    const made = stored.map((r) => JSON.parse(r.data) as { n: number; pad: string; id: string });
    expect(made.map((m) => m.n).sort()).toEqual([1, 2, 3]);
    expect(made.every((m) => m.pad === pad && /^[0-9a-f-]{36}$/.test(m.id))).toBe(true);

    const refused = value(
      await ctx.app.handlers.previewBatch({ ...request, target: { type: 'name', streamName: 'plain' }, count: 2 }),
    );
    expect(refused.records).toEqual([]);
    expect(refused.problems.map((p) => p.reason)).toEqual(['recordTooLargeForStream', 'recordTooLargeForStream']);
  });

  test('New stream… makes a stream raised to large records: it says its maximum and takes a 3 MiB record; a YDS path and 20 MiB are refused', async () => {
    const create = (streamName: string, maxRecordSizeKiB: number) =>
      ctx.app.handlers.createStream({
        profileId,
        target: { type: 'name', streamName },
        shardCount: 1,
        maxRecordSizeKiB,
      });
    const made = value(await create('made-raised', 4096));
    expect(made).toMatchObject({ streamName: 'made-raised', status: 'ACTIVE' });
    expect(made.sandbox?.streams.map((s) => s.name)).toContain('made-raised');
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'made-raised' }));
    expect(summary.StreamDescriptionSummary?.MaxRecordSizeInKiB).toBe(4096);
    expect(value(await send('made-raised', 'm'.repeat(3 * MiB))).result.ok).toBe(true);

    const yds = await create(`${YDS_PATH}-new`, 2048);
    expect(yds.ok).toBe(false);
    if (!yds.ok) expect(yds.error).toMatchObject({ reason: 'largeRecordsNotOnYds' });
    const tooLarge = await create('too-large', 20480);
    expect(tooLarge.ok).toBe(false);
    if (!tooLarge.ok) expect(tooLarge.error.fields?.map((f) => f.path)).toEqual(['maxRecordSizeKiB']);
    const names = value(await ctx.app.handlers.getSandboxStatus({})).streams.map((s) => s.name);
    expect(names).not.toContain('too-large');
    expect(names).not.toContain(`${YDS_PATH}-new`);
  });

  test('a replay moves a 2 MiB record from one raised stream to another, whole', async () => {
    for (const name of ['replay-src', 'replay-dst'])
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1, MaxRecordSizeInKiB: 4096 }));
    const text = 'replay-'.repeat(Math.ceil((2 * MiB) / 7)).slice(0, 2 * MiB);
    expect(value(await send('replay-src', text)).result.ok).toBe(true);
    const started = value(
      await ctx.app.handlers.startReplay({
        from: { profileId, target: { type: 'name', streamName: 'replay-src' } },
        select: { type: 'window', from: new Date(0).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
        profileId,
        target: { type: 'name', streamName: 'replay-dst' },
        keys: { type: 'row' },
        transform: null,
        plan: { ratePerSec: null, concurrency: 2, maxAttemptsPerRecord: 3 },
      }),
    );
    expect(await reportOf(ctx.events, started.runId, 60_000)).toMatchObject({ state: 'done', acknowledged: 1 });
    const endpoint = value(await ctx.app.handlers.getSandboxStatus({})).endpoint!;
    const stored = await readWholeStream(endpoint, 'replay-dst', SANDBOX_TEST_KEYS);
    expect(stored.map((r) => [r.partitionKey, md5(r.data)])).toEqual([['big', md5(text)]]);
  });
});
