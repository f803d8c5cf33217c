// Shared pieces for the load-run tests: an app wired on a temporary data folder that keeps its
// `run` events, waiting for a run's report, and reading everything a sandbox stream holds.
import type { RunEvent, RunReportView } from '../../electron/contract';
import { wireTestApp, type TestApp, type TestAppOptions } from './app';

export interface RunsApp extends TestApp {
  /** Every `run` event, as the renderer would receive it (structured clone), with its arrival time. */
  events: (RunEvent & { at: number })[];
}

export async function wireRunsApp(over: TestAppOptions = {}): Promise<RunsApp> {
  const events: RunsApp['events'] = [];
  const wired = await wireTestApp({
    emit: (name, payload) => {
      if (name !== 'run') return;
      // Timed before the clone, which can take a while on a loaded machine.
      const at = performance.now();
      events.push({ ...(structuredClone(payload) as RunEvent), at });
    },
    ...over,
  });
  return { ...wired, events };
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
