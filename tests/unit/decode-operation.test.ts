// The decodeRecord operation through the app's handler table: input checked at the boundary, a
// small record decoded at once, a large one in a worker while main keeps answering other calls.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodeRecord } from '../../electron/decode/chain';
import { DECODE_ON_MAIN_BYTES } from '../../electron/decode/handlers';
import { wireTestApp, type TestApp } from '../helpers/app';
import { pingWhile } from '../helpers/main-responsiveness';
import { value } from '../helpers/results';

let test_: TestApp;
beforeAll(async () => {
  test_ = await wireTestApp();
});
afterAll(() => test_?.close());

const base64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');

/** A JSON array of small objects, about `bytes` long; its rows are garbage before main is timed. */
function jsonArrayOf(bytes: number): Buffer {
  const rows: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const row = JSON.stringify({ id: i, user: `user-${i}`, amount: i * 1.5, tags: ['a', 'b'] });
    rows.push(row);
    size += row.length + 1;
  }
  return Buffer.from(`[${rows.join(',')}]`);
}

test('a small record is decoded through the layers it announces, and a pinned chain goes first', async () => {
  const { handlers } = test_.app;
  const gz = gzipSync('{"order":1}');
  const detected = value(await handlers.decodeRecord({ dataBase64: base64(gz), layers: [] }));
  expect([detected.layers, detected.view?.text]).toEqual([['gzip', 'json'], '{\n  "order": 1\n}']);
  const pinned = value(await handlers.decodeRecord({ dataBase64: base64(gz), layers: ['hex'] }));
  expect([pinned.layers, pinned.view?.kind]).toEqual([['hex'], 'hex']);
});

test('a layer the app does not know is refused at the boundary, naming the field', async () => {
  const refused = await test_.app.handlers.decodeRecord({ dataBase64: '', layers: ['rot13'] });
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.error.code).toBe('INVALID_INPUT');
});

test('a 10 MiB record is decoded in a worker, as on main, while every other call answers within 100 ms of main’s time', async () => {
  const { handlers } = test_.app;
  const big = jsonArrayOf(10 * 1024 * 1024 - 200);
  expect(big.length).toBeGreaterThan(DECODE_ON_MAIN_BYTES);
  const { result, waits } = await pingWhile(handlers.decodeRecord({ dataBase64: base64(big), layers: [] }), async () =>
    value(await handlers.listProfiles({})),
  );
  const decoded = value(result);
  expect(decoded).toEqual(decodeRecord(big));
  expect([decoded.layers, decoded.view?.truncated, decoded.view?.bytes]).toEqual([['json'], true, big.length]);
  expect(waits.count).toBeGreaterThan(10);
  expect(waits.busiestMs).toBeLessThan(100);
});
