// Shared pieces for the send-path and sandbox tests: stored profiles, servers that misbehave on
// purpose, and reading a record back from a stream.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  type KinesisClientConfig,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { KeyPair, Sandbox, StoredProfile } from '../../electron/services';

export function profileOf(
  overrides: Partial<Omit<StoredProfile, 'credentials'>> & { credentials?: Partial<StoredProfile['credentials']> } = {},
): StoredProfile {
  const { credentials, ...rest } = overrides;
  return {
    id: 'p1',
    name: 'Test profile',
    kind: 'sandbox',
    endpoint: '',
    region: '',
    ydsCloudId: '',
    ydsDatabaseId: '',
    timeoutMs: 5000,
    maxAttempts: 1,
    ...rest,
    credentials: { source: 'none', sharedProfile: '', accessKeyId: '', secretCipher: '', ...credentials },
  };
}

/** The key pair a wired app's sandbox is given (`sandboxCredentials`) when a test reads it directly. */
export const SANDBOX_TEST_KEYS: KeyPair = { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-test-secret' };

/** A plain SDK client on the sandbox, signing with the key pair of its current start. */
export async function sandboxClient(sandbox: Sandbox): Promise<KinesisClient> {
  const endpoint = await sandbox.endpoint();
  return sdkClient(endpoint, sandbox.keysFor(endpoint));
}

/** A plain SDK client on an endpoint, HTTP/1.1, as the sandbox needs. */
export function sdkClient(
  endpoint: string,
  credentials: KinesisClientConfig['credentials'] = { accessKeyId: 'local', secretAccessKey: 'local' },
): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

async function serve(server: net.Server, sockets: Set<net.Socket>): Promise<TestServer> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and never answers; counts the connections it has accepted. */
export async function silentServer(): Promise<TestServer & { connections(): number }> {
  let accepted = 0;
  const server = net.createServer(() => void accepted++);
  return { ...(await serve(server, new Set())), connections: () => accepted };
}

/** Accepts a connection, reads the start of the request, and resets the connection (TCP RST). */
export function resettingServer(): Promise<TestServer> {
  return serve(
    net.createServer((s) => s.once('data', () => s.resetAndDestroy())),
    new Set(),
  );
}

// A self-signed certificate for 127.0.0.1, made for these tests only (openssl req -x509, P-256,
// valid until 2126). Nothing trusts it, which is the point.
const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgibbM/D/ucbeLiZPJ
3ejFfYmc6z74BCmr+eAssYP4Gm6hRANCAAQdZ/tBrL49g85JT+735pO1c1E0pLYj
2RKJ0/taCy3jkJoJD82ek99j7lyxM6ILvNvQhXz5512FDAeCCNYD1YuO
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUOAMRi2TdHSInPUmwByy++abnnuAwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMTEwMzU1MFoYDzIxMjYxMTA3
MTAzNTUwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQdZ/tBrL49g85JT+735pO1c1E0pLYj2RKJ0/taCy3jkJoJD82ek99j
7lyxM6ILvNvQhXz5512FDAeCCNYD1YuOo2QwYjAdBgNVHQ4EFgQUfNoTOvDBSpmQ
soYz57y4XRKdIygwHwYDVR0jBBgwFoAUfNoTOvDBSpmQsoYz57y4XRKdIygwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQCV8qteuAS1TzXrwYwARBhL5mga/rZHt2tamBxErJ6sTgIgfRAIcqYDHdDhIPSN
iaYEjdMqho+37KqTPBxQAWdcf0o=
-----END CERTIFICATE-----
`,
};

/** An https:// endpoint with a self-signed certificate; it counts the requests that get through the handshake. */
export async function selfSignedServer(): Promise<ScriptedServer> {
  let requests = 0;
  const server = https.createServer(SELF_SIGNED, (req, res) => {
    requests++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end('{}');
  });
  const served = await serve(server, new Set());
  return { ...served, url: served.url.replace('http:', 'https:'), requests: () => requests };
}

export interface ScriptedServer extends TestServer {
  /** How many requests have arrived so far. */
  requests(): number;
}

/** Answers every request with this status and JSON body. */
export function fixedAnswerServer(status: number, body: unknown): Promise<ScriptedServer> {
  return scriptedServer([{ status, body }]);
}

/**
 * Answers requests in turn with these statuses and JSON bodies (each after `delayMs`, if given),
 * and with the last one from then on.
 */
export async function scriptedServer(
  answers: { status: number; body: unknown; delayMs?: number }[],
): Promise<ScriptedServer> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const { status, body, delayMs = 0 } = answers[Math.min(next++, answers.length - 1)];
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fixed-request-id' });
        res.end(JSON.stringify(body));
      }, delayMs),
    );
  });
  return { ...(await serve(server, new Set())), requests: () => next };
}

/** The data and partition key stored at a shard + sequence number. */
export async function readBack(client: KinesisClient, streamName: string, shardId: string, sequenceNumber: string) {
  const it = await client.send(
    new GetShardIteratorCommand({
      StreamName: streamName,
      ShardId: shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: sequenceNumber,
    }),
  );
  const got = await client.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator, Limit: 1 }));
  const record = got.Records?.[0];
  return (
    record && {
      data: Buffer.from(record.Data ?? []).toString('utf8'),
      partitionKey: record.PartitionKey,
      sequenceNumber: record.SequenceNumber,
    }
  );
}

/** Every record a stream holds, shard by shard from its start (TRIM_HORIZON). */
export async function readWholeStream(endpoint: string, streamName: string, credentials?: KeyPair) {
  const client = sdkClient(endpoint, credentials);
  try {
    const shards = (await client.send(new ListShardsCommand({ StreamName: streamName }))).Shards ?? [];
    const out: { shardId: string; sequenceNumber: string; partitionKey: string; data: string; bytes: Uint8Array }[] =
      [];
    for (const shard of shards) {
      let iterator = (
        await client.send(
          new GetShardIteratorCommand({
            StreamName: streamName,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      for (;;) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        const records = page.Records ?? [];
        for (const r of records)
          out.push({
            shardId: shard.ShardId!,
            sequenceNumber: r.SequenceNumber!,
            partitionKey: r.PartitionKey!,
            data: Buffer.from(r.Data!).toString('utf8'),
            // Binary records (KPL aggregates) as they are: the text above is lossy for them.
            bytes: r.Data!,
          });
        if (records.length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return out;
  } finally {
    client.destroy();
  }
}
