// The command line of `stream-composer run`, read with node:util's parseArgs: an unknown flag or a
// bad value is a usage error that says what to fix (exit code 2). Exported on its own so a test
// can read the Kubernetes Job's args with the very parser the CLI uses.
import { parseArgs } from 'node:util';

export const REPORTERS = ['cli', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];

export interface RunArgs {
  paths: string[];
  workspace: string | null;
  env: string | null;
  profile: string | null;
  endpoint: string | null;
  region: string | null;
  sandbox: boolean;
  reporters: Reporter[];
  out: string | null;
  quiet: boolean;
  /** `--shard i/N` as given; electron/runner/shard.ts reads it (with the environment). */
  shard: string | undefined;
  help: boolean;
}

/** A command line that cannot be used; the message says what to fix. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to point at. */
    readonly command: 'run' | 'merge' | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Every option of `run`; its help names each (tests/unit/cli-run.test.ts). */
export const RUN_OPTIONS = {
  workspace: { type: 'string', short: 'w' },
  env: { type: 'string', short: 'e' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  sandbox: { type: 'boolean' },
  reporter: { type: 'string', short: 'r', multiple: true },
  out: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  shard: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseRunArgs(argv: string[]): RunArgs {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: RUN_OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), 'run');
  }
  const text = (name: keyof typeof RUN_OPTIONS, value: string | undefined): string | null => {
    if (value === undefined) return null;
    if (value.trim() === '' || value.startsWith('-'))
      throw new UsageError(`--${name} needs a value, not "${value}".`, 'run');
    return value.trim();
  };
  const reporters = (values.reporter ?? ['cli']).flatMap((r) => r.split(',')).map((r) => r.trim());
  for (const r of reporters)
    if (!(REPORTERS as readonly string[]).includes(r))
      throw new UsageError(`--reporter takes ${REPORTERS.join(', ')} (or a comma list of them), not "${r}".`, 'run');
  return {
    paths: positionals,
    workspace: text('workspace', values.workspace),
    env: text('env', values.env),
    profile: text('profile', values.profile),
    endpoint: text('endpoint', values.endpoint),
    region: text('region', values.region),
    sandbox: values.sandbox ?? false,
    reporters: [...new Set(reporters as Reporter[])],
    out: text('out', values.out),
    quiet: values.quiet ?? false,
    shard: values.shard,
    help: values.help ?? false,
  };
}

/** parseArgs' own words, cut to what the user typed, with what to do. */
export function parseArgsMessage(error: unknown): string {
  const e = error as Error & { code?: string };
  const message = e.message.replace(/\. To specify a positional argument.*$/s, '.');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${message} See the options below.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message;
    default:
      return message;
  }
}
