// A Kinesis-shaped endpoint for the runner's benches that acknowledges every record and keeps
// none (tests/helpers/fake-kinesis.ts keeps each record it stores, which a million-record run
// cannot afford): node:http on 127.0.0.1, port 0. It counts records, notes when the first records
// arrived (a PutRecord or PutRecords call: a run may describe its stream first), and answers the calls a run makes (PutRecords, PutRecord, a one-shard stream's
// description).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AckEndpoint {
  url: string;
  /** Date.now() when the first PutRecord or PutRecords call arrived; null before. */
  firstRecordsAt(): number | null;
  records(): number;
  close(): Promise<void>;
}

const SHARD = 'shardId-000000000000';
const SHARD_VIEW = {
  ShardId: SHARD,
  HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' },
  SequenceNumberRange: { StartingSequenceNumber: '1' },
};

export async function startAckEndpoint(): Promise<AckEndpoint> {
  let first: number | null = null;
  let records = 0;
  let sequence = 0;
  const server = http.createServer((req, res) => {
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (action === 'PutRecords' || action === 'PutRecord') first ??= Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        StreamName?: string;
        Records?: unknown[];
      };
      const answer = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(value));
      };
      switch (action) {
        case 'PutRecords': {
          const n = body.Records?.length ?? 0;
          records += n;
          return answer({
            FailedRecordCount: 0,
            Records: Array.from({ length: n }, () => ({ ShardId: SHARD, SequenceNumber: String(++sequence) })),
          });
        }
        case 'PutRecord':
          records++;
          return answer({ ShardId: SHARD, SequenceNumber: String(++sequence) });
        case 'ListShards':
          return answer({ Shards: [SHARD_VIEW] });
        case 'DescribeStreamSummary':
          return answer({
            StreamDescriptionSummary: { StreamName: body.StreamName, StreamStatus: 'ACTIVE', OpenShardCount: 1 },
          });
        case 'DescribeStream':
          return answer({
            StreamDescription: {
              StreamName: body.StreamName,
              StreamStatus: 'ACTIVE',
              Shards: [SHARD_VIEW],
              HasMoreShards: false,
            },
          });
        default:
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `${action} is not served here` }));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    firstRecordsAt: () => first,
    records: () => records,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
