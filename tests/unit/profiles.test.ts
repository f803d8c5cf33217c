import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ProfileInput } from '../../electron/contract';
import { createProfileStore } from '../../electron/profiles';
import { createTestCipher } from '../../electron/secrets';
import { ServiceError, type ProfileStore } from '../../electron/services';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-profiles-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const open = (strong = true): ProfileStore => createProfileStore({ dataDir, cipher: createTestCipher({ strong }) });
const profileFile = () => path.join(dataDir, 'profiles.json');
const rawFile = () => readFile(profileFile(), 'utf8');

type InputOverrides = Partial<Omit<ProfileInput, 'credentials'>> & {
  credentials?: Partial<ProfileInput['credentials']>;
};

function input(overrides: InputOverrides = {}): ProfileInput {
  const { credentials, ...rest } = overrides;
  return {
    name: 'YDS prod',
    kind: 'yds',
    endpoint: '',
    region: '',
    ydsCloudId: 'b1gcloud',
    ydsDatabaseId: 'etndb',
    timeoutMs: 15_000,
    maxAttempts: 4,
    ...rest,
    credentials: {
      source: 'static',
      sharedProfile: '',
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET,
      ...credentials,
    },
  };
}

async function failure(run: () => unknown): Promise<ServiceError> {
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('first start and restart', () => {
  test('a fresh folder starts with a selected "Local sandbox" profile', async () => {
    const store = open();
    const { profiles, lastUsedId } = store.list();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      name: 'Local sandbox',
      kind: 'sandbox',
      credentials: { source: 'none', secretSet: false },
    });
    expect(lastUsedId).toBe(profiles[0].id);
    expect(store.language()).toBe('system');
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(await rawFile()).profiles[0].id).toBe(profiles[0].id);
  });

  test('a new store on the same folder keeps profiles, the last used one and the language', async () => {
    const first = open();
    const yds = await first.save(input());
    const aws = await first.save(
      input({
        name: 'AWS',
        kind: 'aws',
        region: 'eu-west-1',
        credentials: { source: 'shared', sharedProfile: 'work' },
      }),
    );
    first.select(yds.id);
    first.setLanguage('ru');

    const again = open();
    expect(again.list()).toEqual(first.list());
    expect(again.list().profiles.map((p) => p.id)).toEqual([expect.any(String), yds.id, aws.id]);
    expect(again.list().lastUsedId).toBe(yds.id);
    expect(again.language()).toBe('ru');
    expect(await again.secretOf(yds.id)).toBe(SECRET);
  });

  test('the theme follows the system until one is chosen, and a new store keeps the choice', async () => {
    const first = open();
    expect(first.theme()).toBe('system');
    first.setTheme('dark');
    expect(open().theme()).toBe('dark');
    expect(JSON.parse(await rawFile()).theme).toBe('dark');
  });
});

