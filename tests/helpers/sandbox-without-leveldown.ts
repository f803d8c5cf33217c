// Run as a child process (node --import tsx): the local sandbox as it runs in the package, where
// leveldown and what only it uses are left out. Makes them unloadable, starts the sandbox, puts a
// record and prints the answer as JSON.
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import Module, { createRequire } from 'node:module';
import { LEFT_OUT_OF_PACKAGE } from './packaging';

type Resolve = (request: string, ...rest: unknown[]) => string;
const modules = Module as unknown as { _resolveFilename: Resolve };
const resolve = modules._resolveFilename;
modules._resolveFilename = function (this: unknown, request, ...rest) {
  if (LEFT_OUT_OF_PACKAGE.includes(request.split('/')[0])) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolve.call(this, request, ...rest);
};

let leveldownLoads = true;
try {
  createRequire(import.meta.url)('leveldown');
} catch {
  leveldownLoads = false;
}
// Imported only now, so that kinesalite meets the unloadable leveldown.
const { createSandbox } = await import('../../electron/sandbox');
const sandbox = createSandbox();
try {
  const endpoint = await sandbox.endpoint();
  const client = new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials: sandbox.keysFor(endpoint),
    // HTTP/1.1, as the app's own clients talk to it.
    requestHandler: new NodeHttpHandler(),
  });
  const put = await client.send(
    new PutRecordCommand({ StreamName: 'example-stream', PartitionKey: 'k', Data: Buffer.from('no leveldown') }),
  );
  client.destroy();
  console.log(JSON.stringify({ leveldownLoads, shardId: put.ShardId }));
} finally {
  await sandbox.stop();
}
