// What a profile must hold, per kind, and how it is shown to the renderer. Pure functions over the
// stored data; the store does the reading and writing.
import type { ProfileInput, ProfileKind, ProfileView } from '../contract';
import { ServiceError, type StoredProfile } from '../services';
import { defaultRegion, regionRequired } from '../shared/defaults';

export const SANDBOX_NAME = 'Local sandbox';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

export function sandboxProfile(): StoredProfile {
  return {
    id: crypto.randomUUID(),
    name: SANDBOX_NAME,
    kind: 'sandbox',
    endpoint: '',
    region: defaultRegion('sandbox'),
    ydsCloudId: '',
    ydsDatabaseId: '',
    credentials: { source: 'none', sharedProfile: '', accessKeyId: '', secretCipher: '' },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  };
}

/**
 * The renderer's view: never the secret, only the last 4 characters of the access key id. Fields
 * are picked one by one so nothing else a hand-edited file may carry gets through.
 */
export function toView(p: StoredProfile): ProfileView {
  const { source, sharedProfile, accessKeyId, secretCipher } = p.credentials;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    endpoint: p.endpoint,
    region: p.region,
    ydsCloudId: p.ydsCloudId,
    ydsDatabaseId: p.ydsDatabaseId,
    credentials: {
      source,
      sharedProfile,
      accessKeyIdHint: accessKeyId.length > 4 ? accessKeyId.slice(-4) : '',
      secretSet: secretCipher !== '',
    },
    timeoutMs: p.timeoutMs,
    maxAttempts: p.maxAttempts,
  };
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

export function assertNameFree(profiles: StoredProfile[], name: string, ownId?: string): void {
  if (profiles.some((p) => p.id !== ownId && sameName(p.name, name))) {
    throw new ServiceError('profileNameTaken', { name }, { hint: 'pickOtherProfileName', field: 'name' });
  }
}

/** "<name> (copy)", then "(copy 2)", ... until no profile has it. */
export function copyName(profiles: StoredProfile[], name: string): string {
  const taken = (candidate: string) => profiles.some((p) => sameName(p.name, candidate));
  let candidate = `${name} (copy)`;
  for (let n = 2; taken(candidate); n++) candidate = `${name} (copy ${n})`;
  return candidate;
}

function checkEndpoint(kind: ProfileKind, endpoint: string): void {
  if (!endpoint) {
    if (kind === 'custom')
      throw new ServiceError('endpointRequired', {}, { hint: 'endpointExample', field: 'endpoint' });
    return;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ServiceError('endpointNotUrl', { endpoint }, { hint: 'endpointForm', field: 'endpoint' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServiceError('endpointProtocol', { protocol: url.protocol }, { field: 'endpoint' });
  }
}

export interface CheckedInput {
  existing: StoredProfile | undefined;
  /** A secret key the input brings, to be encrypted; undefined keeps what is stored. */
  newSecret: string | undefined;
}

/**
 * Everything that can be said about the input before anything is written: the profile to edit
 * exists, the name is free, the endpoint is a URL, the region is given where it matters, static
 * credentials are complete, and a new
 * secret is not put in a weak store without the user's consent.
 */
export function checkInput(profiles: StoredProfile[], input: ProfileInput, strongStore: boolean): CheckedInput {
  const existing = input.id === undefined ? undefined : profiles.find((p) => p.id === input.id);
  if (input.id !== undefined && !existing) {
    throw new ServiceError('profileNotFound', { id: input.id }, { hint: 'pickProfile' });
  }
  const name = input.name.trim();
  if (!name) throw new ServiceError('profileNameRequired', {}, { field: 'name' });
  assertNameFree(profiles, name, existing?.id);
  checkEndpoint(input.kind, input.endpoint.trim());
  if (regionRequired(input.kind) && !input.region.trim()) {
    throw new ServiceError(
      'regionRequired',
      { example: defaultRegion(input.kind) },
      { hint: 'regionExample', field: 'region' },
    );
  }

  const c = input.credentials;
  if (c.source !== 'static') return { existing, newSecret: undefined };
  const stored = existing?.credentials;
  const accessKeyId = c.accessKeyId?.trim() || stored?.accessKeyId || '';
  const newSecret = c.secretAccessKey?.trim() || undefined;
  if (!accessKeyId) throw new ServiceError('accessKeyIdRequired', {}, { field: 'credentials.accessKeyId' });
  if (!newSecret && !stored?.secretCipher)
    throw new ServiceError('secretKeyRequired', {}, { field: 'credentials.secretAccessKey' });
  if (!newSecret && accessKeyId !== stored?.accessKeyId) {
    throw new ServiceError(
      'newKeyNeedsSecret',
      {},
      { hint: 'enterMatchingSecret', field: 'credentials.secretAccessKey' },
    );
  }
  if (newSecret && !strongStore && !input.allowWeakSecretStorage) {
    throw new ServiceError('weakSecretStore', {}, { hint: 'confirmWeakStore' });
  }
  return { existing, newSecret };
}

/** The profile to store from a checked input; `secretCipher` is the new secret, encrypted. */
export function buildProfile(
  input: ProfileInput,
  existing: StoredProfile | undefined,
  secretCipher: string | undefined,
): StoredProfile {
  const c = input.credentials;
  const isStatic = c.source === 'static';
  return {
    id: existing?.id ?? crypto.randomUUID(),
    name: input.name.trim(),
    kind: input.kind,
    endpoint: input.endpoint.trim(),
    region: input.region.trim() || defaultRegion(input.kind),
    ydsCloudId: input.ydsCloudId.trim(),
    ydsDatabaseId: input.ydsDatabaseId.trim(),
    credentials: {
      source: c.source,
      sharedProfile: c.sharedProfile.trim(),
      // Leaving the static source drops the key pair: nothing secret is kept that is not used.
      accessKeyId: isStatic ? c.accessKeyId?.trim() || existing?.credentials.accessKeyId || '' : '',
      secretCipher: isStatic ? (secretCipher ?? existing?.credentials.secretCipher ?? '') : '',
    },
    timeoutMs: input.timeoutMs,
    maxAttempts: input.maxAttempts,
  };
}
