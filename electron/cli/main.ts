// `stream-composer`'s commands: help, version, and the command asked for, loaded only then, so
// that a run starts sending soon (electron/cli/start.ts calls it).
import packageJson from '../../package.json' with { type: 'json' };
import { EXIT_CODES } from '../runner/exit-codes';
import { UsageError } from './args';
import { MAIN_HELP, MERGE_HELP, RUN_HELP } from './help';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await (await import('./run-command')).runCommand(rest, packageJson.version);
      case 'merge':
        return await (await import('./merge-command')).mergeCommand(rest);
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(rest[0] === 'run' ? RUN_HELP : rest[0] === 'merge' ? MERGE_HELP : MAIN_HELP);
        return EXIT_CODES.ok;
      case '--version':
      case '-v':
        process.stdout.write(`${packageJson.version}\n`);
        return EXIT_CODES.ok;
      case undefined:
        process.stderr.write(MAIN_HELP);
        return EXIT_CODES.usage;
      default:
        throw new UsageError(
          `"${command}" is not a command. The commands are run and merge (stream-composer --help lists them).`,
        );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help =
      error.command === 'run'
        ? 'stream-composer run --help'
        : error.command === 'merge'
          ? 'stream-composer merge --help'
          : 'stream-composer --help';
    process.stderr.write(`stream-composer: ${error.message}\nSee ${help}.\n`);
    return EXIT_CODES.usage;
  }
}
