// A Kinesis-shaped endpoint for load-run tests and the bench: node:http on 127.0.0.1, JSON 1.1,
// PutRecords / PutRecord / DescribeStream / ListShards on streams with N shards (MD5 of the key,
// equal hash ranges). It stores every record it accepts, and misbehaves on request: a per-shard
// rate limit in records/s and bytes/s (per entry like AWS, or all of a shard's entries in a call together like YDS),
// random per-entry InternalFailure, whole-call ThrottlingException, latency, and calls it stores
// but answers only later than the client waits (so the client cannot know they were stored).
// With echoCredentials it is a careless endpoint that repeats the request's credentials back.
// With `answer` a test scripts the answers itself (recordingServer), and every call and request
// is recorded, for checking exactly what a client asked (not by default: a load run's bodies
// would all stay in memory).
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export interface FakeKinesisOptions {
  /** Stream name -> shard count. */
  streams: Record<string, number>;
  /** Records/s each shard accepts (a token bucket holding one second's worth, starting empty); beyond it, entries are throttled. */
  perShardRecordsPerSec?: number;
  /** Bytes/s (key + data) each shard accepts, a second bucket beside the records' (AWS: 1 MiB/s); an entry needs room in both. */
  perShardBytesPerSec?: number;
  /**
   * The buckets start empty at a shard's first write rather than at the server's start: the first
   * writes are always throttled, however slowly a busy machine begins sending (tests that must see
   * throttling). Real streams do not do this, so the bench leaves it off.
   */
  bucketsFromFirstWrite?: boolean;
  /** 'aws': shard ids shardId-000000000000, long sequence numbers, throttled entries fail one by one. 'yds': shard-000000, plain sequence numbers, failed entries carry empty SequenceNumber/ShardId, and all of a shard's entries in a call fail together. */
  flavor?: 'aws' | 'yds';
  /** Probability that an entry fails with InternalFailure (seeded). */
  internalFailureRate?: number;
  /** Probability that a whole PutRecords call fails with ThrottlingException (seeded). */
  callThrottleRate?: number;
  /** Every Nth PutRecords call fails whole with ThrottlingException. */
  throttleEveryNthCall?: number;
  /** Delay before each answer, ms. */
  latencyMs?: number;
  /** Every Nth PutRecords call is stored as usual, but its answer is held `delayMs` (longer than the client's timeout). */
  lateAnswer?: { everyNthCall: number; delayMs: number };
  seed?: number;
  /**
   * A careless (or hostile) endpoint: every error message, every x-amzn-requestid header and, with
   * every PutRecords entry failing, each entry's ErrorMessage repeat what the request carried (its
   * Authorization and X-Amz-Security-Token headers, the token also URL-encoded and base64-encoded at
   * two byte alignments) and `values`: credentials the test pretends the endpoint knows (a secret
   * key never travels). Actions this fake does not implement fail with the echo.
   */
  echoCredentials?: { values?: string[] };
  /** The test's own answer to a call; undefined leaves the call to the fake. */
  answer?: (call: RecordedCall) => Answer | undefined;
}

/** A call as the API sees it: the action (from X-Amz-Target) and the JSON body. */
export type RecordedCall = { target: string; body: Record<string, unknown> };
export type Answer = { status: number; body: unknown };
/** A request as it arrived, before any parsing (a snippet may send anything, or fetch a URL). */
export type ReceivedRequest = { method: string; url: string; authorization: string; body: string };

/** A PutRecord's success, for recording servers that take whatever they are sent. */
export const PUT_RECORD_OK: Answer = { status: 200, body: { ShardId: 'shardId-000000000000', SequenceNumber: '1' } };

export interface StoredRecord {
  stream: string;
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
}

