/** Only a run renders records; help and merge start no worker. */
export const wantsRunWorker = (argv: string[]) => argv[0] === 'run' && !argv.includes('--help') && !argv.includes('-h');
