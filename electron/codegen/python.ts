// Python with boto3, shaped like the Yandex Data Streams docs example: a kinesis client,
// put_record, and the whole response pretty-printed.
import type { CodeContext } from '../services';
import { linesKeepingBreaks, pythonStr, readableText, toBase64 } from './literals';
import { targetOf } from './target';

export function pythonSnippet(ctx: CodeContext): string {
  const target = targetOf(ctx.profile, ctx.sandboxKeys, ctx.otherProfile);
  const text = readableText(ctx.data);

  const clientArgs = [
    "'kinesis'",
    ...(target.endpoint ? [`endpoint_url=${pythonStr(target.endpoint)}`] : []),
    `region_name=${pythonStr(target.region)}`,
    ...(target.credentials.type === 'placeholder'
      ? [
          `aws_access_key_id=${pythonStr(target.credentials.accessKeyId)}`,
          `aws_secret_access_key=${pythonStr(target.credentials.secretAccessKey)}`,
        ]
      : []),
  ];
  const client =
    target.credentials.type === 'sharedProfile'
      ? [
          `session = boto3.Session(profile_name=${pythonStr(target.credentials.name)})`,
          call('client = session.client', clientArgs),
        ]
      : [call('client = boto3.client', clientArgs)];

  const putArgs = [
    `StreamName=${pythonStr(ctx.streamName)}`,
    'Data=data',
    `PartitionKey=${pythonStr(ctx.partitionKey)}`,
    ...(ctx.explicitHashKey ? [`ExplicitHashKey=${pythonStr(ctx.explicitHashKey)}`] : []),
  ];

  return [
    '# Sends one record with boto3 (pip install boto3).',
    ...target.notes.map((note) => `# ${note}`),
    ...(text === null ? ['import base64'] : []),
    'from pprint import pprint',
    '',
    'import boto3',
    '',
    ...client,
    '',
    text === null ? binaryData(ctx.data) : textData(text),
    '',
    call('response = client.put_record', putArgs),
    'pprint(response)',
    '',
  ].join('\n');
}

function call(head: string, args: string[]): string {
  return `${head}(\n${args.map((a) => `    ${a},\n`).join('')})`;
}

function textData(text: string): string {
  const lines = linesKeepingBreaks(text);
  if (lines.length === 1) return `data = ${pythonStr(text)}.encode()`;
  // Adjacent literals concatenate, so each line of the payload stays a line of code.
  return `data = (\n${lines.map((l) => `    ${pythonStr(l)}\n`).join('')}).encode()`;
}

function binaryData(data: Uint8Array): string {
  return `# ${data.length} bytes of binary data, written as base64.\ndata = base64.b64decode(${pythonStr(toBase64(data))})`;
}
