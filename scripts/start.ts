// npm start: build the app and run it in Electron. The electron package fetches its binary from
// GitHub the first time it is asked for its path (install scripts are off in .npmrc); where that
// cannot happen, say so in one line and point to `npm run preview`, before spending a build on it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const appRoot = path.resolve(import.meta.dirname, '..');

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

/** The Electron binary's path, downloading it if needed; asked in a child so its output and stack traces stay there. */
function electronBinary(): { path: string } | { why: string } {
  const asked = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: appRoot,
    encoding: 'utf8',
  });
  const found = asked.status === 0 ? asked.stdout.trim() : '';
  if (found && existsSync(found)) return { path: found };
  // The download's own error (say "fetch failed"), not the package's advice to reinstall it.
  const cause = asked.stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\w*Error: /.test(line) && !line.includes('Electron failed to install correctly'));
  return { why: cause ?? (found ? `${found} does not exist` : 'it is not installed') };
}

const electron = electronBinary();
if ('why' in electron)
  stop(
    `The Electron binary is missing and could not be downloaded (${electron.why}): run \`npm run preview\` to open the app in Chromium instead.`,
  );

const build = spawnSync('npm', ['run', 'build'], { cwd: appRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: appRoot, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
