// Reading a workspace folder: its marker file, its request files (at the root and one folder down)
// and its environments. Every file is treated as hostile (a `git pull` brings other people's
// files): regular files only, never through a link that leads out of the folder, bounded in size
// and number, checked by format.ts. A bad file becomes a problem naming it and what to fix; the
// others load. Plain Node: the CLI runner uses it too.
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceProblem } from '../contract';
import { ENVIRONMENT_NAME } from '../shared/env-vars';
import { problemOf } from '../shared/reasons';
import { formatBytes } from '../shared/file-limits';
import {
  ENVIRONMENTS_DIR,
  REQUEST_SUFFIX,
  WORKSPACE_FILE,
  WORKSPACE_LIMITS,
  parseRequestFile,
  parseWorkspaceFile,
  workspaceProblem,
  type Parsed,
  type WorkspaceEnvironment,
  type WorkspaceRequest,
} from './format';

export type { WorkspaceEnvironment, WorkspaceRequest } from './format';

export interface LoadedWorkspace {
  /** Absolute. */
  dir: string;
  /** From stream-composer.yaml, else the folder's name. */
  name: string;
  requests: WorkspaceRequest[];
  environments: WorkspaceEnvironment[];
  /** Every folder of requests, empty ones too, by name. */
  folders: string[];
  problems: WorkspaceProblem[];
}

export interface LoadOptions {
  /** Parses a large file's text off the caller's thread (main passes a worker); inline when absent. */
  parseLarge?: (text: string, relative: string, kind: 'request' | 'environment') => Promise<Parsed<unknown>>;
}

/** Files at least this large go to `parseLarge`. */
const LARGE_FILE = 256 * 1024;

export async function loadWorkspace(dir: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const root = path.resolve(dir);
  const realRoot = await realpath(root);
  const problems: WorkspaceProblem[] = [];
  const requests: WorkspaceRequest[] = [];
  const environments: WorkspaceEnvironment[] = [];
  const folders: string[] = [];
  let seen = 0;
  let stopped = false;
  /** Counts an entry; false once the workspace holds more than the limit (reported once). */
  const count = () => {
    if (stopped) return false;
    if (++seen <= WORKSPACE_LIMITS.files) return true;
    stopped = true;
    problems.push(workspaceProblem('.', problemOf('workspaceTooManyFiles', { max: WORKSPACE_LIMITS.files })));
    return false;
  };

  const read = (relative: string) => readBounded(realRoot, relative);
  const parse = async <T>(relative: string, kind: 'request' | 'environment', inline: (text: string) => Parsed<T>) => {
    const text = await read(relative);
    if (typeof text !== 'string') return text;
    if (options.parseLarge && text.length >= LARGE_FILE) {
      return (await options.parseLarge(text, relative, kind)) as Parsed<T>;
    }
    return inline(text);
  };

  let name = path.basename(root);
  const marker = await read(WORKSPACE_FILE);
  if (typeof marker === 'string') {
    const parsed = parseWorkspaceFile(marker, WORKSPACE_FILE, 'workspace');
    if (parsed.ok) name = parsed.value.name ?? name;
    else problems.push(parsed.problem);
  } else if (marker.problem.reason === 'workspaceFileUnreadable' && marker.problem.params.cause === 'ENOENT') {
    problems.push(workspaceProblem(WORKSPACE_FILE, problemOf('workspaceNotMarked', { dir: root })));
  } else problems.push(marker.problem);

  const addRequest = async (relative: string) => {
    const parsed = await parse(relative, 'request', (text) => parseRequestFile(text, relative));
    if (parsed.ok) requests.push(parsed.value);
    else problems.push(parsed.problem);
  };

  for (const entry of await listDir(realRoot, '')) {
    if (!count()) break;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory() && entry.name === ENVIRONMENTS_DIR) {
      for (const file of await listDir(realRoot, ENVIRONMENTS_DIR)) {
        if (!count()) break;
        if (!file.name.endsWith('.yaml') || file.name.startsWith('.')) continue;
        const relative = `${ENVIRONMENTS_DIR}/${file.name}`;
        const envName = file.name.slice(0, -'.yaml'.length);
        if (!ENVIRONMENT_NAME.test(envName)) {
          problems.push(workspaceProblem(relative, problemOf('workspaceEnvironmentName', { name: envName })));
          continue;
        }
        const parsed = await parse(relative, 'environment', (text) =>
          parseWorkspaceFile(text, relative, 'environment'),
        );
        if (parsed.ok) environments.push({ name: envName, variables: parsed.value.variables });
        else problems.push(parsed.problem);
      }
    } else if (entry.isDirectory()) {
      folders.push(entry.name);
      for (const file of await listDir(realRoot, entry.name)) {
        if (!count()) break;
        if (file.name.endsWith(REQUEST_SUFFIX) && !file.name.startsWith('.')) {
          await addRequest(`${entry.name}/${file.name}`);
        }
      }
    } else if (entry.name.endsWith(REQUEST_SUFFIX)) {
      await addRequest(entry.name);
    } else if (entry.isSymbolicLink() && (await linkedDir(realRoot, entry.name))) {
      problems.push(workspaceProblem(entry.name, problemOf('workspaceLinkOutside', {})));
    }
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  requests.sort(byPath);
  problems.sort(byPath);
  environments.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  folders.sort();
  return { dir: root, name, requests, environments, folders, problems };
}

/** The folder at or above `fromDir` holding stream-composer.yaml, or null. */
export async function findWorkspace(fromDir: string): Promise<string | null> {
  let dir = path.resolve(fromDir);
  for (;;) {
    const marker = await stat(path.join(dir, WORKSPACE_FILE)).catch(() => null);
    if (marker?.isFile()) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A directory's entries, sorted; none when it cannot be listed (a missing environments/ is normal). */
async function listDir(root: string, relative: string) {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Whether a link at the root points at a directory (then it is reported, never walked). */
async function linkedDir(root: string, relative: string): Promise<boolean> {
  const target = await stat(path.join(root, relative)).catch(() => null);
  return target?.isDirectory() ?? false;
}

/**
 * A file's text, or the problem that kept it from being read: a link leading out of the
 * workspace, not a regular file, larger than the limit (checked before a byte is read), unreadable.
 */
async function readBounded(root: string, relative: string): Promise<string | { ok: false; problem: WorkspaceProblem }> {
  const full = path.join(root, relative);
  const refuse = (problem: Parameters<typeof workspaceProblem>[1]) => ({
    ok: false as const,
    problem: workspaceProblem(relative, problem),
  });
  try {
    const link = await lstat(full);
    if (link.isSymbolicLink()) {
      const real = await realpath(full);
      if (real !== root && !real.startsWith(root + path.sep)) return refuse(problemOf('workspaceLinkOutside', {}));
    }
    // Checked before it is opened, and opened without blocking: a named pipe cannot hang the load.
    if (!(await stat(full)).isFile()) return refuse(problemOf('workspaceNotAFile', {}));
    const handle = await open(full, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return refuse(problemOf('workspaceNotAFile', {}));
      if (info.size > WORKSPACE_LIMITS.fileBytes) {
        return refuse(
          problemOf('workspaceFileTooLarge', {
            size: formatBytes(info.size),
            max: formatBytes(WORKSPACE_LIMITS.fileBytes),
          }),
        );
      }
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return refuse(problemOf('workspaceFileUnreadable', { cause: code }));
  }
}
