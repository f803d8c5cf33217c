// "Copy as code" with hostile values (an imported history entry is the attacker's): every snippet is
// run for real — the AWS CLI v2, python3 + boto3, node + the AWS SDK v3 — against a local server that
// records each request, and what the API received is compared with the original values. Values
// only the user's own profile holds (profile name, region, endpoint) go through stubs of the CLI
// and the SDKs that record what they are given. Nothing may be read from a file or a URL a value
// names, and a snippet's text holds only printable characters.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { generateCode } from '../../electron/codegen';
import type { CodeLanguage } from '../../electron/contract';
import type { CodeContext } from '../../electron/services';
import { findAwsCli } from '../helpers/aws-cli';
import { startSnippetRunner } from '../helpers/snippets';
import { PUT_RECORD_OK, recordingServer, type FakeKinesis, type ReceivedRequest } from '../helpers/fake-kinesis';

const run = promisify(execFile);
const utf8 = (s: string) => new TextEncoder().encode(s);
const CANARY = 'CANARY-SECRET-hostile-codegen';

const python = (() => {
  const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
  if (probe.error) return { ok: false as const, why: 'python3 is not on PATH' };
  if (probe.status !== 0) return { ok: false as const, why: 'python3 cannot import boto3' };
  return { ok: true as const };
})();
const cliV2 = findAwsCli(2);
const cliV1 = findAwsCli(1);
const runners = { python, cli: cliV2, node: { ok: true as const } };

function skipUnless(ctx: TestContext, runner: { ok: true } | { ok: false; why: string }): void {
  if (runner.ok) return;
  console.log(`skipped: ${runner.why}`);
  ctx.skip(runner.why);
}

// ---------- a server that records every request and answers PutRecord ----------

let server: FakeKinesis;
let endpoint: string;
let received: ReceivedRequest[];

beforeAll(async () => {
  server = await recordingServer(() => PUT_RECORD_OK);
  endpoint = server.url;
  received = server.requests;
});

afterAll(() => server?.close());

// ---------- hostile values ----------

/** Each a value an attacker can put in any field of an exported history entry. */
function hostileValues(): string[] {
  return [
    'file://~/.aws/credentials',
    'fileb://~/.aws/credentials',
    `${endpoint}/leak-http`,
    `${endpoint.replace('http:', 'https:')}/leak-https`,
    'ctrl-u \u0015 kills the line',
    'esc \u001b[2J\u001b[31m red',
    'osc \u001b]0;title\u0007 bell',
    'bidi \u202e evil \u2066 isolate \u2069 end',
    'nul \u0000 after',
    'cr \r carriage',
    "a lone ' quote",
    'a lone \\ backslash \\',
    '$(touch pwned-subst) `touch pwned-backtick` ${HOME}',
    'line\ntouch pwned-newline\n',
    'END_OF_REQUEST\nEND_OF_REQUEST',
    '"}, "StreamName": "other',
    `long ${'x'.repeat(150_000)}`,
    'non-BMP 🚀 𝔘 \u{e0001}',
    'separators \u2028 and \u2029',
    'lone \ud800 surrogates \udc00',
    '-looks-like-an-option',
    '\u00a0nbsp \u200b zwsp \ufeff bom',
  ];
}

// ---------- running a snippet ----------

/** A fresh HOME whose AWS files hold a canary: a snippet that reads them sends it. */
async function home() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-hostile-'));
  await mkdir(path.join(dir, '.aws'));
  await writeFile(
    path.join(dir, '.aws', 'credentials'),
    `[default]\naws_access_key_id = ${CANARY}\naws_secret_access_key = ${CANARY}\n`,
  );
  await writeFile(path.join(dir, '.aws', 'config'), '');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HOME: dir,
    // pyenv's shims find their root from HOME.
    PYENV_ROOT: process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'),
    AWS_CONFIG_FILE: path.join(dir, '.aws', 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_ACCESS_KEY_ID: 'AKIDHOSTILE',
    AWS_SECRET_ACCESS_KEY: 'hostile-secret',
  };
  return { dir, env, dispose: () => rm(dir, { recursive: true, force: true }) };
}

