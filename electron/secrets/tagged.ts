// Ciphertext is stored as `<scheme>:<base64>` so a later change of scheme can recognise and migrate
// old values instead of failing on them.
import { ServiceError } from '../services';

export function tag(scheme: string, bytes: Uint8Array): string {
  return `${scheme}:${Buffer.from(bytes).toString('base64')}`;
}

/** The bytes of a value tagged with `scheme`; a clear error for any other value. */
export function untag(scheme: string, tagged: string): Buffer {
  const prefix = `${scheme}:`;
  if (!tagged.startsWith(prefix)) {
    // Never echo the value or its prefix: an untagged value may be a secret stored in clear.
    throw new ServiceError('secretSchemeUnknown', { scheme }, { hint: 'reenterSecret' });
  }
  return Buffer.from(tagged.slice(prefix.length), 'base64');
}
