// Where the runner's requests go and with which credentials, from the command line only: the
// credentials from --profile (the AWS shared files) or the environment, never a stored secret;
// the endpoint from --endpoint, --sandbox, or the standard endpoint of the request's target. A
// workspace file never chooses it (its `connection` name is for the app). Clients are the app's
// own (kinesis/connection.ts through the record sender), built from a profile made here.
import type { CredentialSource, ProfileKind } from '../contract';
import { createRecordSender, type KinesisRecordSender } from '../kinesis';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from '../profiles/profile-rules';
import type { Redactor } from '../secrets/redact';
import type { Sandbox, StoredProfile } from '../services';
import { isYdsStreamName, YDS_REGION } from '../shared/addressing';
import { defaultEndpoint, defaultRegion } from '../shared/defaults';
import { ConfigProblem } from './problems';

export interface RunnerConnectionFlags {
  /** --endpoint: every request goes there. */
  endpoint: string | null;
  /** --region: the signing region (and AWS's regional endpoint). */
  region: string | null;
  /** --profile: credentials (and region) from this profile of the AWS shared files. */
  profile: string | null;
  /** --sandbox: the embedded sandbox, with its own keys. */
  sandbox: boolean;
}

export interface RunnerConnection {
  /** The profile a request to this stream is sent with; throws ConfigProblem when it cannot be made (no region). */
  profileFor(streamName: string): StoredProfile;
  /** Endpoint and region as the report names them (never a credential). */
  describe(profile: StoredProfile): { endpoint: string; region: string };
  sender: KinesisRecordSender;
  /** The running sandbox, with --sandbox. */
  sandbox: Sandbox | null;
  /** Makes the stream in the sandbox when it is not there (with --sandbox; otherwise nothing). */
  ensureStream(streamName: string): Promise<void>;
  close(): Promise<void>;
}

/** Shards of a stream --sandbox makes for a request, as many as the sandbox's example stream. */
const SANDBOX_SHARDS = 2;

/**
 * Checks the flags and the credentials they name before anything is sent (a ConfigProblem says
 * what to fix), and answers the connection the runner's requests use.
 */
export async function openConnection(
  flags: RunnerConnectionFlags,
  env: Record<string, string | undefined>,
  redactor: Redactor,
): Promise<RunnerConnection> {
  if (flags.sandbox && flags.endpoint)
    throw new ConfigProblem('--sandbox and --endpoint both choose where requests go.', 'Give one of them.');
  if (flags.sandbox && flags.profile)
    throw new ConfigProblem('--sandbox signs with its own keys, not a profile.', 'Drop --profile, or drop --sandbox.');
  if (flags.endpoint !== null && (!/^https?:\/\/[^/\s]+/i.test(flags.endpoint) || !URL.canParse(flags.endpoint)))
    throw new ConfigProblem(
      `--endpoint "${flags.endpoint}" is not an http:// or https:// URL.`,
      'Give the whole URL, e.g. --endpoint http://127.0.0.1:4567.',
    );
  const credentials = flags.sandbox ? null : credentialsFrom(flags, env);
  // Loaded only when asked for: kinesalite is the heaviest part of the runner's start.
  const sandbox = flags.sandbox ? (await import('../sandbox')).createSandbox() : null;
  const sender = createRecordSender({ sandbox: sandbox ?? noSandbox, env, secretOf: noStoredSecret, redactor });
  const profileRegion = credentials?.source === 'shared' ? await regionOfProfile(credentials.sharedProfile) : null;
  const made = new Map<string, StoredProfile>();

  const profileOf = (kind: ProfileKind, region: string): StoredProfile => {
    const key = `${kind}\n${region}`;
    let profile = made.get(key);
    if (!profile) {
      profile = {
        id: `runner-${made.size + 1}`,
        name: `stream-composer run (${kind})`,
        kind,
        endpoint: kind === 'custom' ? flags.endpoint! : '',
        region,
        ydsCloudId: '',
        ydsDatabaseId: '',
        credentials: {
          source: credentials?.source ?? 'none',
          sharedProfile: credentials?.sharedProfile ?? '',
          accessKeyId: '',
          secretCipher: '',
        },
        timeoutMs: DEFAULT_TIMEOUT_MS,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
      };
      made.set(key, profile);
    }
    return profile;
  };

  const awsRegion = (): string => {
    const region = flags.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion);
    if (!region)
      throw new ConfigProblem(
        'No region: it decides where requests go and what they are signed for.',
        'Give --region, set AWS_REGION, or set a region in the profile (~/.aws/config).',
      );
    return region;
  };

  const connection: RunnerConnection = {
    profileFor(streamName) {
      if (sandbox) return profileOf('sandbox', defaultRegion('sandbox'));
      if (flags.endpoint) return profileOf('custom', awsRegion());
      // A YDS stream path goes to YDS's own endpoint, whose one region is its default.
      if (isYdsStreamName(streamName)) return profileOf('yds', flags.region ?? YDS_REGION);
      return profileOf('aws', awsRegion());
    },
    describe(profile) {
      return {
        endpoint:
          profile.kind === 'sandbox'
            ? (sandbox?.runningEndpoint() ?? 'sandbox')
            : profile.endpoint || defaultEndpoint(profile.kind, profile.region),
        region: profile.region,
      };
    },
    sender,
    sandbox,
    async ensureStream(streamName) {
      if (!sandbox) return;
      const { streams } = await sandbox.status();
      if (!streams.some((s) => s.name === streamName)) await sandbox.createStream(streamName, SANDBOX_SHARDS);
    },
    async close() {
      sender.close();
      await sandbox?.stop();
    },
  };
  if (credentials?.source === 'shared') await checkProfileResolves(connection, credentials.sharedProfile, redactor);
  return connection;
}

