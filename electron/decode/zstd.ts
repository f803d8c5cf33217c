// Zstandard frames (RFC 8878), decompressed by fzstd within a limit. fzstd sizes its buffers from
// what a frame header declares (a window, a content size up to 2 GiB), so the frames are walked
// first and a header that asks for more than the limit is refused before anything is allocated;
// the output is then counted as it streams out.
import { Decompress } from 'fzstd';

export const hasZstdMagic = (b: Uint8Array) =>
  b.length >= 9 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;

const isSkippable = (b: Uint8Array, at: number) =>
  (b[at] & 0xf0) === 0x50 && b[at + 1] === 0x2a && b[at + 2] === 0x4d && b[at + 3] === 0x18;

/** A little-endian number of `n` bytes (a double: exact up to 2^53, and anything past that is over any limit). */
function readLe(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i];
  return v;
}

export type ZstdFrames = 'ok' | 'malformed' | 'tooLarge';

/** Whether the bytes are whole zstd frames (and skippable ones) to the end, none declaring more than `max` bytes. */
export function checkZstdFrames(b: Uint8Array, max: number): ZstdFrames {
  let at = 0;
  let frames = 0;
  while (at < b.length) {
    if (b.length - at < 8) return 'malformed';
    if (isSkippable(b, at)) {
      at += 8 + readLe(b, at + 4, 4);
      if (at > b.length) return 'malformed';
      continue;
    }
    if (!(b[at] === 0x28 && b[at + 1] === 0xb5 && b[at + 2] === 0x2f && b[at + 3] === 0xfd)) return 'malformed';
    const fhd = b[at + 4];
    if (fhd & 0x08) return 'malformed';
    const single = (fhd >> 5) & 1;
    const fcsFlag = fhd >> 6;
    const dictBytes = [0, 1, 2, 4][fhd & 3];
    const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
    let p = at + 5;
    let window = 0;
    if (!single) {
      const wd = b[p++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    p += dictBytes;
    if (p + fcsBytes > b.length) return 'malformed';
    const size = fcsBytes ? readLe(b, p, fcsBytes) + (fcsFlag === 1 ? 256 : 0) : 0;
    p += fcsBytes;
    if (window > max || size > max) return 'tooLarge';
    for (let last = 0; !last;) {
      if (p + 3 > b.length) return 'malformed';
      const header = readLe(b, p, 3);
      last = header & 1;
      const type = (header >> 1) & 3;
      if (type === 3) return 'malformed';
      p += 3 + (type === 1 ? 1 : header >> 3);
    }
    p += fhd & 0x04 ? 4 : 0;
    if (p > b.length) return 'malformed';
    at = p;
    frames++;
  }
  return frames > 0 ? 'ok' : 'malformed';
}

export class ZstdTooLarge extends Error {}

/** The frames' content; ZstdTooLarge once it passes `max` bytes, any other error for bytes that are not zstd. */
export function unzstd(bytes: Uint8Array, max: number): Uint8Array {
  const frames = checkZstdFrames(bytes, max);
  if (frames === 'tooLarge') throw new ZstdTooLarge();
  if (frames === 'malformed') throw new Error('not zstd');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > max) throw new ZstdTooLarge();
    // fzstd may hand out views of its window, which the next block overwrites.
    chunks.push(chunk.slice());
  });
  stream.push(bytes, true);
  return Buffer.concat(chunks, total);
}
