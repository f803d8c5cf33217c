// AWS CLI v2, as one POSIX shell command.
import type { CodeContext } from '../services';
import { allVisible, readableText, shellQuote, toBase64 } from './literals';
import { targetOf } from './target';

// One argument may not exceed 128 KiB on Linux (MAX_ARG_STRLEN), and less elsewhere.
const MAX_DATA_ARGUMENT_BYTES = 64 * 1024;

export function cliSnippet(ctx: CodeContext): string {
  const target = targetOf(ctx.profile, ctx.sandboxKeys);
  const text = readableText(ctx.data);
  const asArgument = text !== null && fitsOneArgument(text, ctx.data.length);

  const options = [
    option('--stream-name', ctx.streamName),
    option('--partition-key', ctx.partitionKey),
    ...(ctx.explicitHashKey ? [option('--explicit-hash-key', ctx.explicitHashKey)] : []),
    ...(asArgument ? [option('--data', text), '--cli-binary-format raw-in-base64-out'] : ['--data fileb:///dev/stdin']),
    ...(target.endpoint ? [option('--endpoint-url', target.endpoint)] : []),
    option('--region', target.region),
    ...(target.credentials.type === 'sharedProfile' ? [option('--profile', target.credentials.name)] : []),
    '--output json',
  ];
  const env =
    target.credentials.type === 'placeholder'
      ? `AWS_ACCESS_KEY_ID=${shellQuote(target.credentials.accessKeyId)} AWS_SECRET_ACCESS_KEY=${shellQuote(target.credentials.secretAccessKey)} `
      : '';
  const command = `${env}aws kinesis put-record \\\n${options.map((o) => `  ${o}`).join(' \\\n')}`;

  return [
    '# Sends one record with the AWS CLI v2.',
    ...target.notes.map((note) => `# ${note}`),
    ...(asArgument
      ? [
          '# raw-in-base64-out: --data is sent as the UTF-8 bytes of the text as written, not decoded from base64.',
          command,
        ]
      : [
          `# The ${ctx.data.length}-byte payload is ${text === null ? 'binary' : 'text the command line cannot carry as is'}: its base64 is decoded`,
          '# and read from stdin with fileb://, which sends the bytes unchanged.',
          `printf '%s' ${shellQuote(toBase64(ctx.data))} | base64 --decode | ${command}`,
        ]),
    '',
  ].join('\n');
}

function fitsOneArgument(text: string, bytes: number): boolean {
  return (
    bytes <= MAX_DATA_ARGUMENT_BYTES &&
    allVisible(text) &&
    // The CLI reads a value starting with file:// or fileb:// from that file.
    !/^fileb?:\/\//.test(text)
  );
}

/** `--name value`, or `--name=value` when the value starts with '-' and would read as an option. */
function option(name: string, value: string): string {
  return value.startsWith('-') ? `${name}=${shellQuote(value)}` : `${name} ${shellQuote(value)}`;
}
