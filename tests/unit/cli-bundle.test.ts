// What the runner's one file (dist/stream-composer.mjs, built by tests/setup/build.ts) must be for
// a fast start: every start reads, decodes and parses all of it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BUNDLE = path.resolve(import.meta.dirname, '../../dist/stream-composer.mjs');

describe('dist/stream-composer.mjs', () => {
  it('is all ASCII: one other byte sends Node down its slow UTF-8 decoding of the whole file', async () => {
    const bytes = await readFile(BUNDLE);
    const at = bytes.findIndex((b) => b > 0x7f);
    // Where it is, when there is one: the text around it names the source to write an escape in.
    const around = at < 0 ? '' : bytes.subarray(Math.max(0, at - 80), at + 20).toString('utf8');
    expect({ at, around }).toEqual({ at: -1, around: '' });
  });
});
