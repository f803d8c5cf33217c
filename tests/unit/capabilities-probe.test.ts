// What a connection supports, probed with harmless calls: the sandbox (kinesalite behind the
// front, AWS-style), a YDS-flavoured endpoint that lacks DescribeStreamSummary and the consumer
// calls, and one that cannot be reached. What the probe learns is used at once by the calls that
// have a fallback.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { probeConnection, PROBE_STREAM } from '../../electron/kinesis/probe';
import { describeShards } from '../../electron/streams';
import { maxRecordSizeKiBOf } from '../../electron/streams/max-record';
import { wireTestApp, type TestApp } from '../helpers/app';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { closedPort } from '../helpers/ports';
import { sdkClient } from '../helpers/kinesis-fixtures';
import { customProfileInput } from '../helpers/profiles';
import { sandboxProfileOf, value } from '../helpers/results';

const KEYS = { accessKeyId: 'AKIDPROBE', secretAccessKey: 'probe-secret' };

describe('the probe on the sandbox and through the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await wireTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('not checked until asked; then ListShards and DescribeStreamSummary ✓, consumers ✗, large records ✓', async () => {
    const sandbox = await sandboxProfileOf(t.app.handlers);
    expect(value(await t.app.handlers.connectionCapabilities({ profileId: sandbox.id }))).toBeNull();
    const before = Date.now();
    const report = value(await t.app.handlers.probeConnection({ profileId: sandbox.id }));
    expect(report.calls).toEqual({
      listShards: 'yes',
      describeStreamSummary: 'yes',
      consumers: 'no',
      largeRecords: 'yes',
    });
    expect(report.stream).toBe('example-stream');
    expect(report.problem).toBeNull();
    expect(Date.parse(report.checkedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(value(await t.app.handlers.connectionCapabilities({ profileId: sandbox.id }))).toEqual(report);
  });

  test('an endpoint that refuses connections: nothing known, and the report says why, with no secret', async () => {
    const port = await closedPort();
    const saved = value(
      await t.app.handlers.saveProfile(customProfileInput('Nowhere', `http://127.0.0.1:${port}`, KEYS)),
    );
    const report = value(await t.app.handlers.probeConnection({ profileId: saved.id }));
    expect(Object.values(report.calls)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(report.problem).toMatch(/ECONNREFUSED|connect/i);
    expect(report.problem).not.toContain(KEYS.secretAccessKey);
  });
});

describe('the probe on an endpoint without some calls', () => {
  let fake: FakeKinesis;
  beforeAll(async () => {
    // YDS-flavoured: no ListStreams, DescribeStreamSummary or consumers (InvalidAction); ListShards works.
    fake = await startFakeKinesis({ streams: { orders: 2 }, flavor: 'yds', answer: () => undefined });
  });
  afterAll(async () => {
    await fake?.close();
  });

  test('✗ for the missing calls, ✓ for ListShards; later calls go straight to the fallback', async () => {
    const client = sdkClient(fake.url);
    try {
      const report = await probeConnection(client, { yds: false, region: 'us-east-1' });
      expect(report.calls).toEqual({
        listShards: 'yes',
        describeStreamSummary: 'no',
        consumers: 'no',
        largeRecords: 'no',
      });
      expect(report.stream).toBeNull();
      const asked = fake.calls.map((c) => c.target.split('.').at(-1));
      expect(asked).toEqual(['ListStreams', 'ListShards', 'DescribeStreamSummary', 'ListStreamConsumers']);
      expect(fake.calls[1].body.StreamName).toBe(PROBE_STREAM);

      // The stream's maximum is not asked again: the probe said DescribeStreamSummary is missing.
      expect(await maxRecordSizeKiBOf(client, 'orders')).toBeNull();
      expect((await describeShards(client, 'orders')).length).toBe(2);
      expect(fake.calls.slice(4).map((c) => c.target.split('.').at(-1))).toEqual(['ListShards']);
    } finally {
      client.destroy();
    }
  });
});
