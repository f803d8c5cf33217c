// The saved requests: folders (one level) and requests, kept in memory and written whole to
// saved-requests.json after every change. Changes run one at a time; memory changes only once the
// file has been written, so a failed write leaves both as they were and the caller gets the error.
import type { Assertion, Notice, SavedFolder, SavedRequest, SavedRequestBody } from '../contract';
import { ServiceError } from '../services';
import { readSavedFile, writeSavedFile } from './file';
import type { SavedFile } from './schema';

export interface SaveInput {
  id?: string;
  name: string;
  folderId: string | null;
  profile: { id: string; name: string };
  request: SavedRequestBody;
  assertions?: Assertion[];
}

export interface SavedStore {
  snapshot(): SavedFile;
  save(input: SaveInput): Promise<SavedRequest>;
  update(id: string, patch: { name?: string; folderId?: string | null }): Promise<void>;
  delete(id: string): Promise<void>;
  createFolder(name: string): Promise<SavedFolder>;
  renameFolder(id: string, name: string): Promise<void>;
  /** Moves the folder's requests to the root; answers how many moved. */
  deleteFolder(id: string): Promise<number>;
  /** Adds what `plan` makes of the data as it is at its turn (one write), e.g. an import merged in. */
  add<T extends { folders: SavedFolder[]; requests: SavedRequest[] }>(plan: (current: SavedFile) => T): Promise<T>;
  notices(): Notice[];
}

export async function openSavedStore({ dataDir }: { dataDir: string }): Promise<SavedStore> {
  const opened = await readSavedFile(dataDir);
  let data = opened.data;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `change` on the data as it is when its turn comes, writes the result, then adopts it. */
  const change = <T>(fn: (current: SavedFile) => { next: SavedFile; answer: T }): Promise<T> => {
    const run = queue.then(async () => {
      if (!opened.writable) {
        throw new ServiceError('savedFileUnreadable', {}, { hint: 'repairSavedFile' });
      }
      const { next, answer } = fn(data);
      await writeSavedFile(dataDir, next).catch((error: NodeJS.ErrnoException) => {
        throw new ServiceError(
          'savedNotWritten',
          { cause: error.code ?? error.message },
          { hint: 'dataFolderWritable' },
        );
      });
      data = next;
      return answer;
    });
    queue = run.catch(() => {});
    return run;
  };

  const requestOf = (current: SavedFile, id: string) => {
    const found = current.requests.find((r) => r.id === id);
    if (!found) throw new ServiceError('savedNotFound', { id }, { hint: 'savedListReloaded' });
    return found;
  };
  const folderOf = (current: SavedFile, id: string | null, field = 'folderId') => {
    if (id === null) return null;
    const found = current.folders.find((f) => f.id === id);
    if (!found) throw new ServiceError('folderNotFound', { id }, { hint: 'pickOtherFolder', field });
    return found;
  };
  const checkFolderName = (current: SavedFile, name: string, except?: string) => {
    const taken = current.folders.some(
      (f) => f.id !== except && f.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
    );
    if (taken) throw new ServiceError('folderNameTaken', { name }, { hint: 'pickOtherName', field: 'name' });
  };

  return {
    snapshot: () => data,
    save: (input) =>
      change((current) => {
        folderOf(current, input.folderId);
        const now = new Date().toISOString();
        const existing = input.id ? requestOf(current, input.id) : undefined;
        const saved: SavedRequest = {
          id: existing?.id ?? crypto.randomUUID(),
          name: input.name,
          folderId: input.folderId,
          profile: input.profile,
          request: input.request,
          ...(input.assertions?.length ? { assertions: input.assertions } : {}),
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        const requests = existing
          ? current.requests.map((r) => (r.id === saved.id ? saved : r))
          : [...current.requests, saved];
        return { next: { ...current, requests }, answer: saved };
      }),
    update: (id, patch) =>
      change((current) => {
        const existing = requestOf(current, id);
        if (patch.folderId !== undefined) folderOf(current, patch.folderId);
        const updated: SavedRequest = {
          ...existing,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.folderId !== undefined ? { folderId: patch.folderId } : {}),
          updatedAt: new Date().toISOString(),
        };
        return {
          next: { ...current, requests: current.requests.map((r) => (r.id === id ? updated : r)) },
          answer: undefined,
        };
      }),
    delete: (id) =>
      change((current) => {
        requestOf(current, id);
        return { next: { ...current, requests: current.requests.filter((r) => r.id !== id) }, answer: undefined };
      }),
    createFolder: (name) =>
      change((current) => {
        checkFolderName(current, name);
        const folder = { id: crypto.randomUUID(), name };
        return { next: { ...current, folders: [...current.folders, folder] }, answer: folder };
      }),
    renameFolder: (id, name) =>
      change((current) => {
        folderOf(current, id, 'id');
        checkFolderName(current, name, id);
        return {
          next: { ...current, folders: current.folders.map((f) => (f.id === id ? { id, name } : f)) },
          answer: undefined,
        };
      }),
    deleteFolder: (id) =>
      change((current) => {
        folderOf(current, id, 'id');
        const moved = current.requests.filter((r) => r.folderId === id).length;
        const requests = current.requests.map((r) => (r.folderId === id ? { ...r, folderId: null } : r));
        return { next: { ...current, folders: current.folders.filter((f) => f.id !== id), requests }, answer: moved };
      }),
    add: (plan) =>
      change((current) => {
        const added = plan(current);
        return {
          next: {
            ...current,
            folders: [...current.folders, ...added.folders],
            requests: [...current.requests, ...added.requests],
          },
          answer: added,
        };
      }),
    notices: () => [...opened.notices],
  };
}
