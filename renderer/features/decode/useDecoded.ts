// A record's bytes as main's decodeRecord shows them, and the chain pinned for its stream. Each
// answer is kept with what it was asked for, so a change of record or chain shows "loading", not
// the last record's answer.
import { useEffect, useState } from 'react';
import type { AppError, DecodeLayer, DecodePinKey, DecodedRecord } from '../../../electron/contract';
import { call } from '../../api';

export type Decoding =
  { type: 'loading' } | { type: 'done'; decoded: DecodedRecord } | { type: 'failed'; error: AppError };

const LOADING: Decoding = { type: 'loading' };

/** Decodes `dataBase64` through `layers` first ([]: what the bytes announce; null: not yet known, wait). */
export function useDecoded(dataBase64: string, layers: readonly DecodeLayer[] | null): Decoding {
  const [answer, setAnswer] = useState<{ data: string; chain: string; decoding: Decoding } | null>(null);
  const chain = layers?.join(',') ?? null;
  useEffect(() => {
    // Waiting for the pin: decoding without it first would flash another view.
    if (chain === null) return;
    let live = true;
    const asked = chain === '' ? [] : (chain.split(',') as DecodeLayer[]);
    void call('decodeRecord', { dataBase64, layers: asked }).then((result) => {
      if (!live) return;
      const decoding: Decoding = result.ok
        ? { type: 'done', decoded: result.value }
        : { type: 'failed', error: result.error };
      setAnswer({ data: dataBase64, chain, decoding });
    });
    return () => {
      live = false;
    };
  }, [dataBase64, chain]);
  return answer && answer.data === dataBase64 && answer.chain === chain ? answer.decoding : LOADING;
}

export interface Pin {
  /** undefined while main is asked; null: nothing pinned. */
  layers: DecodeLayer[] | null | undefined;
  error: AppError | null;
  pin(layers: DecodeLayer[]): Promise<void>;
  unpin(): Promise<void>;
}

type PinResult = Awaited<ReturnType<typeof call<'getDecodePin'>>>;

/** The chain pinned for a connection's stream; no key (nothing to pin for) is a stream with none. */
export function useDecodePin(key: DecodePinKey | null): Pin {
  const id = key ? `${key.profileId}\n${key.streamName}` : null;
  const [kept, setKept] = useState<{ id: string; layers: DecodeLayer[] | null; error: AppError | null } | null>(null);
  const keep = (asked: string, result: PinResult) =>
    // A pin that cannot be read decodes as if none were set; the error says why.
    setKept({ id: asked, layers: result.ok ? result.value.layers : null, error: result.ok ? null : result.error });
  useEffect(() => {
    if (id === null) return;
    let live = true;
    const [profileId, streamName] = id.split('\n');
    void call('getDecodePin', { profileId, streamName }).then((result) => {
      if (live) keep(id, result);
    });
    return () => {
      live = false;
    };
  }, [id]);

  const current = kept && kept.id === id ? kept : null;
  const change = async (op: (key: DecodePinKey) => Promise<PinResult>) => {
    if (id === null || !key) return;
    const result = await op(key);
    if (result.ok) keep(id, result);
    else setKept((k) => (k ? { ...k, error: result.error } : k));
  };
  return {
    layers: id === null ? null : current ? current.layers : undefined,
    error: current?.error ?? null,
    pin: (layers) => change((k) => call('setDecodePin', { ...k, layers })),
    unpin: () => change((k) => call('clearDecodePin', k)),
  };
}
