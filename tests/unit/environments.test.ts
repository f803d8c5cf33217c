// Environments as main keeps them (environments/<name>.yaml in the workspace folder, real files) and
// as every send path uses them: sendRecord, previewBatch, startRun and generateCode take the
// selected environment's values, and a missing one stops the request before anything is sent.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ProfileView } from '../../electron/contract';
import type { WiredApp } from '../../electron/wire';
import { wireTestApp } from '../helpers/app';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value } from '../helpers/results';

let app: WiredApp;
let dataDir: string;
let closeApp: () => Promise<void>;
let fake: FakeKinesis;
let profile: ProfileView;

const envDir = () => path.join(dataDir, 'workspace', 'environments');

beforeEach(async () => {
  ({ app, dataDir, close: closeApp } = await wireTestApp());
  // Every call reaches the fake's own logic; `requests` lists them all.
  fake = await startFakeKinesis({ streams: { 'orders-dev': 1, 'orders-prod': 1 }, answer: () => undefined });
  profile = value(
    await app.handlers.saveProfile(customProfileInput('fake', fake.url, { accessKeyId: 'AKID', secretAccessKey: 's' })),
  );
});

afterEach(async () => {
  await closeApp();
  await fake.close();
});

const h = () => app.handlers;
const send = (streamName: string, extra: Record<string, unknown> = {}) =>
  h().sendRecord({
    requestId: crypto.randomUUID(),
    profileId: profile.id,
    target: { type: 'name', streamName },
    partitionKey: 'user-{{env.USER}}',
    payload: { mode: 'json', text: '{"env": "{{env.NAME}}", "id": "{{uuid}}"}' },
    ...extra,
  });

describe('the environment store', () => {
  test('writes environments/<name>.yaml in the workspace, lists, renames and deletes them', async () => {
    const saved = value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', RATE: '10' } }));
    expect(saved.environments).toEqual([{ name: 'dev', variables: { STREAM: 'orders-dev', RATE: '10' } }]);
    expect(saved.selected).toBeNull();
    expect(await readFile(path.join(envDir(), 'dev.yaml'), 'utf8')).toBe(
      'kind: stream-composer/environment\nversion: 1\nvariables: { STREAM: orders-dev, RATE: "10" }\n',
    );

    value(await h().selectEnvironment({ name: 'dev' }));
    const renamed = value(
      await h().saveEnvironment({ name: 'staging', previousName: 'dev', variables: { STREAM: 'orders-prod' } }),
    );
    expect(renamed.environments.map((e) => e.name)).toEqual(['staging']);
    // The selection follows the rename.
    expect(renamed.selected).toBe('staging');
    expect(await readdir(envDir())).toEqual(['staging.yaml']);

    const gone = value(await h().deleteEnvironment({ name: 'staging' }));
    expect(gone).toEqual({ environments: [], selected: null, gone: null, problems: [] });
    expect(await readdir(envDir())).toEqual([]);
  });

  test('refuses a name another environment has (any case), an unknown one, and more than 1,000 variables', async () => {
    value(await h().saveEnvironment({ name: 'dev', variables: {} }));
    const taken = await h().saveEnvironment({ name: 'DEV', variables: {} });
    expect(!taken.ok && taken.error.reason).toBe('environmentNameTaken');
    const unknown = await h().selectEnvironment({ name: 'prod' });
    expect(!unknown.ok && unknown.error.reason).toBe('environmentNotFound');
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`V${i}`, 'x']));
    const tooMany = await h().saveEnvironment({ name: 'big', variables: many });
    expect(!tooMany.ok && tooMany.error.reason).toBe('environmentTooManyVariables');
    const badName = await h().saveEnvironment({ name: '../up', variables: {} });
    expect(!badName.ok && badName.error.fields?.[0]?.path).toBe('name');
    expect(await readdir(envDir())).toEqual(['dev.yaml']);
  });

  test('picks up files edited outside the app; a bad file is a problem and the others still load', async () => {
    await mkdir(envDir(), { recursive: true });
    await writeFile(
      path.join(envDir(), 'dev.yaml'),
      'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders-dev\n',
    );
    await writeFile(
      path.join(envDir(), 'broken.yaml'),
      'kind: stream-composer/environment\nversion: 1\nvariables: [1\n',
    );
    const listed = value(await h().listEnvironments({}));
    expect(listed.environments).toEqual([{ name: 'dev', variables: { STREAM: 'orders-dev' } }]);
    expect(listed.problems.map((p) => [p.path, p.reason])).toEqual([['environments/broken.yaml', 'workspaceNotYaml']]);
  });
});

