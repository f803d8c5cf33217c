// A stream's enhanced fan-out consumers through the app: listed where the endpoint answers
// ListStreamConsumers (paged, with the ARN its description gives), "not offered" — never an error —
// on the sandbox (kinesalite lacks the call) and on a YDS-addressed endpoint (InvalidAction, or
// StreamARN refused as an unknown key), and not asked again once the connection said so. The places
// that read shards or summaries say when DescribeStream stood in for the missing call.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { wireTestApp, type TestApp } from '../helpers/app';
import { startFakeKinesis, type FakeKinesis, type RecordedCall, type Answer } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { sandboxProfileOf, value } from '../helpers/results';

const KEYS = { accessKeyId: 'AKIDCONSUMERS', secretAccessKey: 'consumers-secret' };
const ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/orders';
const action = (c: RecordedCall) => c.target.split('.').at(-1);
const target = { type: 'name' as const, streamName: 'orders' };

describe('consumers through the app', () => {
  let t: TestApp;
  let fake: FakeKinesis | undefined;
  beforeAll(async () => {
    t = await wireTestApp();
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  const connect = async (name: string, answer: (c: RecordedCall) => Answer | undefined, kind: 'custom' | 'yds') => {
    fake = await startFakeKinesis({ streams: { orders: 2 }, flavor: kind === 'yds' ? 'yds' : 'aws', answer });
    return value(await t.app.handlers.saveProfile(customProfileInput(name, fake.url, KEYS, { kind }))).id;
  };

  test('the sandbox does not offer consumers: an empty answer saying so, not a failure', async () => {
    const sandbox = await sandboxProfileOf(t.app.handlers);
    const out = value(
      await t.app.handlers.listStreamConsumers({
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
      }),
    );
    expect(out).toEqual({ streamName: 'example-stream', offered: false, consumers: [] });
  });

  test('an endpoint with consumers: every page, named with status and creation time, asked by the stream ARN', async () => {
    const profileId = await connect(
      'With consumers',
      (c) => {
        if (action(c) === 'DescribeStreamSummary')
          return { status: 200, body: { StreamDescriptionSummary: { StreamName: 'orders', StreamARN: ARN } } };
        if (action(c) !== 'ListStreamConsumers') return undefined;
        const consumer = (name: string, status: string, at: number) => ({
          ConsumerName: name,
          ConsumerARN: `${ARN}/consumer/${name}:${at}`,
          ConsumerStatus: status,
          ConsumerCreationTimestamp: at,
        });
        return c.body.NextToken === 'page-2'
          ? { status: 200, body: { Consumers: [consumer('audit', 'CREATING', 1_764_700_000)] } }
          : { status: 200, body: { Consumers: [consumer('billing', 'ACTIVE', 1_764_600_000)], NextToken: 'page-2' } };
      },
      'custom',
    );
    const out = value(await t.app.handlers.listStreamConsumers({ profileId, target }));
    expect(out).toEqual({
      streamName: 'orders',
      offered: true,
      consumers: [
        { name: 'billing', status: 'ACTIVE', createdAt: new Date(1_764_600_000_000).toISOString() },
        { name: 'audit', status: 'CREATING', createdAt: new Date(1_764_700_000_000).toISOString() },
      ],
    });
    const asked = fake!.calls.filter((c) => action(c) === 'ListStreamConsumers');
    expect(asked.map((c) => c.body.StreamARN)).toEqual([ARN, ARN]);
    expect(asked.map((c) => c.body.NextToken)).toEqual([undefined, 'page-2']);
  });

  test('a YDS endpoint (InvalidAction): not offered, and ListStreamConsumers is not asked again', async () => {
    const profileId = await connect('YDS consumers', () => undefined, 'yds');
    const yds = { type: 'name' as const, streamName: 'orders' };
    expect(value(await t.app.handlers.listStreamConsumers({ profileId, target: yds }))).toEqual({
      streamName: 'orders',
      offered: false,
      consumers: [],
    });
    const before = fake!.calls.length;
    expect(value(await t.app.handlers.listStreamConsumers({ profileId, target: yds })).offered).toBe(false);
    expect(fake!.calls.slice(before).map(action)).not.toContain('ListStreamConsumers');
  });

  test('a YDS endpoint that refuses StreamARN as an unknown key: not offered either', async () => {
    const profileId = await connect(
      'YDS unknown key',
      (c) =>
        action(c) === 'ListStreamConsumers'
          ? { status: 400, body: { __type: 'InvalidArgumentException', message: 'Unexpected json key: StreamARN' } }
          : undefined,
      'yds',
    );
    const out = value(await t.app.handlers.listStreamConsumers({ profileId, target }));
    expect(out.offered).toBe(false);
  });

  test('after a probe found no consumer calls, listing them asks nothing of the endpoint', async () => {
    const profileId = await connect('Probed', () => undefined, 'custom');
    expect(value(await t.app.handlers.probeConnection({ profileId })).calls.consumers).toBe('no');
    const before = fake!.calls.length;
    expect(value(await t.app.handlers.listStreamConsumers({ profileId, target })).offered).toBe(false);
    expect(fake!.calls.length).toBe(before);
  });

  test('an unknown stream is a failure named as such, not "not offered"', async () => {
    const profileId = await connect(
      'Unknown stream',
      (c) =>
        action(c) === 'ListStreamConsumers'
          ? { status: 400, body: { __type: 'ResourceNotFoundException', message: 'Stream missing not found' } }
          : undefined,
      'custom',
    );
    const r = await t.app.handlers.listStreamConsumers({ profileId, target: { type: 'name', streamName: 'missing' } });
    expect(r.ok).toBe(false);
  });

  test('where ListShards and DescribeStreamSummary are missing, the shard list, the stream list and the tail say DescribeStream stood in', async () => {
    const refused = new Set(['ListShards', 'DescribeStreamSummary']);
    const profileId = await connect(
      'Fallbacks',
      (c) => {
        if (refused.has(action(c) ?? ''))
          return { status: 400, body: { __type: 'InvalidAction', message: 'Action is not supported' } };
        if (action(c) === 'ListStreams')
          return { status: 200, body: { StreamNames: ['orders'], HasMoreStreams: false } };
        return undefined;
      },
      'yds',
    );
    const details = value(await t.app.handlers.describeStreamDetails({ profileId, target }));
    expect(details.shards).toHaveLength(2);
    expect(details.shardsFromDescribeStream).toBe(true);
    const listed = value(await t.app.handlers.listStreams({ profileId }));
    expect(listed.streams.map((s) => [s.name, s.shardCount])).toEqual([['orders', 2]]);
    expect(listed.summaryFromDescribeStream).toBe(true);
    const tail = value(await t.app.handlers.startTail({ profileId, target, from: 'LATEST' }));
    value(await t.app.handlers.stopTail({ tailId: tail.tailId }));
    expect(tail.shardsFromDescribeStream).toBe(true);
  });

  test('where every call is answered, nothing says a fallback is in use', async () => {
    const sandbox = await sandboxProfileOf(t.app.handlers);
    const example = { type: 'name' as const, streamName: 'example-stream' };
    expect(
      value(await t.app.handlers.describeStreamDetails({ profileId: sandbox.id, target: example }))
        .shardsFromDescribeStream,
    ).toBe(false);
    expect(value(await t.app.handlers.listStreams({ profileId: sandbox.id })).summaryFromDescribeStream).toBe(false);
  });
});
