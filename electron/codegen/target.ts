// What every snippet needs to know about where the record goes and which credentials sign it,
// decided once so the three languages cannot disagree.
import { defaultRegion, endpointFor, isAwsHost } from '../shared/defaults';
import type { CodeContext, KeyPair } from '../services';

/** Keys for endpoints that check none (the app's send path uses the same); the SDKs still sign. */
export const PLACEHOLDER_KEY = 'local';

export type Credentials =
  | { type: 'chain' }
  | { type: 'sharedProfile'; name: string }
  /** Keys written into the snippet: placeholders, or the local sandbox's key of this start. */
  | ({ type: 'placeholder'; sandbox: boolean } & KeyPair);

export interface Target {
  /** undefined: the SDK's own regional AWS endpoint. */
  endpoint: string | undefined;
  region: string;
  /** The endpoint is not AWS itself, so the Node SDK must use HTTP/1.1. */
  http1Only: boolean;
  credentials: Credentials;
  /** Lines for the snippet's header comment: where the keys come from, what the endpoint is. */
  notes: string[];
}

export function targetOf(profile: CodeContext['profile'], sandboxKeys?: KeyPair, otherProfile?: true): Target {
  const region = profile.region || defaultRegion(profile.kind);
  // AWS is left to the SDK's own endpoint resolution, as the app's send path does.
  const endpoint = endpointFor(profile);
  const credentials = credentialsOf(profile.credentials, sandboxKeys);
  return {
    endpoint,
    region,
    http1Only: endpoint !== undefined && !isAwsHost(endpoint),
    credentials,
    notes: [
      ...(otherProfile
        ? [
            'The history entry was sent with a connection you do not have (it came from an imported file, or the',
            'connection was deleted): this code sends to the endpoint of your current connection, not to the one the entry names.',
          ]
        : []),
      ...(profile.kind === 'sandbox'
        ? ["The endpoint is Stream Composer's local sandbox: it answers only while the app runs."]
        : []),
      credentialsNote(credentials, profile.credentials.source),
      ...(credentials.type === 'placeholder' && credentials.sandbox
        ? ['The sandbox makes a new key at each start of the app: copy the code again after a restart.']
        : []),
    ],
  };
}

// Only the source and the profile name are read: the context may carry more of a stored profile,
// and nothing else of it belongs in code a user copies around.
function credentialsOf(
  { source, sharedProfile }: CodeContext['profile']['credentials'],
  sandboxKeys: KeyPair | undefined,
): Credentials {
  // Without a name the default chain picks AWS_PROFILE or "default", as the app's send path does.
  if (source === 'shared' && sharedProfile) return { type: 'sharedProfile', name: sharedProfile };
  if (source === 'none') {
    return sandboxKeys
      ? { type: 'placeholder', sandbox: true, ...sandboxKeys }
      : { type: 'placeholder', sandbox: false, accessKeyId: PLACEHOLDER_KEY, secretAccessKey: PLACEHOLDER_KEY };
  }
  return { type: 'chain' };
}

function credentialsNote(credentials: Credentials, source: CodeContext['profile']['credentials']['source']): string {
  switch (credentials.type) {
    case 'sharedProfile':
      // The name stays out of comments: a line break in it would turn the rest into code.
      return 'Credentials: the named profile from ~/.aws/credentials and ~/.aws/config.';
    case 'placeholder':
      return credentials.sandbox
        ? "Credentials: the local sandbox's own key, which only lets requests into the sandbox."
        : 'Credentials: none are checked here; the SDK still signs requests, so placeholder keys stand in.';
    case 'chain':
      if (source === 'static') {
        return 'Credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the key pair of this profile (it is not copied into code).';
      }
      if (source === 'shared')
        return 'Credentials: the profile named by AWS_PROFILE, else "default", from ~/.aws/credentials and ~/.aws/config.';
      return 'Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment.';
  }
}
