// Decoding a record (issue 13): a 1 MiB JSON record, gzipped, through decodeRecord (found as
// gzip → json and laid out), against the floor of the same run: gunzip and JSON.parse alone.
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeRecord } from '../electron/decode/chain';
import { median } from './median';

const ROUNDS = 15;

function oneMibOfJson(): Buffer {
  const rows: string[] = [];
  for (let size = 0, i = 0; size < 1024 * 1024 - 100; i++) {
    const row = JSON.stringify({ id: i, user: `user-${i}`, amount: i * 1.5, tags: ['a', 'b'], ok: true });
    rows.push(row);
    size += row.length + 1;
  }
  return Buffer.from(`[${rows.join(',')}]`);
}

export function benchDecode() {
  const json = oneMibOfJson();
  const gz = gzipSync(json);
  const decodeMs: number[] = [];
  const floorMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    const decoded = decodeRecord(gz);
    decodeMs.push(performance.now() - t);
    if (decoded.layers.join() !== 'gzip,json') throw new Error(`decoded as ${decoded.layers.join(' > ')}`);
    t = performance.now();
    JSON.parse(gunzipSync(gz).toString('utf8'));
    floorMs.push(performance.now() - t);
  }
  return { jsonBytes: json.length, gzipBytes: gz.length, medianMs: median(decodeMs), floorMedianMs: median(floorMs) };
}

export function printDecodeBench() {
  const d = benchDecode();
  console.log(
    `decoding a record (${(d.jsonBytes / 1024 / 1024).toFixed(2)} MiB of JSON, gzipped to ${(d.gzipBytes / 1024).toFixed(0)} KiB; ${ROUNDS} rounds)`,
  );
  console.log(
    `  decodeRecord (gzip > json, laid out): median ${d.medianMs.toFixed(1)} ms (target <= 50 ms); gunzip + JSON.parse alone: ${d.floorMedianMs.toFixed(1)} ms; ratio ${(d.medianMs / d.floorMedianMs).toFixed(2)}`,
  );
}
