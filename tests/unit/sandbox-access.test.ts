// The local sandbox serves this app only: a web page in a real Chromium, on another origin, can
// neither read nor write its streams; the app's own clients and the code it generates for the
// sandbox still get in, with the key of this start, which goes nowhere else.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox } from '../../electron/sandbox';
import type { Sandbox } from '../../electron/services';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp, type TestApp } from '../helpers/app';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/launch';
import { serveStatic, type StaticServer } from '../harness/static-server';
import { customProfileInput } from '../helpers/profiles';
import { sandboxProfileOf, value } from '../helpers/results';
import { PUT_RECORD_OK, recordingServer } from '../helpers/fake-kinesis';
import { readWholeStream } from '../helpers/kinesis-fixtures';

const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function storedData(sandbox: Sandbox): Promise<string[]> {
  const endpoint = await sandbox.endpoint();
  return (await readWholeStream(endpoint, 'example-stream', sandbox.keysFor(endpoint))).map((r) => r.data);
}

describe('a web page the user opens', () => {
  let sandbox: Sandbox;
  let page: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = createSandbox();
    const root = await tempDir('sc-hostile-page-');
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Some page</title><p>Nothing to see.</p>');
    page = await serveStatic(root);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await sandbox?.stop();
  });

  test('on another origin, cannot read or write the sandbox with or without a preflight', async () => {
    const endpoint = await sandbox.endpoint();
    const before = await storedData(sandbox);
    const tab = await (await browser.newContext()).newPage();
    await tab.goto(page.url);
    expect(new URL(tab.url()).origin).not.toBe(new URL(endpoint).origin);

    const tries = await tab.evaluate(async (sandboxUrl) => {
      const record = JSON.stringify({
        StreamName: 'example-stream',
        PartitionKey: 'page',
        Data: btoa('written by a web page'),
      });
      const amz = (action: string) => ({
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `Kinesis_20131202.${action}`,
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      });
      const attempt = async (init: RequestInit) => {
        try {
          const res = await fetch(sandboxUrl, init);
          return res.type === 'opaque' ? 'opaque' : `read ${res.status}: ${await res.text()}`;
        } catch (e) {
          return `refused: ${(e as Error).name}`;
        }
      };
      return {
        // Custom headers: the browser asks first (preflight), and goes on only on a CORS grant.
        preflightedWrite: await attempt({ method: 'POST', headers: amz('PutRecord'), body: record }),
        preflightedRead: await attempt({ method: 'POST', headers: amz('ListStreams'), body: '{}' }),
        // A "simple" request goes out without asking; the page may not read the answer, but it lands.
        simpleWrite: await attempt({
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: record,
        }),
        simpleRead: await attempt({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      };
    }, endpoint);

    expect(tries).toEqual({
      preflightedWrite: 'refused: TypeError',
      preflightedRead: 'refused: TypeError',
      simpleWrite: 'opaque',
      simpleRead: 'refused: TypeError',
    });
    expect(await storedData(sandbox)).toEqual(before);
  });
});

describe("the app's own clients", () => {
  let wired: TestApp | undefined;
  let app: WiredApp;

  beforeAll(async () => {
    wired = await wireTestApp();
    app = wired.app;
  });
  afterAll(() => wired?.close());

  const sendWith = (profileId: string, text: string) =>
    app.handlers.sendRecord({
      requestId: text,
      profileId,
      target: { type: 'name', streamName: 'example-stream' },
      partitionKey: 'k',
      payload: { mode: 'text', text },
    });

  test("send with the sandbox's key to its own URL only; placeholder keys elsewhere, and the sandbox refuses those", async () => {
    const sandboxProfile = await sandboxProfileOf(app.handlers);
    const viaSandbox = value(await sendWith(sandboxProfile.id, 'via the sandbox profile'));
    expect(viaSandbox.result.ok).toBe(true);
    const endpoint = value(await app.handlers.getSandboxStatus({})).endpoint!;
    const none = { credentials: { source: 'none' as const, sharedProfile: '' } };
    const local = value(
      await app.handlers.saveProfile({
        ...customProfileInput('Sandbox by URL', endpoint.replace('127.0.0.1', 'localhost'), {
          accessKeyId: '',
          secretAccessKey: '',
        }),
        ...none,
      }),
    );
    expect(value(await sendWith(local.id, 'via a custom profile on its URL')).result.ok).toBe(true);

    // Another endpoint with no credentials: it gets the placeholders, never the sandbox's key.
    const other = await recordingServer(() => PUT_RECORD_OK);
    const authorizations = () => other.requests.map((r) => r.authorization);
    try {
      const elsewhere = value(
        await app.handlers.saveProfile({
          ...customProfileInput('Emulator', other.url, { accessKeyId: '', secretAccessKey: '' }),
          ...none,
        }),
      );
      expect(value(await sendWith(elsewhere.id, 'to an emulator')).result.ok).toBe(true);
      expect(authorizations()).toHaveLength(1);
      expect(authorizations()[0]).toContain('Credential=local/');
      // The placeholders the emulator got do not open the sandbox.
      const emulatorKeys = value(
        await app.handlers.saveProfile({
          ...customProfileInput('Placeholder keys', endpoint, { accessKeyId: 'local', secretAccessKey: 'local' }),
        }),
      );
      const refused = value(await sendWith(emulatorKeys.id, 'with placeholder keys'));
      expect(refused.result.ok).toBe(false);
      if (!refused.result.ok) expect(refused.result.error.name).toBe('UnrecognizedClientException');
    } finally {
      await other.close();
    }
  });

  test("Copy as code for the sandbox prints this start's key, and the Node.js snippet stores its record", async () => {
    const sandboxProfile = await sandboxProfileOf(app.handlers);
    const request = {
      profileId: sandboxProfile.id,
      target: { type: 'name' as const, streamName: 'example-stream' },
      partitionKey: 'from-code',
      payload: { mode: 'text' as const, text: 'sent by the copied code' },
    };
    const generated = async (language: 'python' | 'cli' | 'node') =>
      value(await app.handlers.generateCode({ language, source: { type: 'composed', request } }));
    const codeIn = async (language: 'python' | 'cli' | 'node') => (await generated(language)).code;
    // The dialog is told, to say the code carries the sandbox's key rather than "no secret".
    expect((await generated('cli')).sandboxKey).toBe(true);
    const cli = await codeIn('cli');
    const [, keyId, secret] = /AWS_ACCESS_KEY_ID=(SANDBOX[0-9A-F]{16}) AWS_SECRET_ACCESS_KEY=(\S{40})/.exec(cli) ?? [];
    expect(keyId).toBeDefined();
    const node = await codeIn('node');
    for (const code of [cli, await codeIn('python'), node]) {
      expect(code).toContain(keyId);
      expect(code).toContain(secret);
      expect(code).toContain('new key at each start');
    }

    // ESM finds packages by walking up from the script: it sits in the project, beside node_modules.
    const dir = await mkdtemp(path.join(process.cwd(), '.sandbox-access-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'send.mjs'), node);
    const { stdout } = await run(process.execPath, [path.join(dir, 'send.mjs')], {
      env: { PATH: process.env.PATH, HOME: dir },
      timeout: 100_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({
      $metadata: { httpStatusCode: 200 },
      ShardId: expect.stringMatching(/^shardId-/),
    });
  });
});