function context(
  language: CodeLanguage,
  fields: Pick<CodeContext, 'streamName' | 'partitionKey' | 'explicitHashKey' | 'data'>,
): CodeContext {
  return {
    language,
    profile: { kind: 'custom', endpoint, region: 'us-east-1', credentials: { source: 'env', sharedProfile: '' } },
    payloadMode: 'text',
    ...fields,
  };
}

/** Characters a reader cannot see or a terminal would act on; a snippet may hold none but line feeds. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]/u;

function expectPrintable(code: string): void {
  const bad = [...code].filter((ch) => ch !== '\n' && ch !== ' ' && UNPRINTABLE.test(ch));
  expect(bad.map((ch) => `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`)).toEqual([]);
}

// Every value once in each field: case i takes value i as the stream name, i+1 as the key, and so on.
// Each language's snippets run one after another in one interpreter (tests/helpers/snippets.ts),
// which spares a start of boto3, the SDK or the CLI's Python per case.
describe.concurrent('hostile values in the request reach the API exactly', () => {
  for (const language of ['cli', 'python', 'node'] as const) {
    test(`${language}: every value in every field`, async (t) => {
      skipUnless(t, runners[language]);
      const values = hostileValues();
      const cases = values.map((_, i) => caseOf(language, values, i));
      const h = await home();
      try {
        const runner = await startSnippetRunner(language, { aws: cliV2.ok ? cliV2 : undefined });
        try {
          for (const c of cases) {
            const ran = await runner.run({ code: c.code, env: h.env, cwd: h.dir });
            expect(ran.code, `${c.label}: ${ran.stderr.slice(-2000)}`).toBe(0);
          }
        } finally {
          await runner.close();
        }
        for (const c of cases) checkCase(c);
        // Nothing a value names was fetched, and no command in a value ran.
        expect(received.filter((r) => r.method !== 'POST')).toEqual([]);
        expect(
          ['pwned-subst', 'pwned-backtick', 'pwned-newline'].filter((f) => existsSync(path.join(h.dir, f))),
        ).toEqual([]);
      } finally {
        await h.dispose();
      }
    }, 600_000);
  }
});

type Case = { label: string; ctx: CodeContext; data: Uint8Array; code: string };

function caseOf(language: CodeLanguage, values: string[], i: number): Case {
  const pick = (k: number) => values[(i + k) % values.length];
  const data = i % 2 === 0 ? utf8(pick(3)) : Uint8Array.from([...utf8(pick(3)), 0, 255, 0x1b]);
  const ctx = context(language, { streamName: pick(0), partitionKey: pick(1), explicitHashKey: pick(2), data });
  const code = generateCode(ctx);
  expectPrintable(code);
  return { label: `${language} case ${i + 1}`, ctx, data, code };
}

function checkCase({ label, ctx, data }: Case): void {
  // Snippets run side by side: this one's request is the one with its partition key.
  const mine = received.map((r) => ({ ...r, json: JSON.parse(r.body || 'null') as Record<string, string> | null }));
  const sent = mine.find((r) => r.json?.PartitionKey === ctx.partitionKey && r.json?.StreamName === ctx.streamName);
  expect(sent, `${label}: no PutRecord with this partition key reached the server`).toBeDefined();
  expect(sent!.method).toBe('POST');
  expect(sent!.json!.ExplicitHashKey, label).toBe(ctx.explicitHashKey);
  expect(Buffer.from(sent!.json!.Data, 'base64').equals(Buffer.from(data)), `${label}: data`).toBe(true);
  expect(sent!.body).not.toContain(CANARY);
}

test('AWS CLI v1, which also fetches http(s):// values, stops before sending anything', async (t) => {
  skipUnless(t, cliV1);
  const values = hostileValues();
  const h = await home();
  try {
    const before = received.length;
    const ctx = context('cli', {
      streamName: values[2],
      partitionKey: values[0],
      explicitHashKey: values[3],
      data: utf8(values[1]),
    });
    const runner = await startSnippetRunner('cli', { aws: cliV1.ok ? cliV1 : undefined });
    const ran = await runner.run({ code: generateCode(ctx), env: h.env, cwd: h.dir }).finally(() => runner.close());
    expect(ran.code, 'the snippet succeeded under CLI v1').not.toBe(0);
    expect(ran.stderr).toContain('--cli-binary-format');
    expect(received.slice(before)).toEqual([]);
  } finally {
    await h.dispose();
  }
});

// ---------- the profile's values: name, region, endpoint ----------

const PROFILE_VALUES = [
  'file://~/.aws/credentials',
  'https://attacker.example/x',
  'it\'s $(touch pwned) `id` \\ "q"',
  '-starts-with-dash',
  'line\ntouch pwned',
  'esc \u001b[2J',
  'bidi \u202e x',
  'nul \u0000 x',
  'lone \ud800 x',
];

function profileContext(language: CodeLanguage, field: 'name' | 'region' | 'endpoint', value: string): CodeContext {
  return {
    ...context(language, { streamName: 's', partitionKey: 'k', data: utf8('d') }),
    profile: {
      kind: 'custom',
      endpoint: field === 'endpoint' ? value : endpoint,
      region: field === 'region' ? value : 'us-east-1',
      credentials: { source: 'shared', sharedProfile: field === 'name' ? value : 'p' },
    },
  };
}

describe('the profile name, region and endpoint', () => {
  test('the CLI snippet gives printable ones to aws exactly and refuses the rest, saying why', async () => {
    for (const field of ['name', 'region', 'endpoint'] as const) {
      for (const value of PROFILE_VALUES) {
        const ctx = profileContext('cli', field, value);
        if ([...value].some((ch) => ch !== ' ' && UNPRINTABLE.test(ch))) {
          expect(() => generateCode(ctx)).toThrow(/not printable/);
          continue;
        }
        const code = generateCode(ctx);
        expectPrintable(code);
        const dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-hostile-'));
        try {
          // A shell function stands in for the CLI: it prints its arguments NUL-separated.
          const { stdout } = await run('sh', ['-c', `aws() { printf '%s\\0' "$@"; }\n${code}`], { cwd: dir });
          const args = stdout.split('\0').slice(0, -1);
          const option = { name: '--profile', region: '--region', endpoint: '--endpoint-url' }[field];
          const given = args.includes(option)
            ? args[args.indexOf(option) + 1]
            : args.find((a) => a.startsWith(`${option}=`))?.slice(option.length + 1);
          expect(given).toBe(value);
          expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    }
  });

  /** Stubs of boto3 and of the SDK's packages that append what they are given to $RECORD_FILE as JSON lines. */
  async function stubs(dir: string) {
    await mkdir(path.join(dir, 'py', 'boto3'), { recursive: true });
    await writeFile(
      path.join(dir, 'py', 'boto3', '__init__.py'),
      [
        'import json, os',
        'def _record(call, kw):',
        "    with open(os.environ['RECORD_FILE'], 'a') as f:",
        "        f.write(json.dumps({'call': call, 'kw': {k: v for k, v in kw.items() if not isinstance(v, bytes)}}) + '\\n')",
        'class _Client:',
        "    def put_record(self, **kw): _record('put_record', kw); return {}",
        "def client(service, **kw): _record('client', kw); return _Client()",
        'class Session:',
        "    def __init__(self, **kw): _record('session', kw)",
        '    def client(self, service, **kw): return client(service, **kw)',
        '',
      ].join('\n'),
    );
    const pkg = async (name: string, source: string) => {
      const root = path.join(dir, 'js', 'node_modules', ...name.split('/'));
      await mkdir(root, { recursive: true });
      await writeFile(path.join(root, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js' }));
      await writeFile(path.join(root, 'index.js'), source);
    };
    const record = `import { appendFileSync } from 'node:fs';\nconst record = (call, kw) => appendFileSync(process.env.RECORD_FILE, JSON.stringify({ call, kw }) + '\\n');\n`;
    await pkg(
      '@aws-sdk/client-kinesis',
      `${record}export class KinesisClient { constructor({ requestHandler, ...kw }) { record('client', kw); } async send(c) { const { Data, ...kw } = c.input; record('put_record', kw); return {}; } }\nexport class PutRecordCommand { constructor(input) { this.input = input; } }\n`,
    );
    await pkg('@aws-sdk/credential-providers', 'export const fromIni = (o) => ({ fromIniProfile: o.profile });\n');
    await pkg('@smithy/node-http-handler', 'export class NodeHttpHandler {}\n');
  }

  // One interpreter per language runs every snippet, each from its own file in a fresh module scope
  // and with its own record file, which spares ~27 interpreter starts; each is still checked alone.
  const DRIVERS = {
    python: {
      file: 'run_all.py',
      source:
        "import os, runpy, sys\nfor f, rec in zip(sys.argv[1::2], sys.argv[2::2]):\n    os.environ['RECORD_FILE'] = rec\n    runpy.run_path(f, run_name='__main__')\n",
    },
    node: {
      file: path.join('js', 'run-all.mjs'),
      source:
        "import { pathToFileURL } from 'node:url';\nconst a = process.argv.slice(2);\nfor (let i = 0; i < a.length; i += 2) {\n  process.env.RECORD_FILE = a[i + 1];\n  await import(pathToFileURL(a[i]).href);\n}\n",
    },
  };

  for (const language of ['python', 'node'] as const) {
    test(`the ${language} snippet gives every one to the SDK exactly, as escapes that show`, async (t) => {
      if (language === 'python') skipUnless(t, python);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-hostile-'));
      try {
        await stubs(dir);
        const cases = (['name', 'region', 'endpoint'] as const).flatMap((field) =>
          PROFILE_VALUES.map((value) => ({ field, value, code: generateCode(profileContext(language, field, value)) })),
        );
        const files: string[] = [];
        for (const [i, { value, code }] of cases.entries()) {
          expectPrintable(code);
          // JavaScript and Python end a comment at a line break: no value may appear in one.
          expect(code.split('\n').filter((l) => /^\s*(#|\/\/)/.test(l) && l.includes(value))).toEqual([]);
          const file = path.join(dir, language === 'python' ? `send_${i}.py` : path.join('js', `send-${i}.mjs`));
          await writeFile(file, code);
          files.push(file, path.join(dir, `record-${i}.jsonl`));
        }
        const driver = path.join(dir, DRIVERS[language].file);
        await writeFile(driver, DRIVERS[language].source);
        await run(language === 'python' ? 'python3' : process.execPath, [driver, ...files], {
          cwd: dir,
          env: { ...process.env, PYTHONPATH: path.join(dir, 'py') },
        });
        for (const [i, { field, value }] of cases.entries()) {
          const calls = (await readFile(path.join(dir, `record-${i}.jsonl`), 'utf8'))
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as { call: string; kw: Record<string, unknown> });
          const client = calls.find((c) => c.call === 'client')!.kw;
          const profileName =
            language === 'python'
              ? calls.find((c) => c.call === 'session')?.kw.profile_name
              : (client.credentials as { fromIniProfile?: string })?.fromIniProfile;
          const given = {
            name: profileName,
            region: client.region ?? client.region_name,
            endpoint: client.endpoint ?? client.endpoint_url,
          }[field];
          expect(given, `${field} ${JSON.stringify(value)}`).toBe(value);
          expect(calls.find((c) => c.call === 'put_record')!.kw).toMatchObject({
            StreamName: 's',
            PartitionKey: 'k',
          });
        }
        expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
