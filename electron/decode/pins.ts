// The decoding chains the user pinned, one per connection and stream, kept in decode-pins.json in
// the data folder beside the other settings. A change is written atomically before it is answered;
// changes run one at a time. A file that cannot be read is set aside (never overwritten) and the
// app goes on with no pins.
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { decodeLayerSchema, type DecodeLayer, type DecodePinKey } from '../contract';
import { ServiceError } from '../services';
import { writeFileAtomic } from '../workspace/write';

export const DECODE_PINS_FILE = 'decode-pins.json';
/** Past this many pins the ones set longest ago are dropped: a pin is a convenience, not data. */
export const MAX_DECODE_PINS = 1000;

const pinSchema = z
  .object({ profileId: z.string(), streamName: z.string(), layers: z.array(decodeLayerSchema).min(1) })
  .strict();
const fileSchema = z.object({ version: z.literal(1), pins: z.array(pinSchema) });
type Pin = z.infer<typeof pinSchema>;

export interface DecodePins {
  get(key: DecodePinKey): Promise<DecodeLayer[] | null>;
  set(key: DecodePinKey, layers: DecodeLayer[]): Promise<void>;
  clear(key: DecodePinKey): Promise<void>;
}

const same = (pin: Pin, key: DecodePinKey) => pin.profileId === key.profileId && pin.streamName === key.streamName;

async function load(file: string): Promise<Pin[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  try {
    return fileSchema.parse(JSON.parse(text)).pins;
  } catch {
    // Kept for whoever wants to look at it; the next pin starts a fresh file.
    await rename(file, `${file}.unreadable`).catch(() => {});
    return [];
  }
}

export function openDecodePins(dataDir: string): DecodePins {
  const file = path.join(dataDir, DECODE_PINS_FILE);
  let pins: Promise<Pin[]> | null = null;
  const current = () => (pins ??= load(file).catch(() => []));
  let queue: Promise<unknown> = Promise.resolve();

  const change = (next: (list: Pin[]) => Pin[]): Promise<void> => {
    const done = queue.then(async () => {
      const list = next(await current());
      try {
        await writeFileAtomic(file, JSON.stringify({ version: 1, pins: list }, null, 2) + '\n');
      } catch (e) {
        throw new ServiceError('decodePinsNotWritten', { cause: (e as Error).message }, { hint: 'dataFolderWritable' });
      }
      pins = Promise.resolve(list);
    });
    queue = done.catch(() => {});
    return done;
  };

  return {
    get: async (key) => (await current()).find((p) => same(p, key))?.layers ?? null,
    set: (key, layers) =>
      change((list) => [...list.filter((p) => !same(p, key)), { ...key, layers }].slice(-MAX_DECODE_PINS)),
    clear: (key) => change((list) => list.filter((p) => !same(p, key))),
  };
}
