// The profile input tests save most: a custom endpoint with a static key pair.
import type { ProfileInput } from '../../electron/contract';

export function customProfileInput(
  name: string,
  endpoint: string,
  keys: { accessKeyId: string; secretAccessKey: string },
  over: Partial<Omit<ProfileInput, 'credentials'>> = {},
): ProfileInput {
  return {
    name,
    kind: 'custom',
    endpoint,
    region: 'us-east-1',
    ydsCloudId: '',
    ydsDatabaseId: '',
    credentials: { source: 'static', sharedProfile: '', ...keys },
    timeoutMs: 5000,
    maxAttempts: 1,
    ...over,
  };
}
