// `stream-composer merge REPORT.json…`: the shard reports of one run (electron/runner/merge.ts)
// combined into one, written and summed up as `run` does, with the same exit codes.
import { parseArgs } from 'node:util';
import { EXIT_CODES } from '../runner/exit-codes';
import { mergeReports, MergeError, readShardReport } from '../runner/merge';
import { parseArgsMessage, REPORTERS, UsageError, type Reporter } from './args';
import { MERGE_HELP } from './help';
import { summaryText } from './reporters/terminal';
import { writeReports } from './run-command';

export async function mergeCommand(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        reporter: { type: 'string', short: 'r', multiple: true },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), 'merge');
  }
  if (values.help) {
    process.stdout.write(MERGE_HELP);
    return EXIT_CODES.ok;
  }
  const reporters = (values.reporter ?? ['cli', 'json']).flatMap((r) => r.split(',')).map((r) => r.trim());
  for (const r of reporters)
    if (!(REPORTERS as readonly string[]).includes(r))
      throw new UsageError(`--reporter takes ${REPORTERS.join(', ')} (or a comma list of them), not "${r}".`, 'merge');
  if (positionals.length === 0) throw new UsageError('Give the report.json of every shard to merge.', 'merge');
  try {
    const merged = mergeReports(await Promise.all(positionals.map(readShardReport)));
    await writeReports(merged, reporters as Reporter[], values.out ?? process.cwd(), 'stream-composer');
    if (reporters.includes('cli')) process.stdout.write(summaryText(merged));
    return merged.exitCode;
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message, 'merge');
    throw error;
  }
}
