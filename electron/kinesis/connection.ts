// Turns a stored profile into the settings a KinesisClient is built from: endpoint, region,
// credentials and the HTTP handler. Credentials come from the injected env object (never
// process.env), so tests can point the shared files at a temporary folder.
import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { fromIni } from '@aws-sdk/credential-providers';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { defaultRegion, endpointFor, isAwsHost, shownEndpoint } from '../shared/defaults';
import type { Redactor } from '../secrets/redact';
import type { Sandbox, StoredProfile } from '../services';
import { localFailure } from './errors';
import { CLIENT_IDLE_MS } from './keep-alive';

/** The keys used where the endpoint checks none (local emulators). Not a secret. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

type Credentials = NonNullable<KinesisClientConfig['credentials']>;

export interface ConnectionDeps {
  sandbox: Sandbox;
  env: Record<string, string | undefined>;
  /** The decrypted secret of a profile with static keys; asked only when a client is built. */
  secretOf: (profileId: string) => Promise<string>;
  /** Learns every credential value a client is given, refreshed ones included, to cut it from all output. */
  redactor: Redactor;
}

/**
 * A profile's endpoint with the sandbox's URL filled in (asking for it starts the sandbox, so only
 * a sandbox profile asks): `url` for the client (undefined: the SDK's own regional AWS endpoint),
 * `shown` for history.
 */
export async function resolveEndpoint(
  profile: StoredProfile,
  sandbox: Sandbox,
): Promise<{ url: string | undefined; shown: string }> {
  return resolveEndpointNow(profile, sandbox) ?? endpointsWith(profile, await sandbox.endpoint());
}

/**
 * resolveEndpoint's answer without a wait, or undefined when the sandbox must be started first:
 * a send to a running sandbox then spends no turns of the event loop on it (~10 µs, npm run bench).
 */
export function resolveEndpointNow(
  profile: StoredProfile,
  sandbox: Sandbox,
): { url: string | undefined; shown: string } | undefined {
  if (profile.kind !== 'sandbox' || profile.endpoint.trim()) return endpointsWith(profile, undefined);
  const running = sandbox.runningEndpoint();
  return running === undefined ? undefined : endpointsWith(profile, running);
}

const endpointsWith = (profile: StoredProfile, sandboxUrl: string | undefined) => ({
  url: endpointFor(profile, sandboxUrl),
  shown: shownEndpoint(profile, sandboxUrl),
});

/** The endpoint a client is built for, refused before any call when it cannot be one. */
export async function endpointOf(profile: StoredProfile, sandbox: Sandbox): Promise<string | undefined> {
  const { url } = await resolveEndpoint(profile, sandbox);
  if (url === undefined && profile.kind === 'custom')
    throw localFailure('ENDPOINT_MISSING', 'This custom-endpoint profile has no endpoint URL.');
  if (url !== undefined && (!/^https?:\/\/[^/\s]+/i.test(url) || !URL.canParse(url))) {
    throw localFailure('ENDPOINT_INVALID', `Endpoint "${url}" is not a valid http:// or https:// URL.`);
  }
  return url;
}

export function regionOf(profile: StoredProfile): string {
  return profile.region.trim() || defaultRegion(profile.kind);
}

/** Changes whenever a setting the client is built from changes; hashed so no key material sits in the cache. */
export function fingerprintOf(profile: StoredProfile, endpoint: string | undefined): string {
  const c = profile.credentials;
  const parts = [
    profile.kind,
    endpoint ?? '',
    regionOf(profile),
    c.source,
    c.sharedProfile,
    c.accessKeyId,
    c.secretCipher,
    profile.timeoutMs,
    profile.maxAttempts,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

async function credentialsOf(
  profile: StoredProfile,
  endpoint: string | undefined,
  deps: ConnectionDeps,
): Promise<{ credentials: Credentials; accessKeyId: string }> {
  const c = profile.credentials;
  switch (c.source) {
    case 'static': {
      if (!c.accessKeyId) throw localFailure('CREDENTIALS', 'The profile has no access key ID.');
      let secret: string;
      try {
        secret = await deps.secretOf(profile.id);
      } catch {
        throw localFailure('CREDENTIALS', 'The stored secret key could not be read.');
      }
      if (!secret) throw localFailure('CREDENTIALS', 'The profile has no secret key.');
      return { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: secret }, accessKeyId: c.accessKeyId };
    }
    case 'shared': {
      const home = deps.env.HOME || deps.env.USERPROFILE || os.homedir();
      const provider = fromIni({
        profile: c.sharedProfile || deps.env.AWS_PROFILE || 'default',
        filepath: deps.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
        configFilepath: deps.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
        // A rebuilt client (after forget) must see edits to the files, not the parsed copy.
        ignoreCache: true,
      });
      // Learnt at each resolution: a session token or an assume-role / SSO refresh brings new values.
      const credentials: Credentials = async (o) => {
        const resolved = await provider(o);
        deps.redactor.learn(resolved);
        return resolved;
      };
      // The key id is read from the files per request; errors.ts masks it where a message quotes it.
      return { credentials, accessKeyId: '' };
    }
    case 'env': {
      const {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secretAccessKey,
        AWS_SESSION_TOKEN: sessionToken,
      } = deps.env;
      if (!accessKeyId || !secretAccessKey) {
        throw localFailure(
          'CREDENTIALS',
          'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in the environment.',
        );
      }
      return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, accessKeyId };
    }
    case 'none': {
      // The sandbox's key goes to the sandbox's own URL only, whatever the profile's kind.
      const keys = deps.sandbox.keysFor(endpoint);
      return { credentials: { ...(keys ?? LOCAL_CREDENTIALS) }, accessKeyId: '' };
    }
  }
}

export interface BuiltClient {
  client: KinesisClient;
  /** The access key id in use, if known here, to cut down to its last 4 characters in error messages. */
  accessKeyId: string;
}

export async function buildClient(
  profile: StoredProfile,
  endpoint: string | undefined,
  deps: ConnectionDeps,
): Promise<BuiltClient> {
  const { credentials, accessKeyId } = await credentialsOf(profile, endpoint, deps);
  // Before any call can fail: an endpoint may echo them in its very first answer. Not the keys of
  // 'none': placeholders, or the sandbox's own key, which Copy as code prints for the sandbox.
  if (typeof credentials === 'object' && profile.credentials.source !== 'none') deps.redactor.learn(credentials);
  // HTTP/1.1 for everything but AWS itself: kinesalite, YDS's front and most emulators fail the
  // SDK's default HTTP/2 handler with a protocol error.
  const requestHandler =
    endpoint === undefined || isAwsHost(endpoint)
      ? new NodeHttp2Handler({ requestTimeout: profile.timeoutMs, disableConcurrentStreams: true })
      : new NodeHttpHandler({
          connectionTimeout: profile.timeoutMs,
          requestTimeout: profile.timeoutMs,
          // Without it the handler only logs a warning when requestTimeout passes.
          throwOnRequestTimeout: true,
          httpAgent: { keepAlive: true, timeout: CLIENT_IDLE_MS },
          httpsAgent: { keepAlive: true, timeout: CLIENT_IDLE_MS },
        });
  const client = new KinesisClient({
    region: regionOf(profile),
    ...(endpoint ? { endpoint } : {}),
    credentials,
    maxAttempts: profile.maxAttempts,
    requestHandler,
  });
  return { client, accessKeyId };
}
