// The local sandbox: kinesalite in memory behind a YDS-aware front, both on 127.0.0.1 at free
// ports, started on first use with `example-stream` (2 shards) in it. It serves the app only: each
// start makes a new key pair that the app's clients sign with (see guard.ts).
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import kinesalite from 'kinesalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxStatus, SandboxStream } from '../contract';
import { isValidAwsStreamName, parseYdsPath } from '../shared/addressing';
import { ServiceError, type KeyPair, type Sandbox } from '../services';
import { closeServer, startFront, type Front } from './front';
import { BACKEND_KEY_HEADER, guardBackend, randomBackendKey, randomKeyPair } from './guard';
import { createYdsNames, isReservedName, normalizeYdsPath, type YdsNames } from './yds-names';
import { CLIENT_IDLE_MS } from '../kinesis/keep-alive';
import { keepIdleConnections } from './keep-alive';

export const EXAMPLE_STREAM = 'example-stream';
const EXAMPLE_SHARDS = 2;
// kinesalite counts shards across all streams; the default of 10 would stop users early.
const SHARD_LIMIT = 1000;
const ACTIVE_WAIT_MS = 5000;

export interface SandboxOptions {
  /** The key pair requests must be signed with, in place of a random one per start (tests). */
  keys?: KeyPair;
}

interface Running {
  backend: Server;
  front: Front;
  /** Talks to kinesalite directly, with internal names. */
  admin: KinesisClient;
  names: YdsNames;
  keys: KeyPair;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  let running: Promise<Running> | undefined;
  // The started sandbox, for the synchronous keysFor().
  let current: Running | undefined;
  // Once stopped (at quit), nothing may start it again: a sandbox started then would never be stopped.
  let stopped = false;

  async function start(): Promise<Running> {
    const backend = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: SHARD_LIMIT });
    const backendKey = randomBackendKey();
    guardBackend(backend, backendKey);
    keepIdleConnections(backend);
    await new Promise<void>((resolve, reject) => {
      backend.once('error', reject);
      backend.listen(0, '127.0.0.1', () => resolve());
    });
    const backendPort = (backend.address() as AddressInfo).port;
    const names = createYdsNames();
    const keys = opts.keys ?? randomKeyPair();
    let front: Front;
    try {
      front = await startFront({ backendPort, backendKey, names, keys });
    } catch (e) {
      await closeServer(backend);
      throw e;
    }
    const admin = new KinesisClient({
      endpoint: `http://127.0.0.1:${backendPort}`,
      region: 'us-east-1',
      // kinesalite checks that a signature is there, not what it is.
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, timeout: CLIENT_IDLE_MS } }),
    });
    admin.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[BACKEND_KEY_HEADER] = backendKey;
        return next(args);
      },
      { step: 'build', name: 'sandboxBackendKey' },
    );
    const r = { backend, front, admin, names, keys };
    await createAndWait(r, EXAMPLE_STREAM, EXAMPLE_STREAM, EXAMPLE_SHARDS);
    current = r;
    return r;
  }

  const ensure = () => {
    if (stopped) {
      return Promise.reject(new ServiceError('sandboxStopped', {}, { hint: 'restartForSandbox' }));
    }
    return (running ??= start().catch((e: unknown) => {
      running = undefined;
      throw e;
    }));
  };

  async function status(): Promise<SandboxStatus> {
    const r = await ensure();
    const internals: string[] = [];
    for (let more = true; more;) {
      const page = await r.admin.send(
        new ListStreamsCommand({ Limit: 100, ExclusiveStartStreamName: internals.at(-1) }),
      );
      internals.push(...(page.StreamNames ?? []));
      more = !!page.HasMoreStreams && (page.StreamNames?.length ?? 0) > 0;
    }
    const streams: SandboxStream[] = [];
    for (const internal of internals) {
      const s = (await r.admin.send(new DescribeStreamSummaryCommand({ StreamName: internal })))
        .StreamDescriptionSummary;
      streams.push({
        name: r.names.restore(internal),
        shardCount: s?.OpenShardCount ?? 0,
        status: s?.StreamStatus ?? 'UNKNOWN',
      });
    }
    streams.sort((a, b) => a.name.localeCompare(b.name));
    return { running: true, endpoint: r.front.url, streams };
  }

  return {
    endpoint: async () => (await ensure()).front.url,
    runningEndpoint: () => (stopped ? undefined : current?.front.url),
    keysFor(endpoint) {
      return current && endpoint !== undefined && isUrlOf(endpoint, current.front.url) ? current.keys : undefined;
    },
    status,
    async createStream(name, shardCount) {
      const r = await ensure();
      const wanted = name.trim();
      const ydsPath = parseYdsPath(wanted) ? normalizeYdsPath(wanted) : null;
      if (!ydsPath && (!isValidAwsStreamName(wanted) || isReservedName(wanted))) {
        throw new ServiceError('streamNameInvalid', { name: wanted }, { hint: 'streamNameRules' });
      }
      if (!Number.isInteger(shardCount) || shardCount < 1) {
        throw new ServiceError('shardCountInvalid', { got: shardCount });
      }
      const shown = ydsPath ?? wanted;
      await createAndWait(r, shown, ydsPath ? r.names.register(ydsPath) : wanted, shardCount);
      return status();
    },
    async stop() {
      stopped = true;
      const was = running;
      running = undefined;
      current = undefined;
      const r = await was?.catch(() => undefined);
      if (!r) return;
      r.admin.destroy();
      await r.front.close();
      await closeServer(r.backend);
    },
  };
}

/** The same server: the front's own http://127.0.0.1:port, also written as localhost (its Host check allows both). */
function isUrlOf(endpoint: string, frontUrl: string): boolean {
  if (!URL.canParse(endpoint)) return false;
  const given = new URL(endpoint);
  const front = new URL(frontUrl);
  return given.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(given.hostname) && given.port === front.port;
}

async function createAndWait(r: Running, shown: string, internal: string, shardCount: number): Promise<void> {
  try {
    await r.admin.send(new CreateStreamCommand({ StreamName: internal, ShardCount: shardCount }));
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'ResourceInUseException') {
      throw new ServiceError('streamExists', { name: shown }, { hint: 'pickOtherStreamName' });
    }
    if (name === 'LimitExceededException') {
      throw new ServiceError('sandboxShardLimit', { count: shardCount, max: SHARD_LIMIT }, { hint: 'fewerShards' });
    }
    throw e;
  }
  const deadline = Date.now() + ACTIVE_WAIT_MS;
  for (;;) {
    const s = await r.admin.send(new DescribeStreamSummaryCommand({ StreamName: internal }));
    if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new Error(`Sandbox stream ${shown} did not become ACTIVE within ${ACTIVE_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
