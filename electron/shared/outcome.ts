// How the history names an entry's outcome, for its badge, its filter and the search in main: a run
// the user cancelled is neither a success nor a failure, whatever it had delivered by then.
import type { HistoryOutcome } from './names';

export function historyOutcome(ok: boolean, runState: string | undefined): HistoryOutcome {
  if (runState === 'cancelled') return 'cancelled';
  return ok ? 'ok' : 'failed';
}
