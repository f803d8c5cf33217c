// The decode operations of the handler table. A small record is decoded at once; a large one in a
// worker with a budget, since its layers (inflating, laying out JSON) take time in proportion. The
// chains pinned per stream are kept by ./pins.
import type { DecodeLayer, DecodedRecord, Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { transferable } from '../workers/protocol';
import { runTask, type Budget } from '../workers/run-task';
import { decodeRecord } from './chain';
import { openDecodePins } from './pins';

/** Records up to this size are decoded on main: well under a millisecond's work. */
export const DECODE_ON_MAIN_BYTES = 64 * 1024;

const DECODE_BUDGET: Budget = {
  timeoutMs: 20_000,
  heapMb: 512,
  over: { time: 'decodeOverTime', memory: 'decodeOverMemory' },
  hint: 'showAsHex',
};

function decode(bytes: Uint8Array, layers: DecodeLayer[]): Promise<DecodedRecord> | DecodedRecord {
  if (bytes.length <= DECODE_ON_MAIN_BYTES) return decodeRecord(bytes, layers);
  return runTask('decodeRecord', { bytes, layers }, DECODE_BUDGET, transferable(bytes));
}

export function decodeHandlers(
  deps: Pick<HandlerDeps, 'dataDir'>,
): Implementations<'decodeRecord' | 'getDecodePin' | 'setDecodePin' | 'clearDecodePin'> {
  const pins = openDecodePins(deps.dataDir);
  return {
    decodeRecord: ({ dataBase64, layers }) => decode(Buffer.from(dataBase64, 'base64'), layers),
    getDecodePin: async (key) => ({ layers: await pins.get(key) }),
    setDecodePin: async ({ layers, ...key }) => {
      await pins.set(key, layers);
      return { layers };
    },
    clearDecodePin: async (key) => {
      await pins.clear(key);
      return { layers: null };
    },
  };
}