describe('saving', () => {
  test('the secret is encrypted on disk and never in a view; the access key id shows only its last 4', async () => {
    const store = open();
    const view = await store.save(input());
    expect(view.credentials).toEqual({ source: 'static', sharedProfile: '', accessKeyIdHint: 'MPLE', secretSet: true });

    const raw = await rawFile();
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('wJalrXUtnFEMI');
    expect(store.get(view.id)?.credentials.secretCipher).toMatch(/^test:/);
    expect(raw).toContain(store.get(view.id)!.credentials.secretCipher);

    for (const shown of [view, store.list(), store.duplicate(view.id), store.list()]) {
      const json = JSON.stringify(shown);
      expect(json).not.toContain(SECRET);
      expect(json).not.toContain(ACCESS_KEY_ID);
      expect(json).not.toContain('test:');
    }
    expect(await store.secretOf(view.id)).toBe(SECRET);
  });

  test('fields a hand-edited file adds never reach a view', async () => {
    const first = open();
    const view = await first.save(input());
    const file = JSON.parse(await rawFile());
    file.profiles[1].secretAccessKey = SECRET;
    file.profiles[1].credentials.secretAccessKey = SECRET;
    await writeFile(profileFile(), JSON.stringify(file));
    const store = open();
    expect(store.notices()).toEqual([]);
    expect(JSON.stringify(store.list())).not.toContain(SECRET);
    expect(store.list().profiles[1]).toEqual(view);
  });

  test('a blank region stands for the default only where it cannot change where requests go; timeout and attempts come from the input', async () => {
    const store = open();
    const yds = await store.save(input());
    const sandbox = await store.save(input({ name: 'Sandbox copy', kind: 'sandbox', credentials: { source: 'none' } }));
    const eu = await store.save(input({ name: 'AWS eu', kind: 'aws', region: ' eu-west-1 ' }));
    expect([yds.region, sandbox.region, eu.region]).toEqual(['ru-central1', 'us-east-1', 'eu-west-1']);
    expect(yds).toMatchObject({ timeoutMs: 15_000, maxAttempts: 4, ydsCloudId: 'b1gcloud', ydsDatabaseId: 'etndb' });
    expect(new Set([yds.id, sandbox.id, eu.id]).size).toBe(3);

    // AWS picks its endpoint by region and emulators keep streams per region: refused, naming the field.
    const before = await rawFile();
    for (const kind of ['aws', 'custom'] as const) {
      const refused = await failure(() =>
        store.save(
          input({
            name: `blank ${kind}`,
            kind,
            endpoint: kind === 'custom' ? 'http://127.0.0.1:4567' : '',
            region: '  ',
          }),
        ),
      );
      expect(refused, kind).toMatchObject({ code: 'INVALID_INPUT', field: 'region', hint: 'For example us-east-1.' });
    }
    expect(await rawFile()).toBe(before);
  });

  test('endpoints: custom needs one, any set one must be an http(s) URL', async () => {
    const store = open();
    const before = await rawFile();
    for (const bad of [
      input({ name: 'c', kind: 'custom', endpoint: '' }),
      input({ name: 'c', kind: 'custom', endpoint: 'localhost:4567' }),
      input({ name: 'c', kind: 'aws', endpoint: 'ftp://example.com' }),
    ]) {
      expect((await failure(() => store.save(bad))).code).toBe('INVALID_INPUT');
    }
    expect(await rawFile()).toBe(before);
    const ok = await store.save(
      input({ name: 'c', kind: 'custom', endpoint: ' http://127.0.0.1:4567 ', region: 'us-east-1' }),
    );
    expect(ok.endpoint).toBe('http://127.0.0.1:4567');
  });

  test('a new static key needs both halves', async () => {
    const store = open();
    const noId = await failure(() => store.save(input({ credentials: { accessKeyId: undefined } })));
    expect(noId.message).toMatch(/access key id/);
    const noSecret = await failure(() => store.save(input({ credentials: { secretAccessKey: '' } })));
    expect(noSecret.message).toMatch(/secret key/);
    expect(store.list().profiles).toHaveLength(1);
  });

  test('editing keeps omitted credentials, replaces given ones, and a new key id needs its secret', async () => {
    const store = open();
    const created = await store.save(input());
    const cipherBefore = store.get(created.id)!.credentials.secretCipher;

    const renamed = await store.save(
      input({ id: created.id, name: 'YDS main', credentials: { accessKeyId: undefined, secretAccessKey: undefined } }),
    );
    expect(renamed).toMatchObject({
      id: created.id,
      name: 'YDS main',
      credentials: { accessKeyIdHint: 'MPLE', secretSet: true },
    });
    expect(store.get(created.id)!.credentials.secretCipher).toBe(cipherBefore);
    expect(store.list().profiles).toHaveLength(2);

    const newId = await failure(() =>
      store.save(
        input({ id: created.id, credentials: { accessKeyId: 'AKIANEWKEYID00000009', secretAccessKey: undefined } }),
      ),
    );
    expect(newId.code).toBe('INVALID_INPUT');

    await store.save(
      input({ id: created.id, credentials: { accessKeyId: 'AKIANEWKEYID00000009', secretAccessKey: 'new-secret' } }),
    );
    expect(await store.secretOf(created.id)).toBe('new-secret');
    expect(store.list().profiles[1].credentials.accessKeyIdHint).toBe('0009');

    expect((await failure(() => store.save(input({ id: 'no-such-id' })))).code).toBe('NOT_FOUND');
  });

  test('leaving the static source drops the stored key pair', async () => {
    const store = open();
    const created = await store.save(input());
    const env = await store.save(
      input({ id: created.id, credentials: { source: 'env', accessKeyId: undefined, secretAccessKey: undefined } }),
    );
    expect(env.credentials).toMatchObject({ source: 'env', accessKeyIdHint: '', secretSet: false });
    expect(store.get(created.id)!.credentials).toMatchObject({ accessKeyId: '', secretCipher: '' });
    expect(await rawFile()).not.toContain(ACCESS_KEY_ID);
    expect((await failure(() => store.secretOf(created.id))).code).toBe('INVALID_INPUT');
    // Back to static: the old pair is gone, so both halves are needed again.
    const back = await failure(() =>
      store.save(input({ id: created.id, credentials: { accessKeyId: undefined, secretAccessKey: undefined } })),
    );
    expect(back.code).toBe('INVALID_INPUT');
  });

  test('without a real secret store, a new secret needs the user to agree', async () => {
    const store = open(false);
    const before = await rawFile();
    const asked = await failure(() => store.save(input()));
    expect(asked.code).toBe('NEEDS_CONFIRMATION');
    expect(asked.message).toMatch(/no secret store/);
    expect(asked.message).toMatch(/obfuscated/);
    expect(await rawFile()).toBe(before);

    const saved = await store.save({ ...input(), allowWeakSecretStorage: true });
    expect(await store.secretOf(saved.id)).toBe(SECRET);
    // No new secret, nothing to ask: editing other fields or using the shared files goes through.
    await store.save(
      input({ id: saved.id, name: 'renamed', credentials: { accessKeyId: undefined, secretAccessKey: undefined } }),
    );
    await store.save(input({ name: 'shared', credentials: { source: 'shared', sharedProfile: 'default' } }));
    expect(store.list().profiles.map((p) => p.name)).toEqual(['Local sandbox', 'renamed', 'shared']);
  });

  test('names are unique regardless of case', async () => {
    const store = open();
    const prod = await store.save(input({ name: 'Prod' }));
    const clash = await failure(() => store.save(input({ name: ' prod ' })));
    expect(clash.code).toBe('INVALID_INPUT');
    expect(clash.message).toMatch(/already exists/);
    expect((await failure(() => store.save(input({ name: 'LOCAL SANDBOX' })))).code).toBe('INVALID_INPUT');
    expect(
      (await store.save(input({ id: prod.id, name: 'PROD', credentials: { secretAccessKey: undefined } }))).name,
    ).toBe('PROD');
  });
});

