// Where the runner's requests go and with which credentials, from the command line only: the
// credentials from --profile (the AWS shared files) or the environment, never a stored secret;
// the endpoint from --endpoint, --sandbox, or the standard endpoint of the request's target.
// A workspace file never chooses it.

export interface RunnerConnectionFlags {
  endpoint: string | null;
  region: string | null;
  profile: string | null;
  sandbox: boolean;
}

export interface RunnerConnection {
  flags: RunnerConnectionFlags;
}
