// How `stream-composer run` (and `merge`) end, decided once: CI reads these numbers. A record not
// delivered outranks a failed assertion, since an assertion about records that never arrived
// says little; a usage or configuration error means nothing (or not everything) could be tried.
export const EXIT_CODES = {
  /** Every record delivered and every assertion held. */
  ok: 0,
  /** Every record delivered, but an assertion failed. */
  assertionFailed: 1,
  /** A bad flag or value, a bad request file, a missing variable, no credentials: fix and run again. */
  usage: 2,
  /** A record was not delivered (failed, never sent, or of unknown fate). */
  undelivered: 3,
  /** Stopped by Ctrl+C (SIGINT) or SIGTERM; the reports were written, marked interrupted. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code of a run from what happened in it, by the precedence above. */
export function exitCodeOf(outcome: {
  interrupted: boolean;
  configErrors: number;
  undelivered: number;
  failedAssertions: number;
}): ExitCode {
  if (outcome.interrupted) return EXIT_CODES.interrupted;
  if (outcome.configErrors > 0) return EXIT_CODES.usage;
  if (outcome.undelivered > 0) return EXIT_CODES.undelivered;
  if (outcome.failedAssertions > 0) return EXIT_CODES.assertionFailed;
  return EXIT_CODES.ok;
}
