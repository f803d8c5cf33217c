// The decoding chains pinned per connection and stream: kept in decode-pins.json in the data
// folder, read again by the next start of the app, and never lost to a file that cannot be read.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DECODE_PINS_FILE, MAX_DECODE_PINS, openDecodePins } from '../../electron/decode/pins';
import { wireTestApp } from '../helpers/app';
import { value } from '../helpers/results';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-pins-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const orders = { profileId: 'p1', streamName: 'orders' };

test('a pin is kept per connection and stream, and a new store on the same folder reads it back', async () => {
  const pins = openDecodePins(dir);
  expect(await pins.get(orders)).toBeNull();
  await pins.set(orders, ['gzip', 'json']);
  await pins.set({ profileId: 'p2', streamName: 'orders' }, ['hex']);
  await pins.set(orders, ['base64', 'gzip', 'json']);

  const again = openDecodePins(dir);
  expect(await again.get(orders)).toEqual(['base64', 'gzip', 'json']);
  expect(await again.get({ profileId: 'p2', streamName: 'orders' })).toEqual(['hex']);
  expect(await again.get({ profileId: 'p1', streamName: 'other' })).toBeNull();

  await again.clear(orders);
  expect(await openDecodePins(dir).get(orders)).toBeNull();
  expect(await openDecodePins(dir).get({ profileId: 'p2', streamName: 'orders' })).toEqual(['hex']);
});

test('changes made at once all land, in the order they were asked', async () => {
  const pins = openDecodePins(dir);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      pins.set({ profileId: 'p', streamName: `s${i}` }, i % 2 ? ['json'] : ['text']),
    ),
  );
  const stored = JSON.parse(await readFile(path.join(dir, DECODE_PINS_FILE), 'utf8')) as {
    pins: { streamName: string }[];
  };
  expect(stored.pins.map((p) => p.streamName)).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`));
});

test('past the most pins kept, the one set longest ago goes', async () => {
  const many = Array.from({ length: MAX_DECODE_PINS }, (_, i) => ({
    profileId: 'p',
    streamName: `s${i}`,
    layers: ['json'],
  }));
  await writeFile(path.join(dir, DECODE_PINS_FILE), JSON.stringify({ version: 1, pins: many }));
  const pins = openDecodePins(dir);
  await pins.set({ profileId: 'p', streamName: 'new' }, ['text']);
  expect(await pins.get({ profileId: 'p', streamName: 's0' })).toBeNull();
  expect(await pins.get({ profileId: 'p', streamName: 's1' })).toEqual(['json']);
  expect(await pins.get({ profileId: 'p', streamName: 'new' })).toEqual(['text']);
});

test('a file that cannot be read is set aside, not overwritten, and the app goes on with no pins', async () => {
  const file = path.join(dir, DECODE_PINS_FILE);
  await writeFile(file, '{"version": 1, "pins": [{"profileId": "p1", "streamName": "orders", "layers": ["rot13"]}]}');
  const pins = openDecodePins(dir);
  expect(await pins.get(orders)).toBeNull();
  await pins.set(orders, ['json']);
  expect((await readdir(dir)).sort()).toEqual([DECODE_PINS_FILE, `${DECODE_PINS_FILE}.unreadable`]);
  expect(await readFile(`${file}.unreadable`, 'utf8')).toContain('rot13');
  expect(await openDecodePins(dir).get(orders)).toEqual(['json']);
});

test('a file it cannot write is a clear error, and the pin is not taken', async () => {
  // A folder where the file should be: the atomic rename over it fails, as on a read-only disk.
  await mkdir(path.join(dir, DECODE_PINS_FILE));
  const pins = openDecodePins(dir);
  await expect(pins.set(orders, ['json'])).rejects.toMatchObject({ reason: 'decodePinsNotWritten' });
  expect(await pins.get(orders)).toBeNull();
  // The next change is tried again, not stuck behind the failed one.
  await rm(path.join(dir, DECODE_PINS_FILE), { recursive: true });
  await pins.set(orders, ['json']);
  expect(await openDecodePins(dir).get(orders)).toEqual(['json']);
});

test('through the handler table: set, get, clear, with the input checked at the boundary', async () => {
  const app = await wireTestApp();
  try {
    const { handlers } = app.app;
    const key = { profileId: 'p1', streamName: '/ru-central1/b1g/etn/orders' };
    expect(value(await handlers.getDecodePin(key))).toEqual({ layers: null });
    expect(value(await handlers.setDecodePin({ ...key, layers: ['kpl'] }))).toEqual({ layers: ['kpl'] });
    expect(value(await handlers.getDecodePin(key))).toEqual({ layers: ['kpl'] });
    expect(JSON.parse(await readFile(path.join(app.dataDir, DECODE_PINS_FILE), 'utf8'))).toMatchObject({
      pins: [{ ...key, layers: ['kpl'] }],
    });
    expect(value(await handlers.clearDecodePin(key))).toEqual({ layers: null });
    expect(value(await handlers.getDecodePin(key))).toEqual({ layers: null });
    const refused = await handlers.setDecodePin({ ...key, layers: [] });
    expect(!refused.ok && refused.error.code).toBe('INVALID_INPUT');
  } finally {
    await app.close();
  }
});
