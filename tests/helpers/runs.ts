// Shared pieces for the load-run tests: an app wired on a temporary data folder that keeps its
// `run` events, waiting for a run's report, and reading everything a sandbox stream holds.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent, RunReportView } from '../../electron/contract';
import { createTestCipher } from '../../electron/secrets';
import { wireApp, type WireOptions, type WiredApp } from '../../electron/wire';

export interface RunsApp {
  app: WiredApp;
  dataDir: string;
  /** Every `run` event, as the renderer would receive it (structured clone), with its arrival time. */
  events: (RunEvent & { at: number })[];
}

export async function wireRunsApp(over: Partial<WireOptions> = {}): Promise<RunsApp> {
  const dataDir = over.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'sc-runs-')));
  const events: RunsApp['events'] = [];
  const app = await wireApp({
    dataDir,
    cipher: createTestCipher(),
    env: {},
    app: { version: 't', systemLocale: 'en-US' },
    openExternal: async () => {},
    emit: (name, payload) => {
      if (name !== 'run') return;
      // Timed before the clone, which can take a while on a loaded machine.
      const at = performance.now();
      events.push({ ...(structuredClone(payload) as RunEvent), at });
    },
    ...over,
  });
  return { app, dataDir, events };
}

/** Milliseconds between consecutive `run` events of one run: at most 10 a second means each gap is ~100 ms or more. */
export function eventGaps(events: RunsApp['events'], runId: string): number[] {
  const times = events.filter((e) => e.runId === runId).map((e) => e.at);
  return times.slice(1).map((t, i) => t - times[i]);
}

/** Resolves with the run's report once its final event has arrived. */
export async function reportOf(events: RunsApp['events'], runId: string, timeoutMs = 20_000): Promise<RunReportView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const last = events.find((e) => e.runId === runId && e.report);
    if (last?.report) return last.report;
    if (Date.now() > until) throw new Error(`run ${runId} did not end within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