/** --profile, else keys in the environment, else AWS_PROFILE: what the AWS CLI would use, minus anything stored by the app. */
function credentialsFrom(
  flags: RunnerConnectionFlags,
  env: Record<string, string | undefined>,
): { source: CredentialSource; sharedProfile: string } {
  if (flags.profile) return { source: 'shared', sharedProfile: flags.profile };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { source: 'env', sharedProfile: '' };
  if (env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY)
    throw new ConfigProblem(
      `Only ${env.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set in the environment.`,
      'Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give --profile NAME.',
    );
  if (env.AWS_PROFILE) return { source: 'shared', sharedProfile: env.AWS_PROFILE };
  throw new ConfigProblem(
    'No credentials: none in the environment and no --profile.',
    'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, give --profile NAME (the AWS shared files), or use --sandbox.',
  );
}

/** The profile's region in the shared config, read by the SDK itself (null: it names none). */
async function regionOfProfile(profile: string): Promise<string | null> {
  const { KinesisClient } = await import('@aws-sdk/client-kinesis');
  const probe = new KinesisClient({ profile, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
  try {
    return (await probe.config.region()) || null;
  } catch {
    return null;
  } finally {
    probe.destroy();
  }
}

/** A profile that cannot give credentials is a configuration error, found before anything is sent. */
async function checkProfileResolves(connection: RunnerConnection, name: string, redactor: Redactor): Promise<void> {
  // Any stream name: only the credentials are asked for, and they do not depend on it.
  let profile: StoredProfile;
  try {
    profile = connection.profileFor('probe');
  } catch {
    return; // No region: reported where a request needs one.
  }
  try {
    const client = await connection.sender.clientFor(profile);
    await client.config.credentials();
  } catch (error) {
    throw new ConfigProblem(
      `The profile "${name}" gives no credentials: ${redactor.text((error as Error).message)}`,
      'Check the profile name and ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE).',
    );
  }
}

const noStoredSecret = (): Promise<string> => Promise.reject(new Error('The runner uses no stored secret.'));

/** The runner without --sandbox: nothing may start one (a profile of kind sandbox is never made then). */
const noSandbox: Sandbox = {
  endpoint: () => Promise.reject(new Error('No sandbox: run with --sandbox.')),
  keysFor: () => undefined,
  runningEndpoint: () => undefined,
  status: () => Promise.reject(new Error('No sandbox: run with --sandbox.')),
  createStream: () => Promise.reject(new Error('No sandbox: run with --sandbox.')),
  stop: async () => {},
};
