// AWS CLI v2, as POSIX shell text to paste into a terminal or run with sh.
//
// The CLI replaces an option value that starts with file:// or fileb:// (and, in v1, http:// or
// https://) by what it names, and a terminal acts on control characters pasted into it. So the
// request is a JSON document written to a temporary file from a quoted here-document, and given to
// --cli-input-json: the CLI takes the values inside as they are, the shell expands nothing in it,
// and every character that does not show as itself is a \u escape. (Not /dev/stdin: CLI v2 reads
// --cli-input-json twice, and the second read finds stdin empty. Not an argument: one may hold
// at most 128 KiB on Linux, less than a record.) Only the global options stay on the command
// line; the CLI expands none of them, and they must be printable to be written there at all.
import type { CodeContext } from '../services';
import { ServiceError } from '../services';
import type { HintCode } from '../shared/reasons';
import { jsonStr, printable, readableText, shellQuote, toBase64 } from './literals';
import { targetOf } from './target';

const END_OF_REQUEST = 'END_OF_REQUEST';

export function cliSnippet(ctx: CodeContext): string {
  const target = targetOf(ctx.profile, ctx.sandboxKeys, ctx.otherProfile);
  const text = readableText(ctx.data);

  const options = [
    ...(target.endpoint ? [option('--endpoint-url', target.endpoint, 'unprintableEndpoint', 'fixEndpoint')] : []),
    option('--region', target.region, 'unprintableRegion', 'fixRegion'),
    ...(target.credentials.type === 'sharedProfile'
      ? [option('--profile', target.credentials.name, 'unprintableSharedProfile', 'renameSharedProfile')]
      : []),
    `--cli-binary-format ${text === null ? 'base64' : 'raw-in-base64-out'}`,
    '--output json',
    '--cli-input-json "file://$request"',
  ];
  const request = [
    `"StreamName": ${jsonStr(ctx.streamName)}`,
    `"PartitionKey": ${jsonStr(ctx.partitionKey)}`,
    ...(ctx.explicitHashKey ? [`"ExplicitHashKey": ${jsonStr(ctx.explicitHashKey)}`] : []),
    `"Data": ${jsonStr(text ?? toBase64(ctx.data))}`,
  ];
  const env = [
    ...(target.credentials.type === 'placeholder'
      ? [
          `AWS_ACCESS_KEY_ID=${shellQuote(target.credentials.accessKeyId)}`,
          `AWS_SECRET_ACCESS_KEY=${shellQuote(target.credentials.secretAccessKey)}`,
        ]
      : []),
    // The document holds non-ASCII text as UTF-8, whatever the terminal's locale says.
    'AWS_CLI_FILE_ENCODING=UTF-8',
  ];

  return [
    '# Sends one record with the AWS CLI v2 (version 1 stops at --cli-binary-format and sends nothing).',
    ...target.notes.map((note) => `# ${note}`),
    '# The request is the JSON document below: the CLI sends its values as they are written.',
    text === null
      ? `# Data is the base64 of the ${ctx.data.length}-byte binary payload; the CLI sends the bytes it decodes to.`
      : '# raw-in-base64-out: Data is sent as the UTF-8 bytes of the text as written, not decoded from base64.',
    // A subshell, so the temporary file goes whatever happens and the CLI's exit status is the snippet's.
    '(',
    `  request=$(mktemp) && trap 'rm -f "$request"' EXIT && cat > "$request" <<'${END_OF_REQUEST}' &&`,
    `{\n${request.map((r) => `  ${r}`).join(',\n')}\n}`,
    END_OF_REQUEST,
    `  ${env.join(' ')} aws kinesis put-record \\\n${options.map((o) => `    ${o}`).join(' \\\n')}`,
    ')',
    '',
  ].join('\n');
}

/**
 * `--name value` (`--name=value` when the value starts with '-' and would read as an option).
 * A value a terminal could act on (a control character, a line break, a bidi override) is refused.
 */
function option(
  name: string,
  value: string,
  refusal: 'unprintableEndpoint' | 'unprintableRegion' | 'unprintableSharedProfile',
  fix: HintCode,
): string {
  if (!printable(value)) throw new ServiceError(refusal, {}, { hint: fix, field: 'profile' });
  return value.startsWith('-') ? `${name}=${shellQuote(value)}` : `${name} ${shellQuote(value)}`;
}
