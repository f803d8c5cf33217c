// The next records the batch would send, asked of main once the user pauses typing. The request
// carries the session's seed, so what the preview shows is what a run sends.
import { useEffect, useEffectEvent, useState } from 'react';
import type { AppError, BatchPreview, BatchRequest } from '../../../electron/contract';
import { call } from '../../api';

const DEBOUNCE_MS = 300;
export const PREVIEW_COUNT = 10;

export interface PreviewState {
  preview: BatchPreview | null;
  /** The request itself was refused (an empty template, a too-long key...). */
  error: AppError | null;
  pending: boolean;
}

export function usePreview(request: BatchRequest | null): PreviewState {
  const key = request ? JSON.stringify(request) : '';
  const [state, setState] = useState<{ key: string; preview: BatchPreview | null; error: AppError | null }>({
    key: '',
    preview: null,
    error: null,
  });

  // Reads the request of the latest render; the effect runs again only when `key` changes, since
  // `request` is a new object at every render.
  const ask = useEffectEvent((forKey: string) =>
    request
      ? call('previewBatch', { ...request, count: PREVIEW_COUNT }).then((r) => ({
          key: forKey,
          preview: r.ok ? r.value : null,
          error: r.ok ? null : r.error,
        }))
      : null,
  );

  useEffect(() => {
    if (!key) return;
    let current = true;
    const timer = setTimeout(() => {
      void ask(key)?.then((next) => {
        if (current) setState(next);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (!request) return { preview: null, error: null, pending: false };
  // The last answer stays on screen while the next one is on its way, so the preview does not blink.
  return { preview: state.preview, error: state.error, pending: state.key !== key };
}
