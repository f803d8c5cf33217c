// How the history names an entry's outcome, for its badge, its filter and the search in main: a run
// the user cancelled is neither a success nor a failure, whatever it had delivered by then; nor is a
// run still sending (its result is not known yet), or one the app stopped in the middle of (part of
// its records are of unknown fate).
import type { HistoryOutcome } from './names';

export function historyOutcome(ok: boolean, runState: string | undefined): HistoryOutcome {
  if (runState === 'cancelled' || runState === 'running' || runState === 'interrupted') return runState;
  return ok ? 'ok' : 'failed';
}
