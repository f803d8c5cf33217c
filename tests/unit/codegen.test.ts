// "Copy as code": every generated snippet is run for real (python3 + boto3, the AWS CLI v2, node)
// against kinesalite, and the record it sent is read back and compared byte for byte.
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import kinesalite from 'kinesalite';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { generateCode } from '../../electron/codegen';
import type { CodeLanguage, ProfileInput } from '../../electron/contract';
import type { CodeContext } from '../../electron/services';
import { wireTestApp } from '../helpers/app';
import { findAwsCli } from '../helpers/aws-cli';
import { startSnippetRunner, type SnippetRunner } from '../helpers/snippets';

const utf8 = (s: string) => new TextEncoder().encode(s);
const STREAM = 'codegen-stream';
const MAX_HASH_KEY = ((1n << 128n) - 1n).toString();

// ---------- which runners this machine has ----------

const python = (() => {
  const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
  if (probe.error) return { ok: false as const, why: 'python3 is not on PATH' };
  if (probe.status !== 0)
    return { ok: false as const, why: `python3 cannot import boto3 (${probe.stderr.trim().split('\n').pop()})` };
  return { ok: true as const };
})();

// The snippet targets AWS CLI v2 (--cli-binary-format); PATH may hold a v1 first (pip's awscli).
const awsCli = findAwsCli(2);

function skipUnless(ctx: TestContext, runner: { ok: true } | { ok: false; why: string }): void {
  if (runner.ok) return;
  console.log(`skipped: ${runner.why}`);
  ctx.skip(runner.why);
}

// ---------- kinesalite, and what reached it ----------

let server: ReturnType<typeof kinesalite>;
let endpoint: string;
let sdk: KinesisClient;
let shards: Shard[];
const authorizations: string[] = [];

beforeAll(async () => {
  server = kinesalite({ createStreamMs: 0 });
  server.prependListener('request', (req) => authorizations.push(String(req.headers.authorization ?? '')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sdk = new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'reader', secretAccessKey: 'reader' },
    requestHandler: new NodeHttpHandler(),
  });
  await sdk.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  const described = await sdk.send(new DescribeStreamCommand({ StreamName: STREAM }));
  shards = described.StreamDescription!.Shards!;
});

afterAll(async () => {
  sdk?.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function shardOfHash(hash: bigint): string {
  const shard = shards.find(
    (s) => BigInt(s.HashKeyRange!.StartingHashKey!) <= hash && hash <= BigInt(s.HashKeyRange!.EndingHashKey!),
  );
  return shard!.ShardId!;
}

const shardOfKey = (key: string) => shardOfHash(BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`));

async function readBack(shardId: string, sequenceNumber: string) {
  const { ShardIterator } = await sdk.send(
    new GetShardIteratorCommand({
      StreamName: STREAM,
      ShardId: shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: sequenceNumber,
    }),
  );
  const { Records } = await sdk.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
  return Records![0];
}

// ---------- running a snippet ----------

type Credentials = CodeContext['profile']['credentials'];

interface Run {
  stdout: string;
  shardId: string;
  sequenceNumber: string;
}

/** A fresh folder per run: empty AWS shared files (or the given ones) so the user's are never read. */
async function awsHome(files: { config?: string; credentials?: string } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-'));
  await writeFile(path.join(dir, 'config'), files.config ?? '');
  await writeFile(path.join(dir, 'credentials'), files.credentials ?? '');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return { dir, env, dispose: () => rm(dir, { recursive: true, force: true }) };
}

// One interpreter per language runs every snippet of this file (tests/helpers/snippets.ts), each
// as its own process would; started at the first snippet of its language.
const started = new Map<CodeLanguage, Promise<SnippetRunner>>();
const runnerOf = (language: CodeLanguage) => {
  if (!started.has(language))
    started.set(language, startSnippetRunner(language, { aws: awsCli.ok ? awsCli : undefined }));
  return started.get(language)!;
};
afterAll(() => Promise.all([...started.values()].map(async (runner) => (await runner).close())));

async function runSnippet(language: CodeLanguage, code: string, env: NodeJS.ProcessEnv, dir: string): Promise<Run> {
  const ran = await (await runnerOf(language)).run({ code, env, cwd: dir });
  if (ran.code !== 0) throw new Error(`the ${language} snippet exited ${ran.code}:\n${ran.stderr}`);
  const { stdout } = ran;
  if (language === 'python')
    return { stdout, shardId: field(stdout, 'ShardId'), sequenceNumber: field(stdout, 'SequenceNumber') };
  const response = JSON.parse(stdout);
  if (language === 'node') expect(response.$metadata.httpStatusCode).toBe(200);
  return { stdout, shardId: response.ShardId, sequenceNumber: response.SequenceNumber };
}

/** A string field of boto3's pprint output. */
function field(printout: string, name: string): string {
  const m = new RegExp(`'${name}': '([^']*)'`).exec(printout);
  if (!m) throw new Error(`no ${name} in:\n${printout}`);
  return m[1];
}

