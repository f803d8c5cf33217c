// kinesalite only knows AWS-style names ([a-zA-Z0-9_.-]); the sandbox gives every YDS path
// (/ru-central1/<cloud>/<db>/<stream>) a fixed internal name and maps it back in answers.
import { createHash } from 'node:crypto';
import { buildYdsStreamName, parseYdsPath } from '../shared/addressing';

const PREFIX = 'yds_';
const INTERNAL = /yds_[0-9a-f]{40}/g;

export interface YdsNames {
  /** Registers a YDS path (on CreateStream) and answers its internal name. */
  register(path: string): string;
  /** The internal name of a registered path, undefined for an unknown one. */
  internalOf(path: string): string | undefined;
  /** Replaces every registered internal name in a string (names, ARNs, messages) by its path. */
  restore(text: string): string;
}

export const isReservedName = (name: string) => name.startsWith(PREFIX);

/** The canonical form of a YDS path the user typed (leading slash, no quotes), or null. */
export function normalizeYdsPath(name: string): string | null {
  const p = parseYdsPath(name);
  return p ? buildYdsStreamName(p) : null;
}

export function createYdsNames(): YdsNames {
  const byPath = new Map<string, string>();
  const byInternal = new Map<string, string>();
  const internalName = (path: string) => PREFIX + createHash('sha256').update(path).digest('hex').slice(0, 40);
  return {
    register(path) {
      const internal = internalName(path);
      byPath.set(path, internal);
      byInternal.set(internal, path);
      return internal;
    },
    internalOf: (path) => byPath.get(path),
    restore: (text) => text.replace(INTERNAL, (m) => byInternal.get(m) ?? m),
  };
}
