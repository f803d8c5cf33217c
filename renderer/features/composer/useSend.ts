// One send at a time: a fresh requestId per send, so Cancel aborts exactly that request in main.
import { useRef, useState } from 'react';
import type { AppError, ComposedRequest, SendOutcome } from '../../../electron/contract';
import { call } from '../../api';

interface Handlers {
  onOutcome: (outcome: SendOutcome, request: ComposedRequest) => void;
  /** The call itself was refused (INVALID_INPUT from main's re-validation, NOT_FOUND, ...). */
  onError: (error: AppError) => void;
}

export function useSend({ onOutcome, onError }: Handlers) {
  const [busy, setBusy] = useState(false);
  const requestId = useRef<string | null>(null);

  const send = async (request: ComposedRequest) => {
    if (requestId.current) return;
    const id = crypto.randomUUID();
    requestId.current = id;
    setBusy(true);
    const result = await call('sendRecord', { ...request, requestId: id });
    requestId.current = null;
    setBusy(false);
    if (result.ok) onOutcome(result.value, request);
    else onError(result.error);
  };

  const cancel = () => {
    if (requestId.current) void call('cancelSend', { requestId: requestId.current });
  };

  return { busy, send, cancel };
}