export interface FakeKinesis {
  url: string;
  /** The X-Amz-Security-Token of every request that carried one. */
  sessionTokens: string[];
  /** Every record accepted, in order of acceptance. */
  stored: StoredRecord[];
  /** Arrival time (performance.now()) of every PutRecords call. */
  putRecordsCalls: number[];
  /** With `answer`: every call whose body was JSON, in order of arrival. */
  calls: RecordedCall[];
  /** With `answer`: every request, in order of arrival. */
  requests: ReceivedRequest[];
  /** Connections still open: once a killed client's are all closed, every request it sent has been stored or dropped. */
  connections(): number;
  close(): Promise<void>;
}

/** mulberry32: small, seeded, good enough for test noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HASH_SPACE = 1n << 128n;

interface Shard {
  id: string;
  start: bigint;
  end: bigint;
  nextSeq: bigint;
  tokens: number;
  byteTokens: number;
  /** Null until the first write with bucketsFromFirstWrite. */
  filledAt: number | null;
}

class AnswerError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeKinesis(opts: FakeKinesisOptions): Promise<FakeKinesis> {
  const flavor = opts.flavor ?? 'aws';
  const random = seededRandom(opts.seed ?? 1);
  const limit = opts.perShardRecordsPerSec;
  const byteLimit = opts.perShardBytesPerSec;
  const streams = new Map<string, Shard[]>();
  for (const [name, n] of Object.entries(opts.streams)) {
    const size = HASH_SPACE / BigInt(n);
    streams.set(
      name,
      Array.from({ length: n }, (_, i) => ({
        id: flavor === 'yds' ? `shard-${String(i).padStart(6, '0')}` : `shardId-${String(i).padStart(12, '0')}`,
        start: BigInt(i) * size,
        end: i === n - 1 ? HASH_SPACE - 1n : BigInt(i + 1) * size - 1n,
        nextSeq: 0n,
        tokens: 0,
        byteTokens: 0,
        filledAt: opts.bucketsFromFirstWrite ? null : performance.now(),
      })),
    );
  }
  const stored: StoredRecord[] = [];
  const putRecordsCalls: number[] = [];
  const sessionTokens: string[] = [];
  const calls: RecordedCall[] = [];
  const requests: ReceivedRequest[] = [];
  const echoing = opts.echoCredentials;
  /** What the request being answered carried, as the echo repeats it ('' without echoCredentials). */
  let echo = '';

  const seqText = (s: Shard, n: bigint) =>
    flavor === 'yds'
      ? n.toString()
      : (
          49_000_000_000_000_000_000_000_000_000_000_000_000_000_000n +
          BigInt(Number(s.id.slice(-4))) * 10n ** 30n +
          n
        ).toString();

  function streamOf(body: Record<string, unknown>): { name: string; shards: Shard[] } {
    const name = typeof body.StreamName === 'string' ? body.StreamName : '';
    const shards = streams.get(name);
    if (!shards)
      throw new AnswerError(
        400,
        'ResourceNotFoundException',
        `Stream ${name} under account 000000000000 not found.${echo}`,
      );
    return { name, shards };
  }