const runners = { python, cli: awsCli, node: { ok: true as const } };

interface Case {
  name: string;
  partitionKey: string;
  data: Uint8Array;
  payloadMode: CodeContext['payloadMode'];
  explicitHashKey?: string;
}

const cases: Case[] = [
  {
    name: 'a JSON payload',
    partitionKey: 'user-42',
    data: utf8(JSON.stringify({ event: 'login', user: { id: 42, name: 'Zoë' }, tags: ['a', 'b'] }, null, 2)),
    payloadMode: 'json',
  },
  {
    name: "text with quotes, newlines, unicode, ' and $",
    partitionKey: 'text',
    data: utf8(`He said "it's $HOME" and $(id)\n\tnext: \`echo hi\` \\n 100% %s ✓ Привет 日本語 🚀\n'end'\n`),
    payloadMode: 'text',
  },
  {
    name: 'binary bytes 0..255',
    partitionKey: 'binary',
    data: Uint8Array.from({ length: 256 }, (_, i) => i),
    payloadMode: 'base64',
  },
  {
    name: 'a partition key with spaces, quotes and a leading dash, and data that looks like an option',
    partitionKey: `-k it's a "quoted" key $HOME \\ end`,
    data: utf8('-x'),
    payloadMode: 'text',
  },
  {
    name: 'CRLF text with invisible characters',
    partitionKey: 'crlf',
    data: utf8('a\r\nb\u200b\u00a0\ufeff\u2028c'),
    payloadMode: 'text',
  },
  {
    name: 'text too long for one command-line argument',
    partitionKey: 'long',
    data: utf8(`${'x'.repeat(70_000)}'$`),
    payloadMode: 'text',
  },
  { name: 'a text that names a file', partitionKey: 'file', data: utf8('file:///etc/hostname'), payloadMode: 'text' },
];

function context(
  language: CodeLanguage,
  c: Pick<Case, 'partitionKey' | 'data' | 'payloadMode' | 'explicitHashKey'>,
  credentials: Credentials,
  kind: CodeContext['profile']['kind'] = 'custom',
): CodeContext {
  return {
    language,
    profile: { kind, endpoint, region: 'us-east-1', credentials },
    streamName: STREAM,
    partitionKey: c.partitionKey,
    explicitHashKey: c.explicitHashKey,
    data: c.data,
    payloadMode: c.payloadMode,
  };
}

async function sendAndReadBack(
  language: CodeLanguage,
  ctx: CodeContext,
  files: { config?: string; credentials?: string },
  env: NodeJS.ProcessEnv = {},
) {
  const home = await awsHome(files);
  try {
    const start = authorizations.length;
    const result = await runSnippet(language, generateCode(ctx), { ...home.env, ...env }, home.dir);
    const record = await readBack(result.shardId, result.sequenceNumber);
    expect(record.SequenceNumber).toBe(result.sequenceNumber);
    expect(record.PartitionKey).toBe(ctx.partitionKey);
    expect(Buffer.from(record.Data!).equals(Buffer.from(ctx.data))).toBe(true);
    return { ...result, authorizations: authorizations.slice(start) };
  } finally {
    await home.dispose();
  }
}

