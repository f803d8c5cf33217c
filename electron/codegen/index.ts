// "Copy as code": a runnable snippet that sends the same record as the composer or a history
// entry. Pure functions of the context, which never holds a secret.
import type { CodeContext } from '../services';
import { cliSnippet } from './cli';
import { nodeSnippet } from './node';
import { pythonSnippet } from './python';

const generators: Record<CodeContext['language'], (ctx: CodeContext) => string> = {
  python: pythonSnippet,
  cli: cliSnippet,
  node: nodeSnippet,
};

export function generateCode(ctx: CodeContext): string {
  return generators[ctx.language](ctx);
}
