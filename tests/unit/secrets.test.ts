import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createSafeStorageCipher, createTestCipher, type SafeStorageLike } from '../../electron/secrets';
import { ServiceError } from '../../electron/services';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+ключ';

/** A stand-in for Electron's safeStorage that really encrypts (AES-256-CTR with a per-run key). */
function fakeSafeStorage(opts: { api: 'async' | 'sync'; backend?: string; available?: boolean }) {
  const key = randomBytes(32);
  const calls: string[] = [];
  const enc = (plain: string) => {
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-ctr', key, iv);
    return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
  };
  const dec = (b: Buffer) => {
    if (b.length < 16) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const d = createDecipheriv('aes-256-ctr', key, b.subarray(0, 16));
    return Buffer.concat([d.update(b.subarray(16)), d.final()]).toString('utf8');
  };
  const available = opts.available ?? true;
  const storage: SafeStorageLike =
    opts.api === 'async'
      ? {
          isAsyncEncryptionAvailable: async () => (calls.push('available'), available),
          encryptStringAsync: async (s) => (calls.push('encryptAsync'), enc(s)),
          decryptStringAsync: async (b) => (calls.push('decryptAsync'), { result: dec(b), shouldReEncrypt: false }),
          // Present like in Electron 42-45; must not be used when the async API exists.
          encryptString: () => {
            throw new Error('sync API used');
          },
          decryptString: () => {
            throw new Error('sync API used');
          },
          getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
        }
      : {
          isEncryptionAvailable: () => (calls.push('available'), available),
          encryptString: (s) => (calls.push('encrypt'), enc(s)),
          decryptString: (b) => (calls.push('decrypt'), dec(b)),
          getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
        };
  return { storage, calls };
}

async function rejection(p: Promise<unknown>): Promise<ServiceError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('test cipher', () => {
  test('round-trips a secret through real AES-GCM ciphertext tagged test:', async () => {
    const cipher = createTestCipher();
    const a = await cipher.encrypt(SECRET);
    const b = await cipher.encrypt(SECRET);
    expect(a).toMatch(/^test:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).not.toContain('wJalrXUtnFEMI');
    expect(Buffer.from(a.slice(5), 'base64').toString('latin1')).not.toContain('wJalrXUtnFEMI');
    expect(await cipher.decrypt(a)).toBe(SECRET);
    expect(await createTestCipher().decrypt(b)).toBe(SECRET);
  });

  test('reports its backend and a configurable strength', () => {
    expect(createTestCipher().backend()).toBe('test');
    expect(createTestCipher().isStrong()).toBe(true);
    expect(createTestCipher({ strong: false }).isStrong()).toBe(false);
  });

  test('another key, or tampered ciphertext, fails with a clear error', async () => {
    const tagged = await createTestCipher({ key: 'one' }).encrypt(SECRET);
    expect((await rejection(createTestCipher({ key: 'two' }).decrypt(tagged))).code).toBe('REJECTED');
    const bytes = Buffer.from(tagged.slice(5), 'base64');
    bytes[bytes.length - 1] ^= 1;
    const tampered = `test:${bytes.toString('base64')}`;
    expect((await rejection(createTestCipher({ key: 'one' }).decrypt(tampered))).message).toMatch(
      /could not be decrypted/,
    );
  });

  test('a value with another tag, or none, is refused without echoing it', async () => {
    const cipher = createTestCipher();
    for (const value of ['safeStorage:AAAA', 'plain-secret-in-clear', 'abc:def']) {
      const error = await rejection(cipher.decrypt(value));
      expect(error.code).toBe('REJECTED');
      expect(error.message).toMatch(/scheme \(test\)/);
      expect(`${error.message} ${error.hint}`).not.toContain(value.split(':')[0]);
    }
  });
});

describe('safeStorage cipher', () => {
  test('uses the async API where Electron has it, tagging ciphertext safeStorage:', async () => {
    const { storage, calls } = fakeSafeStorage({ api: 'async' });
    const cipher = createSafeStorageCipher(storage, 'linux');
    const tagged = await cipher.encrypt(SECRET);
    expect(tagged).toMatch(/^safeStorage:[A-Za-z0-9+/]+=*$/);
    expect(tagged).not.toContain('wJalrXUtnFEMI');
    expect(await cipher.decrypt(tagged)).toBe(SECRET);
    expect(calls).toEqual(['available', 'encryptAsync', 'decryptAsync']);
  });

  test('falls back to the sync API of Electron 41, and values stay readable after an upgrade', async () => {
    const old = fakeSafeStorage({ api: 'sync' });
    const cipher = createSafeStorageCipher(old.storage, 'linux');
    const tagged = await cipher.encrypt(SECRET);
    expect(tagged.startsWith('safeStorage:')).toBe(true);
    expect(await cipher.decrypt(tagged)).toBe(SECRET);
    expect(old.calls).toEqual(['available', 'encrypt', 'decrypt']);
  });

  test('is weak on Linux basic_text and before app ready, strong with a keyring or on macOS/Windows', () => {
    const strength = (backend: string, platform: NodeJS.Platform) => {
      const c = createSafeStorageCipher(fakeSafeStorage({ api: 'async', backend }).storage, platform);
      return [c.backend(), c.isStrong()];
    };
    expect(strength('basic_text', 'linux')).toEqual(['basic_text', false]);
    expect(strength('unknown', 'linux')).toEqual(['unknown', false]);
    expect(strength('gnome_libsecret', 'linux')).toEqual(['gnome_libsecret', true]);
    expect(strength('kwallet6', 'linux')).toEqual(['kwallet6', true]);
    expect(strength('basic_text', 'darwin')).toEqual(['keychain', true]);
    expect(strength('basic_text', 'win32')).toEqual(['dpapi', true]);
  });

  test('an unavailable secret store refuses to encrypt instead of storing anything', async () => {
    for (const api of ['async', 'sync'] as const) {
      const cipher = createSafeStorageCipher(fakeSafeStorage({ api, available: false }).storage, 'linux');
      const error = await rejection(cipher.encrypt(SECRET));
      expect(error.code).toBe('REJECTED');
      expect(error.message).toMatch(/secret store is not available/);
    }
  });

  test('unreadable or foreign ciphertext fails with a clear error', async () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage({ api: 'async' }).storage, 'linux');
    expect((await rejection(cipher.decrypt('safeStorage:AAAA'))).message).toMatch(/could not be decrypted/);
    const foreign = await createTestCipher().encrypt(SECRET);
    expect((await rejection(cipher.decrypt(foreign))).message).toMatch(/scheme \(safeStorage\)/);
  });

  test('an object without either API is refused up front', () => {
    expect(() => createSafeStorageCipher({ getSelectedStorageBackend: () => 'basic_text' })).toThrow(TypeError);
  });
});
