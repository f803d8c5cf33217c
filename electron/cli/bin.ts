// `stream-composer` run from source (node --import tsx electron/cli/bin.ts). The bundled
// dist/stream-composer.mjs starts at launcher.ts instead.
import { start } from './start';

await start(process.argv.slice(2), { workerSource: null, warm: null });
