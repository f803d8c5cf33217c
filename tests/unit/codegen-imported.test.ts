// An imported history entry never chooses where code or requests go: the endpoint it names is an
// attacker's server here. Code generated from it is run for real (boto3, the AWS CLI v2, the SDK
// v3) with the user's keys in the environment: the record must reach the user's endpoint, and
// nothing at all the attacker's. (Read-back and re-send take the profile by id from the user's
// profiles and the run's own source file, never an entry's endpoint.)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { CodeLanguage, HistoryEntry, Result } from '../../electron/contract';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp, type TestApp } from '../helpers/app';
import { findAwsCli } from '../helpers/aws-cli';
import { startSnippetRunner, type SnippetRunner } from '../helpers/snippets';
import { PUT_RECORD_OK, recordingServer, type FakeKinesis } from '../helpers/fake-kinesis';
import { historyEntry } from '../helpers/history-entries';
import { customProfileInput } from '../helpers/profiles';

const python =
  spawnSync('python3', ['-c', 'import boto3']).status === 0
    ? { ok: true as const }
    : { ok: false as const, why: 'python3 with boto3 is not available' };
const cliV2 = findAwsCli(2);
const runners = { python, cli: cliV2, node: { ok: true as const } };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

let attacker: FakeKinesis;
let mine: FakeKinesis;
let wired: TestApp | undefined;
let app: WiredApp;
let myProfileId: string;

function entry(id: string, profile: HistoryEntry['profile'], partitionKey: string): HistoryEntry {
  return historyEntry({
    id,
    time: '2026-01-02T03:04:05.000Z',
    profile,
    stream: 'events',
    partitionKey,
    payload: { mode: 'text', text: 'hello', size: 5, truncated: false },
    latencyMs: 3,
  });
}

beforeAll(async () => {
  // Each records who called it and answers every call as a PutRecord.
  attacker = await recordingServer(() => PUT_RECORD_OK);
  mine = await recordingServer(() => PUT_RECORD_OK);
  let file = '';
  wired = await wireTestApp({
    app: { version: '0', systemLocale: 'en' },
    chooseOpenPath: async () => file,
  });
  app = wired.app;
  file = path.join(wired.dataDir, 'import.ndjson');
  const saved = value(
    await app.handlers.saveProfile(
      customProfileInput('Mine', mine.url, { accessKeyId: 'AKIDMINE', secretAccessKey: 'mine-secret' }),
    ),
  );
  myProfileId = saved.id;
  value(await app.handlers.selectProfile({ id: myProfileId }));
  const entries = [
    // A profile the user does not have, at the attacker's endpoint.
    entry(
      'imported-foreign',
      { id: 'attacker-profile', name: 'Attacker', kind: 'custom', endpoint: attacker.url, region: 'us-east-1' },
      'foreign',
    ),
    // The user's own profile id, with the attacker's endpoint and another kind and region.
    entry(
      'imported-spoofed',
      { id: myProfileId, name: 'Mine', kind: 'yds', endpoint: attacker.url, region: 'attacker-region-1' },
      'spoofed',
    ),
  ];
  await writeFile(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  expect(value(await app.handlers.importHistory({}))).toMatchObject({ imported: 2 });
});

afterAll(async () => {
  await wired?.close();
  await attacker?.close();
  await mine?.close();
});

// One interpreter per language runs this file's snippets (tests/helpers/snippets.ts), each as its
// own process would.
const started = new Map<CodeLanguage, Promise<SnippetRunner>>();
afterAll(() => Promise.all([...started.values()].map(async (runner) => (await runner).close())));

async function runSnippet(language: CodeLanguage, code: string) {
  if (!started.has(language))
    started.set(language, startSnippetRunner(language, { aws: cliV2.ok ? cliV2 : undefined }));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-imported-run-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const env = {
    ...inherited,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDVICTIM',
    AWS_SECRET_ACCESS_KEY: 'victim-secret',
  };
  try {
    const ran = await (await started.get(language)!).run({ code, env, cwd: dir });
    expect(ran.code, ran.stderr).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function skipUnless(ctx: TestContext, runner: { ok: true } | { ok: false; why: string }): void {
  if (runner.ok) return;
  console.log(`skipped: ${runner.why}`);
  ctx.skip(runner.why);
}

describe('code from an imported history entry', () => {
  for (const language of ['python', 'cli', 'node'] as const) {
    test(`${language}: a foreign profile's entry sends to the current profile's endpoint, and says so`, async (t) => {
      skipUnless(t, runners[language]);
      const generated = value(
        await app.handlers.generateCode({ language, source: { type: 'history', historyId: 'imported-foreign' } }),
      );
      expect(generated.code).not.toContain(attacker.url);
      expect(generated.code).toContain(mine.url);
      expect(generated.otherProfile).toEqual({ name: 'Mine' });
      expect(generated.sandboxKey).toBe(false);
      expect(generated.code).toMatch(/sent with a connection you do not have \(it came from an imported file/);

      const before = mine.requests.length;
      await runSnippet(language, generated.code);
      expect(attacker.requests).toEqual([]);
      const sent = mine.requests.slice(before).find((c) => c.body.includes('"foreign"'));
      expect(sent?.authorization).toContain('Credential=AKIDVICTIM/');
    });

    test(`${language}: an entry naming the user's profile id takes that profile's endpoint and region, not its own`, async (t) => {
      skipUnless(t, runners[language]);
      const generated = value(
        await app.handlers.generateCode({ language, source: { type: 'history', historyId: 'imported-spoofed' } }),
      );
      expect(generated.code).not.toContain(attacker.url);
      expect(generated.code).not.toContain('attacker-region-1');
      expect(generated.code).toContain(mine.url);
      expect(generated.otherProfile).toBeNull();

      const before = mine.requests.length;
      await runSnippet(language, generated.code);
      expect(attacker.requests).toEqual([]);
      expect(
        mine.requests
          .slice(before)
          .some((c) => c.body.includes('"spoofed"') && c.authorization.includes('/us-east-1/kinesis/')),
      ).toBe(true);
    });
  }
});