const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };

// One after another: a snippet's requests are the ones kinesalite saw while it ran.
for (const language of ['python', 'cli', 'node'] as const) {
  describe(`${language} snippet`, () => {
    for (const c of cases) {
      test(`sends ${c.name} byte for byte`, async (t) => {
        skipUnless(t, runners[language]);
        const sent = await sendAndReadBack(
          language,
          context(language, c, { source: 'env', sharedProfile: '' }),
          {},
          ENV_KEYS,
        );
        expect(sent.shardId).toBe(shardOfKey(c.partitionKey));
        expect(sent.authorizations.some((a) => a.includes('Credential=AKIDFROMENV/'))).toBe(true);
      });
    }

    test('sends with an explicit hash key to the shard that key names', async (t) => {
      skipUnless(t, runners[language]);
      // A partition key that hashes to the first shard, sent to the last one by hash key.
      const partitionKey = Array.from({ length: 100 }, (_, i) => `key-${i}`).find(
        (k) => shardOfKey(k) === shards[0].ShardId,
      )!;
      const c = {
        partitionKey,
        data: utf8('routed by hash key'),
        payloadMode: 'text' as const,
        explicitHashKey: MAX_HASH_KEY,
      };
      const sent = await sendAndReadBack(
        language,
        context(language, c, { source: 'env', sharedProfile: '' }),
        {},
        ENV_KEYS,
      );
      expect(sent.shardId).toBe(shardOfHash(BigInt(MAX_HASH_KEY)));
      expect(sent.shardId).not.toBe(shardOfKey(partitionKey));
    });

    test('signs with the named profile from the AWS shared files', async (t) => {
      skipUnless(t, runners[language]);
      const keyId = `AKIDSHARED${language.toUpperCase()}`;
      const sent = await sendAndReadBack(
        language,
        context(language, cases[0], { source: 'shared', sharedProfile: 'codegen.test' }),
        {
          config: '[profile codegen.test]\nregion = eu-west-1\n',
          credentials: `[codegen.test]\naws_access_key_id = ${keyId}\naws_secret_access_key = shared-secret\n`,
        },
      );
      expect(sent.authorizations.some((a) => a.includes(`Credential=${keyId}/`))).toBe(true);
    });

    test('runs against the sandbox with no credentials anywhere', async (t) => {
      skipUnless(t, runners[language]);
      const sent = await sendAndReadBack(
        language,
        context(language, cases[1], { source: 'none', sharedProfile: '' }, 'sandbox'),
        {},
      );
      expect(sent.authorizations.length).toBeGreaterThan(0);
    });
  });
}

