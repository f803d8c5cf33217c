// A real AES-256-GCM cipher with a fixed key, for tests and the Chromium harness, where Electron's
// safeStorage does not exist. `strong: false` simulates an OS without a secret store.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ServiceError, type SecretCipher } from '../services';
import { tag, untag } from './tagged';

const SCHEME = 'test';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TestCipherOptions {
  key?: string;
  /** What isStrong() answers; true by default. */
  strong?: boolean;
}

export function createTestCipher(options: TestCipherOptions = {}): SecretCipher {
  const key = createHash('sha256')
    .update(options.key ?? 'stream-composer test key')
    .digest();
  const strong = options.strong ?? true;
  return {
    backend: () => 'test',
    isStrong: () => strong,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return tag(SCHEME, Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    async decrypt(tagged) {
      const bytes = untag(SCHEME, tagged);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new ServiceError('secretUndecryptable', {}, { hint: 'reenterSecret' });
      }
    },
  };
}