describe('duplicate, delete, select', () => {
  test('duplicate copies under a free name, with the secret copied as ciphertext, and does not select it', async () => {
    const store = open();
    const original = await store.save(input({ name: 'Prod' }));
    const copy = store.duplicate(original.id);
    const copy2 = store.duplicate(original.id);
    expect([copy.name, copy2.name]).toEqual(['Prod (copy)', 'Prod (copy 2)']);
    expect(copy.id).not.toBe(original.id);
    expect({ ...copy, id: original.id, name: original.name }).toEqual(original);
    expect(store.get(copy.id)!.credentials.secretCipher).toBe(store.get(original.id)!.credentials.secretCipher);
    expect(await store.secretOf(copy.id)).toBe(SECRET);
    expect(store.list().lastUsedId).toBe(store.list().profiles[0].id);
    expect((await failure(() => store.duplicate('missing'))).code).toBe('NOT_FOUND');
  });

  test('select remembers the profile; an unknown id is refused', async () => {
    const store = open();
    const p = await store.save(input());
    store.select(p.id);
    expect(store.list().lastUsedId).toBe(p.id);
    expect((await failure(() => store.select('missing'))).code).toBe('NOT_FOUND');
    expect(store.list().lastUsedId).toBe(p.id);
  });

  test('deleting the last used profile moves the choice to the first remaining one', async () => {
    const store = open();
    const sandboxId = store.list().profiles[0].id;
    const a = await store.save(input({ name: 'A' }));
    const b = await store.save(input({ name: 'B' }));
    store.select(b.id);
    expect(store.delete(a.id)).toEqual({ lastUsedId: b.id });
    expect(store.delete(b.id)).toEqual({ lastUsedId: sandboxId });
    expect(store.list().profiles.map((p) => p.id)).toEqual([sandboxId]);
    expect((await failure(() => store.delete('missing'))).code).toBe('NOT_FOUND');
  });

  test('the sandbox profile can be deleted, and comes back when nothing is left', async () => {
    const store = open();
    const sandboxId = store.list().profiles[0].id;
    const a = await store.save(input({ name: 'A' }));
    expect(store.delete(sandboxId)).toEqual({ lastUsedId: a.id });
    const { lastUsedId } = store.delete(a.id);
    const { profiles } = store.list();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ id: lastUsedId, name: 'Local sandbox', kind: 'sandbox' });
    expect(profiles[0].id).not.toBe(sandboxId);
    expect(open().list()).toEqual(store.list());
  });
});

