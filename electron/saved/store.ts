// The saved requests, kept as a workspace folder of plain files (electron/workspace/): one
// `*.request.yaml` per request, folders as directories. The operations are the ones the app had
// with one JSON file; a request's id is now its path, a folder's id its directory name. Changes run
// one at a time, each written atomically, then the folder is read again, so what the app shows is
// what is on disk. An edit made outside the app (a `git pull`) is picked up by the watcher and
// announced through `onChange`; the app's own writes are already read back and announce nothing.
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  Assertion,
  MovedIds,
  Notice,
  SavedFolder,
  SavedRequest,
  SavedRequestBody,
  WorkspaceView,
} from '../contract';
import { ServiceError } from '../services';
import { problemOf } from '../shared/reasons';
import { runTask, type Budget } from '../workers/run-task';
import { WORKSPACE_FILE, requestFileText, workspaceFileText, workspaceProblem } from '../workspace/format';
import { loadWorkspace, type LoadedWorkspace, type WorkspaceEnvironment } from '../workspace/load';
import { migrateSavedFile } from '../workspace/migrate';
import { folderDirName, requestStem, uniqueFolder, uniqueRequestFile } from '../workspace/names';
import { watchWorkspace, type WorkspaceWatcher } from '../workspace/watch';
import { writeFileAtomic } from '../workspace/write';
import type { SavedFile } from './schema';

export interface SaveInput {
  id?: string;
  name: string;
  folderId: string | null;
  profile?: { id?: string; name: string };
  request: SavedRequestBody;
  assertions?: Assertion[];
}

export interface SavedStore {
  snapshot(): SavedFile;
  save(input: SaveInput): Promise<SavedRequest>;
  /** Renames or moves a request; answers its new id when the move changed it. */
  update(id: string, patch: { name?: string; folderId?: string | null }): Promise<MovedIds>;
  delete(id: string): Promise<void>;
  createFolder(name: string): Promise<SavedFolder>;
  /** Answers the new ids of the requests in it (their paths name the folder). */
  renameFolder(id: string, name: string): Promise<MovedIds>;
  /** Moves the folder's requests to the root; answers their new ids. */
  deleteFolder(id: string): Promise<MovedIds>;
  /** Adds what `plan` makes of the data as it is at its turn, e.g. an import merged in. */
  add<T extends { folders: SavedFolder[]; requests: SavedRequest[] }>(plan: (current: SavedFile) => T): Promise<T>;
  notices(): Notice[];
  /** The workspace folder now in use (absolute). */
  dir(): string;
  workspace(): WorkspaceView;
  environments(): WorkspaceEnvironment[];
  /** Uses another folder, one marked with stream-composer.yaml (`mark` writes it first). */
  open(dir: string, options?: { mark?: boolean }): Promise<void>;
  /** Reads the folder again; answers whether what it holds changed. */
  reload(): Promise<boolean>;
  /** Stops watching the folder. */
  close(): Promise<void>;
}

export interface SavedStoreOptions {
  dataDir: string;
  /** The folder chosen last (the app's settings); null: <dataDir>/workspace. */
  workspaceDir?: string | null;
  /** A connection's current name by id, for the migration of saved-requests.json. */
  profileName?: (id: string) => string | undefined;
  /** Told after an edit outside the app changed the workspace. */
  onChange?: () => void;
  /** Debounce of the watcher, in ms. */
  watchDelayMs?: number;
}

export const defaultWorkspaceDir = (dataDir: string) => path.join(dataDir, 'workspace');

