// SecretCipher over Electron's safeStorage. main.ts passes the real object in, so this module never
// imports 'electron' and runs under plain Node with a stand-in.
import { ServiceError, type SecretCipher } from '../services';
import { tag, untag } from './tagged';

/**
 * The part of Electron's safeStorage used here. The async API arrived in Electron 42 and the sync
 * one goes away in 46; whichever the running Electron has is used, async first. Data encrypted
 * with the sync API decrypts with the async one, so stored values survive the upgrade.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  isEncryptionAvailable?(): boolean;
  encryptString?(plainText: string): Buffer;
  decryptString?(encrypted: Buffer): string;
  /** Linux only: which secret store Chromium picked. */
  getSelectedStorageBackend?(): string;
}

const SCHEME = 'safeStorage';

// basic_text: no secret store, the key is a hard-coded password; unknown: asked before app ready.
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

interface Api {
  available(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(bytes: Buffer): Promise<string>;
}

function pickApi(s: SafeStorageLike): Api {
  const { encryptStringAsync, decryptStringAsync, encryptString, decryptString } = s;
  if (encryptStringAsync && decryptStringAsync) {
    return {
      available: async () => (s.isAsyncEncryptionAvailable ? s.isAsyncEncryptionAvailable() : true),
      encrypt: (plain) => encryptStringAsync.call(s, plain),
      // shouldReEncrypt is not acted on: the next save of the profile re-encrypts anyway.
      decrypt: async (bytes) => (await decryptStringAsync.call(s, bytes)).result,
    };
  }
  if (encryptString && decryptString) {
    return {
      available: async () => (s.isEncryptionAvailable ? s.isEncryptionAvailable() : true),
      encrypt: async (plain) => encryptString.call(s, plain),
      decrypt: async (bytes) => decryptString.call(s, bytes),
    };
  }
  throw new TypeError(
    'safeStorage offers neither encryptStringAsync/decryptStringAsync nor encryptString/decryptString',
  );
}

export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretCipher {
  const api = pickApi(safeStorage);
  const backend = (): string => {
    if (platform === 'darwin') return 'keychain';
    if (platform === 'win32') return 'dpapi';
    return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  };
  return {
    backend,
    isStrong: () => !WEAK_BACKENDS.has(backend()),
    async encrypt(plain) {
      if (!(await api.available())) {
        throw new ServiceError('secretStoreUnavailable', {}, { hint: 'unlockKeyring' });
      }
      return tag(SCHEME, await api.encrypt(plain));
    },
    async decrypt(tagged) {
      const bytes = untag(SCHEME, tagged);
      try {
        return await api.decrypt(bytes);
      } catch {
        throw new ServiceError('secretUndecryptable', {}, { hint: 'reenterSecretKeyring' });
      }
    },
  };
}