test('the python snippet prints the whole response like the YDS docs example', async (t) => {
  skipUnless(t, python);
  const home = await awsHome();
  try {
    const { stdout, shardId, sequenceNumber } = await runSnippet(
      'python',
      generateCode(context('python', cases[0], { source: 'env', sharedProfile: '' })),
      { ...home.env, ...ENV_KEYS },
      home.dir,
    );
    // pprint sorts keys: ResponseMetadata (status, headers, retries), then SequenceNumber, ShardId.
    expect(stdout).toMatch(
      /^\{(?:'EncryptionType': '\w+',\s+)?'ResponseMetadata': \{'HTTPHeaders': \{.*\},\s+'HTTPStatusCode': 200,\s+'RequestId': '[^']+',\s+'RetryAttempts': 0\},\s+'SequenceNumber': '\d+',\s+'ShardId': 'shardId-\d{12}'\}\n$/s,
    );
    expect(shardId).toBe(shardOfKey(cases[0].partitionKey));
    expect((await readBack(shardId, sequenceNumber)).SequenceNumber).toBe(sequenceNumber);
  } finally {
    await home.dispose();
  }
});

describe('printed target', () => {
  const base = (language: CodeLanguage, profile: Partial<CodeContext['profile']>): CodeContext => ({
    ...context(language, cases[0], { source: 'env', sharedProfile: '' }),
    profile: { kind: 'yds', endpoint: '', region: '', credentials: { source: 'env', sharedProfile: '' }, ...profile },
  });

  test('a YDS profile without an endpoint gets the YDS endpoint and region', () => {
    expect(generateCode(base('python', {}))).toContain(
      "endpoint_url='https://yds.serverless.yandexcloud.net',\n    region_name='ru-central1',",
    );
    expect(generateCode(base('cli', {}))).toContain(
      '--endpoint-url https://yds.serverless.yandexcloud.net \\\n    --region ru-central1',
    );
    const node = generateCode(base('node', {}));
    expect(node).toContain("endpoint: 'https://yds.serverless.yandexcloud.net',");
    expect(node).toContain('requestHandler: new NodeHttpHandler()');
  });

  test('an AWS profile without an endpoint leaves the endpoint to the SDK and keeps HTTP/2', () => {
    const aws = { kind: 'aws' as const, region: 'eu-central-1' };
    expect(generateCode(base('python', aws))).not.toContain('endpoint_url');
    expect(generateCode(base('cli', aws))).not.toContain('--endpoint-url');
    const node = generateCode(base('node', aws));
    expect(node).not.toMatch(/endpoint:|NodeHttpHandler/);
    expect(node).toContain("region: 'eu-central-1',");
  });

  const HOSTILE = 'x\nimport os; os.system("id")\u2028console.log(1)\n# it\'s $(id) `id`';

  test('a line break in a profile name stays inside a string in python and node', () => {
    for (const language of ['python', 'node'] as const) {
      const code = generateCode(base(language, { credentials: { source: 'shared', sharedProfile: HOSTILE } }));
      // JavaScript also ends a line at U+2028.
      expect(code.split(/\n|\u2028/).some((line) => /^\s*(import os|console\.log\(1\))/.test(line))).toBe(false);
    }
  });
});

describe('no secret in generated code', () => {
  const KEY_ID = 'AKIACODEGENKNOWNKEY1';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/codegen-known-secret';

  test('for a profile with a stored key pair, whatever its credentials source', async () => {
    const { app, close } = await wireTestApp({ app: { version: '0', systemLocale: 'en' } });
    try {
      for (const source of ['static', 'shared', 'env', 'none'] as const) {
        const input: ProfileInput = {
          name: `yds ${source}`,
          kind: 'yds',
          endpoint: '',
          region: '',
          ydsCloudId: 'b1gcloud',
          ydsDatabaseId: 'etndatabase',
          credentials: { source, sharedProfile: 'yds', accessKeyId: KEY_ID, secretAccessKey: SECRET },
          timeoutMs: 5000,
          maxAttempts: 3,
        };
        const saved = await app.handlers.saveProfile(input);
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        for (const language of ['python', 'cli', 'node'] as const) {
          const generated = await app.handlers.generateCode({
            language,
            source: {
              type: 'composed',
              request: {
                profileId: saved.value.id,
                target: { type: 'yds', cloudId: 'b1gcloud', databaseId: 'etndatabase', stream: 'events' },
                partitionKey: 'k',
                payload: { mode: 'json', text: '{"a":1}' },
              },
            },
          });
          if (!generated.ok) throw new Error(JSON.stringify(generated.error));
          const { code } = generated.value;
          expect(code).toContain('/ru-central1/b1gcloud/etndatabase/events');
          expect(code).not.toContain(SECRET);
          expect(code).not.toContain(KEY_ID);
          expect(code).not.toContain(KEY_ID.slice(-4));
        }
      }
    } finally {
      await close();
    }
  });
});