export async function openSavedStore(opts: SavedStoreOptions): Promise<SavedStore> {
  const notices: Notice[] = [];
  const fallback = defaultWorkspaceDir(opts.dataDir);
  notices.push(
    ...(await migrateSavedFile({ dataDir: opts.dataDir, workspaceDir: fallback, profileName: opts.profileName })),
  );

  let dir = opts.workspaceDir ?? fallback;
  if (dir !== fallback && !(await isWorkspaceDir(dir))) {
    notices.push({
      code: 'WORKSPACE_MISSING',
      message: `The workspace folder ${dir} cannot be opened (it is gone or has no ${WORKSPACE_FILE}); the default workspace is used.`,
      path: dir,
    });
    dir = fallback;
  }
  let loaded: LoadedWorkspace = emptyWorkspace(dir);
  let mtimes = new Map<string, string>();
  let signature = '';
  let writable = true;
  let watcher: WorkspaceWatcher | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<boolean> => {
    const next = await loadWorkspace(dir, { parseLarge });
    const times = new Map<string, string>();
    await Promise.all(
      next.requests.map(async (r) => {
        const info = await stat(path.join(dir, r.path)).catch(() => null);
        times.set(r.path, new Date(info?.mtimeMs ?? 0).toISOString());
      }),
    );
    const nextSignature = JSON.stringify([next.name, next.requests, next.folders, next.environments, next.problems]);
    const changed = nextSignature !== signature;
    loaded = next;
    mtimes = times;
    signature = nextSignature;
    return changed;
  };

  /**
   * Runs `fn` when its turn comes, then reads the folder back; a failed write becomes savedNotWritten.
   * A folder that could not be used takes no change, but another folder may still be opened
   * (`anyFolder`): that is the way out of it.
   */
  const change = <T>(fn: () => Promise<T>, { anyFolder = false } = {}): Promise<T> => {
    const run = queue.then(async () => {
      if (!writable && !anyFolder) throw new ServiceError('workspaceUnusable', {}, { hint: 'repairWorkspace' });
      try {
        return await fn();
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        const e = error as NodeJS.ErrnoException;
        throw new ServiceError('savedNotWritten', { cause: e.code ?? e.message }, { hint: 'dataFolderWritable' });
      } finally {
        await read().catch(() => {});
      }
    });
    queue = run.catch(() => {});
    return run;
  };

  const start = async () => {
    try {
      if (dir === fallback) await ensureMarked(dir);
      await read();
      writable = true;
    } catch (error) {
      writable = false;
      loaded = emptyWorkspace(dir);
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      notices.push({
        code: 'WORKSPACE_UNUSABLE',
        message: `The workspace folder ${dir} cannot be used (${reason}). No saved requests are shown and none can be saved; check the folder and restart the app, or open another workspace.`,
        path: dir,
        reason,
      });
    }
    watcher = writable
      ? watchWorkspace(dir, {
          delayMs: opts.watchDelayMs,
          onChange: () => {
            queue = queue.then(async () => {
              if (await read().catch(() => false)) opts.onChange?.();
            });
          },
        })
      : null;
    await watcher?.ready;
  };
  await start();

  const requestOf = (id: string) => {
    const found = loaded.requests.find((r) => r.path === id);
    if (!found) throw new ServiceError('savedNotFound', { id }, { hint: 'savedListReloaded' });
    return found;
  };
  const folderOf = (id: string | null, field = 'folderId') => {
    if (id === null) return null;
    if (!loaded.folders.includes(id))
      throw new ServiceError('folderNotFound', { id }, { hint: 'pickOtherFolder', field });
    return id;
  };
  const checkFolderName = (name: string, except?: string) => {
    const wanted = folderDirName(name).toLowerCase();
    const taken = loaded.folders.some(
      (f) => f !== except && (f.toLowerCase() === wanted || f.toLowerCase() === name.toLowerCase()),
    );
    if (taken) throw new ServiceError('folderNameTaken', { name }, { hint: 'pickOtherName', field: 'name' });
  };
  /** A free file name for `name` in `folder`, checked against the disk too (files the load skipped). */
  const freshPath = async (folder: string | null, name: string, except?: string) => {
    const onDisk = await readdir(path.join(dir, folder ?? '')).catch(() => [] as string[]);
    const file = uniqueRequestFile(
      requestStem(name),
      onDisk.filter((f) => (folder ? `${folder}/${f}` : f) !== except),
    );
    return folder ? `${folder}/${file}` : file;
  };
  const writeRequest = (relative: string, doc: Omit<SaveInput, 'id' | 'folderId'>) =>
    writeFileAtomic(
      path.join(dir, relative),
      requestFileText({
        kind: 'stream-composer/request',
        version: 1,
        name: doc.name,
        ...(doc.profile ? { connection: doc.profile.name } : {}),
        request: doc.request,
        ...(doc.assertions?.length ? { assertions: doc.assertions } : {}),
      }),
    );
  /** Writes a request at `folder`, in place when it stays in its folder, else under a fresh name. */
  const place = async (
    existing: string | undefined,
    folder: string | null,
    doc: Omit<SaveInput, 'id' | 'folderId'>,
  ) => {
    const stays = existing !== undefined && folderOfPath(existing) === folder;
    const target = stays ? existing : await freshPath(folder, doc.name);
    await writeRequest(target, doc);
    if (existing !== undefined && !stays) await rm(path.join(dir, existing), { force: true });
    return target;
  };
  const asSaved = (relative: string): SavedRequest => {
    const saved = snapshot().requests.find((r) => r.id === relative);
    if (!saved) throw new ServiceError('savedNotFound', { id: relative }, { hint: 'savedListReloaded' });
    return saved;
  };
  const docOf = (id: string) => {
    const r = requestOf(id);
    return {
      name: r.name,
      ...(r.connection ? { profile: { name: r.connection } } : {}),
      request: r.request,
      assertions: r.assertions,
    };
  };

  const snapshot = (): SavedFile => ({
    version: 1,
    folders: loaded.folders.map((f) => ({ id: f, name: f })),
    requests: loaded.requests.map((r) => {
      const time = mtimes.get(r.path) ?? new Date(0).toISOString();
      return {
        id: r.path,
        name: r.name,
        folderId: r.folder,
        ...(r.connection ? { profile: { name: r.connection } } : {}),
        request: r.request,
        ...(r.assertions.length ? { assertions: r.assertions } : {}),
        createdAt: time,
        updatedAt: time,
      };
    }),
  });

  return {
    snapshot,
    save: (input) =>
      change(async () => {
        folderOf(input.folderId);
        if (input.id !== undefined) requestOf(input.id);
        const { id, folderId, ...doc } = input;
        return asSavedAfterRead(await place(id, folderId, doc));
      }),
    update: (id, patch) =>
      change(async () => {
        const doc = docOf(id);
        const folder = patch.folderId !== undefined ? folderOf(patch.folderId) : folderOfPath(id);
        const placed = await place(id, folder, { ...doc, ...(patch.name !== undefined ? { name: patch.name } : {}) });
        return placed === id ? {} : { [id]: placed };
      }),
    delete: (id) =>
      change(async () => {
        requestOf(id);
        await rm(path.join(dir, id));
      }),
    createFolder: (name) =>
      change(async () => {
        checkFolderName(name);
        const folder = folderDirName(name);
        await mkdir(path.join(dir, folder));
        return { id: folder, name: folder };
      }),
    renameFolder: (id, name) =>
      change(async () => {
        folderOf(id, 'id');
        checkFolderName(name, id);
        const renamed = folderDirName(name);
        await rename(path.join(dir, id), path.join(dir, renamed));
        const inside = loaded.requests.filter((r) => r.folder === id);
        return Object.fromEntries(inside.map((r) => [r.path, `${renamed}${r.path.slice(id.length)}`]));
      }),
    deleteFolder: (id) =>
      change(async () => {
        folderOf(id, 'id');
        const inside = loaded.requests.filter((r) => r.folder === id);
        const moved: MovedIds = {};
        for (const r of inside) moved[r.path] = await place(r.path, null, docOf(r.path));
        // Files that are not requests stay where they are, and with them the folder.
        await rmdir(path.join(dir, id)).catch(() => {});
        return moved;
      }),
    add: (plan) =>
      change(async () => {
        const added = plan(snapshot());
        const dirs = new Map<string, string>(loaded.folders.map((f) => [f, f]));
        const taken = [...loaded.folders];
        for (const folder of added.folders) {
          const name = uniqueFolder(folderDirName(folder.name), taken);
          await mkdir(path.join(dir, name), { recursive: true });
          taken.push(name);
          dirs.set(folder.id, name);
        }
        for (const r of added.requests) {
          const folder = r.folderId === null ? null : (dirs.get(r.folderId) ?? null);
          await writeRequest(await freshPath(folder, r.name), r);
        }
        return added;
      }),
    notices: () => [...notices],
    dir: () => dir,
    workspace: () => ({ path: dir, name: loaded.name, problems: loaded.problems }),
    environments: () => loaded.environments,
    open: (next, options = {}) =>
      change(
        async () => {
          const resolved = path.resolve(next);
          if (options.mark) {
            await ensureMarked(resolved).catch((error: NodeJS.ErrnoException) => {
              throw new ServiceError('workspaceNotWritten', { cause: error.code ?? error.message });
            });
          } else if (!(await isWorkspaceDir(resolved))) {
            throw new ServiceError('workspaceNotMarked', { dir: resolved });
          }
          await watcher?.close();
          dir = resolved;
          signature = '';
          await start();
        },
        { anyFolder: true },
      ),
    reload: () => {
      const run = queue.then(read);
      queue = run.catch(() => {});
      return run;
    },
    close: async () => {
      await watcher?.close();
      watcher = null;
    },
  };

  function asSavedAfterRead(relative: string): Promise<SavedRequest> {
    return read().then(() => asSaved(relative));
  }
}