describe('a damaged profile file', () => {
  async function openDamaged(content: string) {
    await writeFile(profileFile(), content);
    const store = open();
    const notices = store.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0].code).toBe('STORE_MOVED_ASIDE');
    const aside = notices[0].path!;
    expect(path.dirname(aside)).toBe(dataDir);
    expect(path.basename(aside)).toMatch(/^profiles\.corrupt-.+\.json$/);
    expect(notices[0].message).toContain(aside);
    expect(await readFile(aside, 'utf8')).toBe(content);
    expect(store.list().profiles.map((p) => p.name)).toEqual(['Local sandbox']);
    expect(JSON.parse(await rawFile()).profiles).toHaveLength(1);
    return store;
  }

  test('garbage is moved aside, the app starts fresh and says so', async () => {
    await openDamaged('{"profiles": [ {"id": "half-writ');
  });

  test('valid JSON that fails the schema is moved aside too', async () => {
    await openDamaged(
      JSON.stringify({ profiles: [{ id: 'x', name: 'no kind' }], lastUsedId: 'x', language: 'system' }),
    );
    await openDamaged(JSON.stringify({ profiles: 'nope' }));
    expect((await readdir(dataDir)).filter((f) => f.startsWith('profiles.corrupt-'))).toHaveLength(2);
  });

  test('the fresh store works and the notice does not come back on the next start', async () => {
    const store = await openDamaged('null');
    await store.save(input());
    expect(open().notices()).toEqual([]);
    expect(open().list().profiles).toHaveLength(2);
  });

  test('a file that cannot be read at all is not moved aside: profiles live in memory, with a notice', async () => {
    await mkdir(profileFile());
    const store = open();
    expect(store.notices()).toEqual([
      expect.objectContaining({ code: 'PROFILES_UNUSABLE', path: profileFile(), reason: 'EISDIR' }),
    ]);
    expect(store.list().profiles.map((p) => p.kind)).toEqual(['sandbox']);
    store.setLanguage('ru');
    expect(store.language()).toBe('ru');
    expect(await readdir(dataDir)).toEqual(['profiles.json']);
    expect((await stat(profileFile())).isDirectory()).toBe(true);
  });
});