describe('requests take the selected environment’s values', () => {
  test('a send goes to the stream the selected environment names; switching sends elsewhere', async () => {
    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', USER: 'a', NAME: 'dev' } }));
    value(await h().saveEnvironment({ name: 'prod', variables: { STREAM: 'orders-prod', USER: 'b', NAME: 'prod' } }));
    value(await h().selectEnvironment({ name: 'dev' }));
    const first = value(await send('{{ env.STREAM }}'));
    expect(first.streamName).toBe('orders-dev');
    value(await h().selectEnvironment({ name: 'prod' }));
    expect(value(await send('{{env.STREAM}}')).streamName).toBe('orders-prod');

    expect(fake.stored.map((r) => [r.stream, r.partitionKey])).toEqual([
      ['orders-dev', 'user-a'],
      ['orders-prod', 'user-b'],
    ]);
    // The template's own {{uuid}} is left as written: a single send sends its text as it is.
    expect(JSON.parse(fake.stored[1].data.toString())).toEqual({ env: 'prod', id: '{{uuid}}' });
    // History keeps what was sent.
    const entry = value(await h().getHistoryEntry({ id: first.historyId }));
    expect(entry.streamName).toBe('orders-dev');
  });

  test('a missing variable is an error naming it and the field, and nothing is sent (none selected, too)', async () => {
    const none = await send('{{env.STREAM}}');
    expect(!none.ok && none.error).toMatchObject({
      reason: 'envVariableMissing',
      params: { name: 'STREAM', field: 'target.streamName' },
      fields: [{ path: 'target.streamName' }],
    });
    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev' } }));
    value(await h().selectEnvironment({ name: 'dev' }));
    const missing = await send('{{env.STREAM}}');
    expect(!missing.ok && missing.error.params).toEqual({ name: 'USER', field: 'partitionKey' });
    expect(fake.requests).toEqual([]);
    expect(value(await h().listHistory({})).total).toBe(0);
  });

  test('a batch previews and runs with the environment’s values, its count from a variable', async () => {
    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', COUNT: '7', WHO: 'ann' } }));
    value(await h().selectEnvironment({ name: 'dev' }));
    const batch = {
      profileId: profile.id,
      target: { type: 'name' as const, streamName: '{{env.STREAM}}' },
      source: { type: 'template' as const, template: '{"n": {{seq}}, "who": "{{env.WHO}}"}', locale: 'en' as const },
      keys: { type: 'fixed' as const, value: 'k' },
      payloadMode: 'json' as const,
      seed: 1,
    };
    const preview = value(await h().previewBatch({ ...batch, count: 2 }));
    expect(preview.records.map((r) => r.payload)).toEqual(['{"n": 1, "who": "ann"}', '{"n": 2, "who": "ann"}']);

    const plan = { count: '{{env.COUNT}}', ratePerSec: null, concurrency: 1, maxAttemptsPerRecord: 3 };
    const { runId } = value(await h().startRun({ ...batch, plan }));
    for (;;) {
      const run = value(await h().getRun({ runId }));
      if (run.report) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fake.stored.length).toBe(7);
    expect(new Set(fake.stored.map((r) => r.stream))).toEqual(new Set(['orders-dev']));

    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', COUNT: 'many', WHO: 'x' } }));
    const notNumber = await h().startRun({ ...batch, plan });
    expect(!notNumber.ok && notNumber.error.params).toEqual({ name: 'COUNT', field: 'plan.count', value: 'many' });
    expect(fake.stored.length).toBe(7);
  });

  test('copy as code shows the resolved values', async () => {
    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', USER: 'a', NAME: 'dev' } }));
    value(await h().selectEnvironment({ name: 'dev' }));
    const { code } = value(
      await h().generateCode({
        language: 'python',
        source: {
          type: 'composed',
          request: {
            profileId: profile.id,
            target: { type: 'name', streamName: '{{env.STREAM}}' },
            partitionKey: 'user-{{env.USER}}',
            payload: { mode: 'json', text: '{"env": "{{env.NAME}}"}' },
          },
        },
      }),
    );
    expect(code).toContain('orders-dev');
    expect(code).toContain('user-a');
    expect(code).not.toContain('{{env.');
  });
});

describe('the environments follow the open workspace', () => {
  test('opening another workspace lists its environments and sends with its values', async () => {
    const other = path.join(dataDir, 'other-workspace');
    await mkdir(path.join(other, 'environments'), { recursive: true });
    await writeFile(path.join(other, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
    await writeFile(
      path.join(other, 'environments', 'dev.yaml'),
      'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders-prod\n  USER: b\n  NAME: other\n',
    );
    await writeFile(
      path.join(other, 'environments', 'qa.yaml'),
      'kind: stream-composer/environment\nversion: 1\nvariables:\n  STREAM: orders-qa\n',
    );
    value(await h().saveEnvironment({ name: 'dev', variables: { STREAM: 'orders-dev', USER: 'a', NAME: 'dev' } }));
    value(await h().selectEnvironment({ name: 'dev' }));

    value(await h().openWorkspace({ path: other }));
    // The first send after the switch already uses the other workspace's dev, before any listing.
    expect(value(await send('{{env.STREAM}}')).streamName).toBe('orders-prod');
    expect(fake.stored.map((r) => r.partitionKey)).toEqual(['user-b']);
    const listed = value(await h().listEnvironments({}));
    expect(listed.environments.map((e) => [e.name, e.variables.STREAM])).toEqual([
      ['dev', 'orders-prod'],
      ['qa', 'orders-qa'],
    ]);
    expect(listed.selected).toBe('dev');

    // Opening the first workspace again brings its own values back.
    value(await h().openWorkspace({ path: path.join(dataDir, 'workspace') }));
    expect(value(await send('{{env.STREAM}}')).streamName).toBe('orders-dev');
  });
});