/** A large file is parsed in a worker, so main keeps answering; past the budget it is a problem like any other. */
const PARSE_BUDGET: Budget = {
  timeoutMs: 20_000,
  heapMb: 512,
  over: { time: 'savedFileOverTime', memory: 'savedFileOverMemory' },
  hint: 'repairWorkspace',
};

async function parseLarge(text: string, relative: string, kind: 'request' | 'environment') {
  try {
    return await runTask('parseWorkspaceFile', { text, path: relative, kind }, PARSE_BUDGET);
  } catch (error) {
    // Past its time or memory budget: the worker's message says which.
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false as const, problem: workspaceProblem(relative, problemOf('workspaceFileUnreadable', { cause })) };
  }
}

const folderOfPath = (relative: string) => {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? null : relative.slice(0, slash);
};

const emptyWorkspace = (dir: string): LoadedWorkspace => ({
  dir,
  name: path.basename(dir),
  requests: [],
  environments: [],
  folders: [],
  problems: [],
});

export async function isWorkspaceDir(dir: string): Promise<boolean> {
  return (await stat(path.join(dir, WORKSPACE_FILE)).catch(() => null))?.isFile() ?? false;
}

/** Creates the folder and its stream-composer.yaml when missing. */
export async function ensureMarked(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (!(await isWorkspaceDir(dir))) {
    await writeFileAtomic(
      path.join(dir, WORKSPACE_FILE),
      workspaceFileText({ kind: 'stream-composer/workspace', version: 1 }),
    );
  }
}
