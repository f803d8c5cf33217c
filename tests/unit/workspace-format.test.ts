// The workspace's files on real folders in a fresh temp dir: the YAML a request is written as
// (stable, diff-friendly, round-trips byte for byte), and hostile files — huge, deep, alias bombs,
// wrong kind or version, unknown keys, links out of the folder — each a problem naming the file and
// what to fix, while the good files beside them load.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { SavedRequestBody } from '../../electron/contract';
import { parseRequestFile, requestFileText, WORKSPACE_LIMITS, type RequestFile } from '../../electron/workspace/format';
import { findWorkspace, loadWorkspace } from '../../electron/workspace/load';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workspace-format-'));
  dirs.push(dir);
  return dir;
}
async function put(dir: string, relative: string, text: string) {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), text);
}

const single: SavedRequestBody = {
  kind: 'single',
  target: { type: 'name', streamName: '{{env.STREAM}}' },
  partitionKey: 'user-1',
  payload: { mode: 'json', text: '{"id": 1,\n "user": "{{env.USER_NAME}}"}\n' },
};
const batch: SavedRequestBody = {
  kind: 'batch',
  target: { type: 'yds', cloudId: 'b1g', databaseId: 'etn', stream: 'clicks' },
  source: { type: 'template', template: '{"id": "{{uuid}}", "n": {{seq}}}', locale: 'ru' },
  keys: { type: 'sequential', prefix: 'k-' },
  payloadMode: 'json',
  seed: 42,
  plan: { count: 1000, ratePerSec: 100, concurrency: 4, maxAttemptsPerRecord: 5 },
};
const requestDoc = (request: SavedRequestBody, extra: Partial<RequestFile> = {}): RequestFile => ({
  kind: 'stream-composer/request',
  version: 1,
  name: 'Orders smoke',
  request,
  ...extra,
});
const MARKER = 'kind: stream-composer/workspace\nversion: 1\n';

describe('request file text', () => {
  test('keys in a fixed order, text payloads as lines, no timestamps; write → read → write is byte-identical', () => {
    const doc = requestDoc(single, {
      connection: 'Local sandbox',
      assertions: [{ type: 'delivered' }, { type: 'jsonField', path: '$.id', op: 'equals', value: '1' }],
    });
    // The same document with its keys in another order writes the same text.
    const shuffled = Object.fromEntries(Object.entries(doc).reverse()) as RequestFile;
    const text = requestFileText(doc);
    expect(requestFileText(shuffled)).toBe(text);
    expect(text.split('\n').slice(0, 5)).toEqual([
      'kind: stream-composer/request',
      'version: 1',
      'name: Orders smoke',
      'connection: Local sandbox',
      'request:',
    ]);
    expect(text).toContain('    text: |\n      {"id": 1,\n       "user": "{{env.USER_NAME}}"}\n');
    expect(text).not.toMatch(/\\n|createdAt|updatedAt|\d{4}-\d\d-\d\dT/);

    const read = parseRequestFile(text, 'orders/smoke.request.yaml');
    expect(read).toEqual({
      ok: true,
      value: {
        path: 'orders/smoke.request.yaml',
        folder: 'orders',
        name: 'Orders smoke',
        connection: 'Local sandbox',
        request: single,
        assertions: doc.assertions,
      },
    });
    if (!read.ok) return;
    const again = requestFileText(
      requestDoc(read.value.request, { connection: 'Local sandbox', assertions: read.value.assertions }),
    );
    expect(again).toBe(text);
  });

  test('a one-line template is a block scalar too, and hostile strings survive the round trip', () => {
    const text = requestFileText(requestDoc(batch));
    expect(text).toContain('    template: |-\n      {"id": "{{uuid}}", "n": {{seq}}}\n');
    expect(parseRequestFile(text, 'b.request.yaml')).toMatchObject({ ok: true, value: { request: batch } });

    for (const payload of [
      '  leading spaces\nline',
      'trailing spaces   \n\n\n',
      'tab\there\r\nCRLF',
      '# not a comment\n- not a list\n: nor a key',
      '\u202Ebidi \u0000 nul \u001b[31m esc',
      '--- \n...\n',
      '',
    ]) {
      const body: SavedRequestBody = { ...single, payload: { mode: 'text', text: payload } };
      const written = requestFileText(requestDoc(body));
      const read = parseRequestFile(written, 'x.request.yaml');
      expect(read, JSON.stringify(payload)).toMatchObject({ ok: true, value: { request: body } });
      expect(requestFileText(requestDoc(body))).toBe(written);
    }
  });
});

