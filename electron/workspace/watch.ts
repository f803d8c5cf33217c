// Watching a workspace folder for edits made outside the app (an editor, a `git pull`): chokidar
// on the folder and one level of folders below, dot-files and dot-folders (.git, the app's own temp
// files) ignored, and a burst of changes reported once, `delayMs` after the last one.
import { watch } from 'chokidar';
import path from 'node:path';

export interface WorkspaceWatcher {
  /** Settles once the folder's first scan is done: changes from then on are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchWorkspace(
  dir: string,
  { onChange, delayMs = 200 }: { onChange: () => void; delayMs?: number },
): WorkspaceWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 1,
    ignored: (file) =>
      path
        .relative(dir, file)
        .split(path.sep)
        .some((part) => part.startsWith('.')),
  });
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  watcher.on('all', changed);
  // A folder that vanishes or cannot be watched is not worth crashing main for; the list stays as it was.
  watcher.on('error', () => {});
  const ready = new Promise<void>((resolve) => {
    watcher.once('ready', resolve);
    watcher.once('error', () => resolve());
  });
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
