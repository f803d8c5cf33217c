// A failure that knows its reason: thrown where a callback can only throw (a key template's
// renderer), so the catcher still gets the reason and its parameters, not just English.
import { englishOf } from '../messages';
import { problemOf, type ReasonWithParams } from '../shared/reasons';

export class ProblemError extends Error {
  constructor(readonly problem: ReasonWithParams) {
    super(englishOf(problem));
    this.name = 'ProblemError';
  }

  /** The reason of whatever was thrown: a generator's own exception (faker's English) stays a quoted detail. */
  static of(e: unknown): ReasonWithParams {
    if (e instanceof ProblemError) return e.problem;
    return problemOf('tplGeneratorFailed', { detail: e instanceof Error ? e.message : String(e) });
  }
}