  function shardOf(shards: Shard[], key: string, explicit: unknown): Shard {
    const hash =
      typeof explicit === 'string' && explicit !== ''
        ? BigInt(explicit)
        : BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);
    return shards.find((s) => s.start <= hash && hash <= s.end)!;
  }

  function refill(s: Shard, t: number) {
    if (limit === undefined && byteLimit === undefined) return;
    const fill = (tokens: number, max: number) =>
      s.filledAt === null ? 0 : Math.min(max, tokens + ((t - s.filledAt) * max) / 1000);
    if (limit !== undefined) s.tokens = fill(s.tokens, limit);
    if (byteLimit !== undefined) s.byteTokens = fill(s.byteTokens, byteLimit);
    s.filledAt = t;
  }
  const entryBytes = (r: { PartitionKey: string; Data: string }) =>
    Buffer.byteLength(r.PartitionKey, 'utf8') + Buffer.byteLength(r.Data, 'base64');
  /** Room in the shard's buckets for one entry of `bytes`. */
  const room = (s: Shard, bytes: number) =>
    (limit === undefined || s.tokens >= 1) && (byteLimit === undefined || s.byteTokens >= bytes);
  function take(s: Shard, bytes: number) {
    if (limit !== undefined) s.tokens--;
    if (byteLimit !== undefined) s.byteTokens -= bytes;
  }

  function store(stream: string, s: Shard, key: string, data: string) {
    const sequenceNumber = seqText(s, s.nextSeq++);
    stored.push({ stream, shardId: s.id, sequenceNumber, partitionKey: key, data: Buffer.from(data, 'base64') });
    return { SequenceNumber: sequenceNumber, ShardId: s.id };
  }

  const failed = (code: string, message: string) =>
    flavor === 'yds'
      ? { ErrorCode: code, ErrorMessage: message, SequenceNumber: '', ShardId: '' }
      : { ErrorCode: code, ErrorMessage: message };

  function putRecords(body: Record<string, unknown>) {
    putRecordsCalls.push(performance.now());
    const { name, shards } = streamOf(body);
    const records = (body.Records ?? []) as { PartitionKey: string; Data: string; ExplicitHashKey?: string }[];
    if (records.length === 0 || records.length > 500) {
      throw new AnswerError(
        400,
        'ValidationException',
        `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length between 1 and 500`,
      );
    }
    // Like the services: keys' UTF-8 bytes plus decoded data bytes, at most 5 MiB per call.
    const bytes = records.reduce(
      (sum, r) => sum + Buffer.byteLength(r.PartitionKey, 'utf8') + Buffer.byteLength(r.Data, 'base64'),
      0,
    );
    if (bytes > 5 * 1024 * 1024)
      throw new AnswerError(400, 'InvalidArgumentException', `Records size exceeds 5 MB limit: ${bytes} bytes.`);
    const n = putRecordsCalls.length;
    if (
      (opts.throttleEveryNthCall && n % opts.throttleEveryNthCall === 0) ||
      (opts.callThrottleRate && random() < opts.callThrottleRate)
    ) {
      throw new AnswerError(400, 'ThrottlingException', 'Rate exceeded');
    }
    const t = performance.now();
    const target = records.map((r) => shardOf(shards, r.PartitionKey, r.ExplicitHashKey));
    for (const s of new Set(target)) refill(s, t);
    // YDS decides per shard: a shard without room for all its entries in this call takes none.
    const shardRefuses = new Set<Shard>();
    if (flavor === 'yds' && limit !== undefined) {
      const wanted = new Map<Shard, number>();
      for (const s of target) wanted.set(s, (wanted.get(s) ?? 0) + 1);
      for (const [s, k] of wanted) if (s.tokens < k) shardRefuses.add(s);
    }
    const throttle = () =>
      flavor === 'yds'
        ? failed('ThrottlingException', 'shard write limit exceeded, code: 500003')
        : failed(
            'ProvisionedThroughputExceededException',
            'Rate exceeded for shard in stream under account 000000000000.',
          );
    let failedCount = 0;
    const out = records.map((r, i) => {
      const s = target[i];
      if (echoing) {
        failedCount++;
        return failed('KMSAccessDeniedException', `The key was refused.${echo}`);
      }
      if (opts.internalFailureRate && random() < opts.internalFailureRate) {
        failedCount++;
        return failed('InternalFailure', 'Internal service failure.');
      }
      const size = entryBytes(r);
      if (shardRefuses.has(s) || !room(s, size)) {
        failedCount++;
        return throttle();
      }
      take(s, size);
      return store(name, s, r.PartitionKey, r.Data);
    });
    return { FailedRecordCount: failedCount, Records: out, EncryptionType: 'NONE' };
  }

  function describeShards(shards: Shard[]) {
    return shards.map((s) => ({
      ShardId: s.id,
      HashKeyRange: { StartingHashKey: s.start.toString(), EndingHashKey: s.end.toString() },
      SequenceNumberRange: { StartingSequenceNumber: seqText(s, 0n) },
    }));
  }

  function answer(action: string, body: Record<string, unknown>): unknown {
    switch (action) {
      case 'PutRecords':
        return putRecords(body);
      case 'PutRecord': {
        const { name, shards } = streamOf(body);
        const s = shardOf(shards, String(body.PartitionKey), body.ExplicitHashKey);
        refill(s, performance.now());
        const size = entryBytes({ PartitionKey: String(body.PartitionKey), Data: String(body.Data) });
        if (!room(s, size)) {
          throw flavor === 'yds'
            ? new AnswerError(400, 'ThrottlingException', 'shard write limit exceeded')
            : new AnswerError(400, 'ProvisionedThroughputExceededException', 'Rate exceeded for shard.');
        }
        take(s, size);
        return { ...store(name, s, String(body.PartitionKey), String(body.Data)), EncryptionType: 'NONE' };
      }
      case 'ListShards':
        return { Shards: describeShards(streamOf(body).shards) };
      case 'DescribeStream': {
        const { name, shards } = streamOf(body);
        const arnKey = flavor === 'yds' ? 'StreamArn' : 'StreamARN';
        return {
          StreamDescription: {
            StreamName: name,
            [arnKey]: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`,
            StreamStatus: 'ACTIVE',
            Shards: describeShards(shards),
            HasMoreShards: false,
            RetentionPeriodHours: 24,
            StreamCreationTimestamp: 1_700_000_000,
            EnhancedMonitoring: [],
            EncryptionType: 'NONE',
          },
        };
      }
      default:
        throw new AnswerError(
          400,
          flavor === 'yds' ? 'InvalidAction' : 'UnknownOperationException',
          `Action ${action} is not supported here.${echo}`,
        );
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      if (opts.answer)
        requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          authorization: String(req.headers.authorization ?? ''),
          body: raw,
        });
      const token = req.headers['x-amz-security-token'];
      if (typeof token === 'string') sessionTokens.push(token);
      echo = echoing
        ? echoOf(String(req.headers.authorization ?? ''), typeof token === 'string' ? token : '', echoing.values ?? [])
        : '';
      const heard = echo;
      let status = 200;
      let payload: unknown;
      try {
        const body = parsed(raw);
        const call = { target: action, body };
        if (opts.answer) calls.push(call);
        const scripted = opts.answer?.(call);
        if (scripted) ({ status, body: payload } = scripted);
        else payload = answer(action, body);
      } catch (e) {
        if (!(e instanceof AnswerError)) throw e;
        status = e.status;
        payload = { __type: e.type, message: e.message };
      }
      const send = () => {
        // The client may have given up and closed the connection meanwhile.
        if (res.destroyed) return;
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `fake-${putRecordsCalls.length}${heard.replace(/\s/g, '_')}`,
        });
        res.end(JSON.stringify(payload));
      };
      const late =
        opts.lateAnswer && action === 'PutRecords' && putRecordsCalls.length % opts.lateAnswer.everyNthCall === 0;
      const delay = (opts.latencyMs ?? 0) + (late ? opts.lateAnswer!.delayMs : 0);
      if (delay) setTimeout(send, delay);
      else send();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sessionTokens,
    stored,
    putRecordsCalls,
    calls,
    requests,
    connections: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A recording server: every call is answered as the test says, and recorded. */
export const recordingServer = (answer: (call: RecordedCall) => Answer) => startFakeKinesis({ streams: {}, answer });

function parsed(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw || '{}') as Record<string, unknown>;
  } catch {
    throw new AnswerError(400, 'SerializationException', 'The request body is not JSON.');
  }
}

/** The credentials a request carried, repeated as a careless endpoint might: plain, URL-encoded, base64 at two alignments. */
function echoOf(authorization: string, token: string, values: string[]): string {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const parts = [
    `authorization=${authorization}`,
    `token=${token}`,
    `url=${encodeURIComponent(token)}`,
    `b64=${b64(token)}`,
    `b64shifted=${b64(`t:${token}`)}`,
  ];
  for (const v of values) parts.push(`value=${v}`, `value-url=${encodeURIComponent(v)}`, `value-b64=${b64(`v=${v}`)}`);
  return ` [${parts.join('; ')}]`;
}
