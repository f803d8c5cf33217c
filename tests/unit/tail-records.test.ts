// The tail view's list: records from a lagging shard, arriving in a later event, go where their
// arrival time puts them; the cap drops the oldest; previews show text, or hex for bytes.
import { expect, test } from 'vitest';
import type { TailRecordView } from '../../electron/contract';
import { insertByArrival, previewOf } from '../../renderer/features/streams/tailRecords';

const rec = (shardId: string, seq: string, ms: number, data: Buffer | string = `${shardId}/${seq}`): TailRecordView => {
  const bytes = Buffer.from(data);
  return {
    shardId,
    sequenceNumber: seq,
    partitionKey: 'k',
    arrivedAt: new Date(1_700_000_000_000 + ms).toISOString(),
    dataBase64: bytes.toString('base64'),
    size: bytes.length,
    truncated: false,
  };
};
const ids = (list: TailRecordView[]) => list.map((r) => `${r.shardId}/${r.sequenceNumber}`);

test('a later event carrying earlier records of a lagging shard is merged into place', () => {
  const list: TailRecordView[] = [];
  expect(insertByArrival(list, [rec('a', '1', 10), rec('a', '2', 30), rec('a', '3', 50)], 100)).toBe(0);
  insertByArrival(list, [rec('b', '1', 20), rec('b', '2', 40), rec('a', '4', 60)], 100);
  expect(ids(list)).toEqual(['a/1', 'b/1', 'a/2', 'b/2', 'a/3', 'a/4']);
});

test('equal arrival times order by shard, then by sequence number as a number', () => {
  const list: TailRecordView[] = [];
  insertByArrival(list, [rec('b', '10', 5)], 100);
  insertByArrival(list, [rec('b', '9', 5), rec('a', '100', 5)], 100);
  expect(ids(list)).toEqual(['a/100', 'b/9', 'b/10']);
});

test('beyond the cap the oldest by arrival are dropped and counted', () => {
  const list: TailRecordView[] = [];
  insertByArrival(
    list,
    [1, 2, 3, 4].map((i) => rec('a', String(i), i * 10)),
    5,
  );
  // One newer and one older than all kept: the older one goes first, with the oldest kept.
  expect(insertByArrival(list, [rec('b', '1', 1), rec('b', '2', 100)], 5)).toBe(1);
  expect(ids(list)).toEqual(['a/1', 'a/2', 'a/3', 'a/4', 'b/2']);
});

test('previews: text on one line, bytes that are no UTF-8 in hex', () => {
  expect(previewOf(rec('a', '1', 0, '{\n  "n": 1\n}'))).toBe('{ "n": 1 }');
  expect(previewOf(rec('a', '1', 0, Buffer.from([0xff, 0x00, 0x10])))).toBe('ff 00 10');
  // A multi-byte character cut by the preview's length is no reason to fall back to hex.
  expect(previewOf(rec('a', '1', 0, 'я'.repeat(200)))).toMatch(/^я+$/);
});
