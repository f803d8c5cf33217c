// A Node.js ES module with the AWS SDK for JavaScript v3.
import type { CodeContext } from '../services';
import { jsStr, linesKeepingBreaks, readableText, toBase64 } from './literals';
import { targetOf } from './target';

export function nodeSnippet(ctx: CodeContext): string {
  const target = targetOf(ctx.profile, ctx.sandboxKeys, ctx.otherProfile);
  const text = readableText(ctx.data);
  const { credentials } = target;

  const packages = [
    '@aws-sdk/client-kinesis',
    ...(credentials.type === 'sharedProfile' ? ['@aws-sdk/credential-providers'] : []),
    ...(target.http1Only ? ['@smithy/node-http-handler'] : []),
  ];
  const clientOptions = [
    ...(target.endpoint ? [`endpoint: ${jsStr(target.endpoint)},`] : []),
    `region: ${jsStr(target.region)},`,
    ...(credentials.type === 'sharedProfile' ? [`credentials: fromIni({ profile: ${jsStr(credentials.name)} }),`] : []),
    ...(credentials.type === 'placeholder'
      ? [
          `credentials: { accessKeyId: ${jsStr(credentials.accessKeyId)}, secretAccessKey: ${jsStr(credentials.secretAccessKey)} },`,
        ]
      : []),
    ...(target.http1Only
      ? [
          "// This endpoint speaks HTTP/1.1; the client's default HTTP/2 handler would fail with ERR_HTTP2_ERROR.",
          'requestHandler: new NodeHttpHandler(),',
        ]
      : []),
  ];
  const input = [
    `StreamName: ${jsStr(ctx.streamName)},`,
    `PartitionKey: ${jsStr(ctx.partitionKey)},`,
    ...(ctx.explicitHashKey ? [`ExplicitHashKey: ${jsStr(ctx.explicitHashKey)},`] : []),
    'Data: data,',
  ];

  return [
    `// Sends one record with the AWS SDK for JavaScript v3. Save as send.mjs; npm install ${packages.join(' ')}`,
    ...target.notes.map((note) => `// ${note}`),
    "import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';",
    ...(credentials.type === 'sharedProfile' ? ["import { fromIni } from '@aws-sdk/credential-providers';"] : []),
    ...(target.http1Only ? ["import { NodeHttpHandler } from '@smithy/node-http-handler';"] : []),
    '',
    `const client = new KinesisClient({\n${indent(clientOptions)}});`,
    '',
    text === null ? binaryData(ctx.data) : textData(text),
    '',
    `const response = await client.send(new PutRecordCommand({\n${indent(input)}}));`,
    'console.log(JSON.stringify(response, null, 2));',
    '',
  ].join('\n');
}

function indent(lines: string[]): string {
  return lines.map((l) => `  ${l}\n`).join('');
}

function textData(text: string): string {
  const lines = linesKeepingBreaks(text);
  if (lines.length === 1) return `const data = Buffer.from(${jsStr(text)}, 'utf8');`;
  return `const data = Buffer.from(\n${lines.map((l) => `  ${jsStr(l)}`).join(' +\n')},\n  'utf8',\n);`;
}

function binaryData(data: Uint8Array): string {
  return `// ${data.length} bytes of binary data, written as base64.\nconst data = Buffer.from(${jsStr(toBase64(data))}, 'base64');`;
}
