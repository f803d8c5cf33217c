// A configuration problem found before anything is sent: a flag, a file, a variable, the
// credentials. It ends `stream-composer run` with exit code 2, saying what is wrong and what to do.
export class ConfigProblem extends Error {
  constructor(
    message: string,
    readonly hint: string,
    /** The file it is about, relative to the workspace, when there is one. */
    readonly path: string | null = null,
    /** A reason of electron/shared/reasons.ts when one names it. */
    readonly reason = 'configuration',
  ) {
    super(message);
    this.name = 'ConfigProblem';
  }
}
