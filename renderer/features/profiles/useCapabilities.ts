// What the connection's probe found (electron/kinesis/probe.ts), for every place that shows it:
// the connection editor asks only when the user does; the stream browser probes on first open.
// Main keeps the report for the session, so a second place (or a reopened dialog) asks nothing.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, CapabilityAnswer, ConnectionCapabilities } from '../../../electron/contract';
import { call } from '../../api';

export const CAPABILITY_MARK: Record<CapabilityAnswer, string> = { yes: '✓', no: '✗', unknown: '?' };

export function useCapabilities(profileId: string, { probeFirst }: { probeFirst: boolean }) {
  const [report, setReport] = useState<ConnectionCapabilities | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const probe = useCallback(async () => {
    setChecking(true);
    setFailure(null);
    const r = await call('probeConnection', { profileId });
    setChecking(false);
    if (r.ok) setReport(r.value);
    else setFailure(r.error);
  }, [profileId]);

  useEffect(() => {
    let current = true;
    void call('connectionCapabilities', { profileId }).then((r) => {
      if (!current || !r.ok) return;
      setReport(r.value);
      if (!r.value && probeFirst) void probe();
    });
    return () => {
      current = false;
    };
  }, [profileId, probeFirst, probe]);

  return { report, checking, failure, check: probe };
}