describe('hostile files', () => {
  const good = requestFileText(requestDoc(single));
  const problemFor = (text: string) => {
    const read = parseRequestFile(text, 'bad.request.yaml');
    expect(read.ok).toBe(false);
    return read.ok ? null : read.problem;
  };

  test('each bad file is a problem with its path, a reason and English saying what to fix', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    expect(problemFor(bomb)).toMatchObject({ path: 'bad.request.yaml', reason: 'workspaceYamlAliases' });
    expect(problemFor(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toMatchObject({ reason: 'workspaceFileTooDeep' });
    expect(problemFor(`a:\n${'  - '.repeat(1).padEnd(4)}${'['.repeat(70)}1${']'.repeat(70)}`)).toMatchObject({
      reason: 'workspaceFileTooDeep',
      params: { max: WORKSPACE_LIMITS.depth },
    });
    expect(problemFor('kind: [unclosed\nversion: 1')).toMatchObject({
      reason: 'workspaceNotYaml',
      params: { line: expect.any(Number), column: expect.any(Number) },
    });
    expect(problemFor(good.replace('stream-composer/request', 'stream-composer/environment'))).toMatchObject({
      reason: 'workspaceWrongKind',
      params: { expected: 'stream-composer/request', found: 'stream-composer/environment' },
      message: expect.stringContaining('Set kind: stream-composer/request'),
    });
    expect(problemFor(good.replace('version: 1', 'version: 2'))).toMatchObject({
      reason: 'workspaceWrongVersion',
      params: { found: '2' },
    });
    expect(problemFor(`${good}secretAccessKey: wJalrXUtnFEMI\n`)).toMatchObject({
      reason: 'workspaceFieldInvalid',
      params: { problem: { reason: 'fieldUnknown', params: { keys: 'secretAccessKey' } } },
    });
    expect(problemFor(good.replace('partitionKey: user-1', 'partitionKey: user-1\n  secretKey: abc'))).toMatchObject({
      reason: 'workspaceFieldInvalid',
      params: { field: 'request', problem: { reason: 'fieldUnknown' } },
    });
    expect(problemFor(good.replace('user-1', `${'k'.repeat(5000)}`))).toMatchObject({
      reason: 'workspaceFieldInvalid',
      params: { field: 'request.partitionKey', problem: { reason: 'fieldTooLong', params: { max: 4096 } } },
    });
    expect(problemFor(`${good}name: twice\n`)).toMatchObject({
      reason: 'workspaceNotYaml',
      params: { detail: 'DUPLICATE_KEY' },
    });
    expect(problemFor('x'.repeat(WORKSPACE_LIMITS.fileBytes + 1))).toMatchObject({ reason: 'workspaceFileTooLarge' });
  });

  test('a workspace with bad files loads the good ones and lists each bad one; links never lead out', async () => {
    const outside = await freshDir();
    await writeFile(path.join(outside, 'secret.request.yaml'), good);
    const dir = await freshDir();
    await put(dir, 'stream-composer.yaml', `${MARKER}name: Team streams\n`);
    await put(dir, 'smoke.request.yaml', good);
    await put(dir, 'orders/big-load.request.yaml', requestFileText(requestDoc(batch, { name: 'Big load' })));
    await mkdir(path.join(dir, 'empty-folder'));
    await put(
      dir,
      'orders/bomb.request.yaml',
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n',
    );
    await put(dir, 'huge.request.yaml', 'x'.repeat(WORKSPACE_LIMITS.fileBytes + 10));
    await put(dir, 'notes.md', 'not a request, not read');
    await put(dir, '.git/x.request.yaml', 'not read: a dot folder');
    await symlink(path.join(outside, 'secret.request.yaml'), path.join(dir, 'linked.request.yaml'));
    await symlink(outside, path.join(dir, 'linked-folder'));
    await put(
      dir,
      'environments/dev.yaml',
      'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders-dev\n',
    );
    await put(dir, 'environments/bad name!.yaml', 'kind: stream-composer/environment\nversion: 1\nvariables: {}\n');
    await put(dir, 'environments/prod.yaml', 'kind: stream-composer/environment\nversion: 1\nvariables:\n  1BAD: x\n');

    const loaded = await loadWorkspace(dir);
    expect(loaded.dir).toBe(dir);
    expect(loaded.name).toBe('Team streams');
    expect(loaded.requests.map((r) => [r.path, r.folder, r.name])).toEqual([
      ['orders/big-load.request.yaml', 'orders', 'Big load'],
      ['smoke.request.yaml', null, 'Orders smoke'],
    ]);
    expect(loaded.requests[0].request).toEqual(batch);
    expect(loaded.folders).toEqual(['empty-folder', 'orders']);
    expect(loaded.environments).toEqual([{ name: 'dev', variables: { STREAM: 'orders-dev' } }]);
    expect(loaded.problems.map((p) => [p.path, p.reason])).toEqual([
      ['environments/bad name!.yaml', 'workspaceEnvironmentName'],
      ['environments/prod.yaml', 'workspaceFieldInvalid'],
      ['huge.request.yaml', 'workspaceFileTooLarge'],
      ['linked-folder', 'workspaceLinkOutside'],
      ['linked.request.yaml', 'workspaceLinkOutside'],
      ['orders/bomb.request.yaml', 'workspaceYamlAliases'],
    ]);
    for (const problem of loaded.problems) expect(problem.message.length).toBeGreaterThan(20);
  });

  test('a folder without stream-composer.yaml says so; findWorkspace walks up to the marked folder', async () => {
    const dir = await freshDir();
    await put(dir, 'smoke.request.yaml', good);
    expect((await loadWorkspace(dir)).problems).toEqual([
      expect.objectContaining({ path: 'stream-composer.yaml', reason: 'workspaceNotMarked' }),
    ]);
    await put(dir, 'stream-composer.yaml', MARKER);
    await mkdir(path.join(dir, 'orders', 'deep'), { recursive: true });
    expect(await findWorkspace(path.join(dir, 'orders', 'deep'))).toBe(dir);
    expect(await findWorkspace(os.tmpdir())).toBeNull();
  });
});

test('parse() of the written text is the document itself', () => {
  const doc = requestDoc(batch, { assertions: [{ type: 'latencyP95', maxMs: 250 }] });
  expect(parse(requestFileText(doc))).toEqual(doc);
});
