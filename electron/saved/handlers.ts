// The saved-requests operations of the handler table (spread into electron/handlers.ts). A saved
// request keeps its profile by id and name only: the profile's settings and keys stay in the
// profile store, and the request runs here with the profile of the same id, else the same name.
import type { Implementations, ProfileView, SavedList } from '../contract';
import { profileOrThrow } from '../profiles/lookup';
import { readdir } from 'node:fs/promises';
import { ServiceError, type ProfileStore } from '../services';
import { isWorkspaceDir } from './store';
import type { SavedFile } from './schema';
import type { SavedStore } from './store';
import { exportOf, mergeImport, readExportFile, writeExportFile } from './transfer';

type SavedOp =
  | 'listSaved'
  | 'saveRequest'
  | 'updateSaved'
  | 'deleteSaved'
  | 'createFolder'
  | 'renameFolder'
  | 'deleteFolder'
  | 'exportSaved'
  | 'importSaved'
  | 'getWorkspace'
  | 'openWorkspace'
  | 'newWorkspace';

export interface SavedDeps {
  saved: SavedStore;
  profiles: ProfileStore;
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  chooseOpenPath: () => Promise<string | null>;
  /** Asks for a folder (Electron: the open dialog for folders); null when the user cancels. */
  chooseFolder: () => Promise<string | null>;
}

export function savedHandlers({
  saved,
  profiles,
  chooseSavePath,
  chooseOpenPath,
  chooseFolder,
}: SavedDeps): Implementations<SavedOp> {
  const list = (): SavedList => viewOf(saved.snapshot(), profiles.list().profiles);
  /** Uses `dir` from now on, here and at the next start. */
  const use = async (dir: string, mark: boolean) => {
    await saved.open(dir, { mark });
    profiles.setWorkspaceDir(saved.dir());
    return saved.workspace();
  };
  return {
    listSaved: () => list(),
    saveRequest: async ({ profileId, ...input }) => {
      const profile = profileOrThrow(profiles, profileId);
      const stored = await saved.save({ ...input, profile: { id: profile.id, name: profile.name } });
      const current = list();
      return { saved: current.requests.find((r) => r.id === stored.id)!, list: current };
    },
    updateSaved: async ({ id, ...patch }) => {
      const moved = await saved.update(id, patch);
      return { moved, list: list() };
    },
    deleteSaved: async ({ id }) => {
      await saved.delete(id);
      return list();
    },
    createFolder: async ({ name }) => ({ folder: await saved.createFolder(name), list: list() }),
    renameFolder: async ({ id, name }) => ({ moved: await saved.renameFolder(id, name), list: list() }),
    deleteFolder: async ({ id }) => ({ moved: await saved.deleteFolder(id), list: list() }),
    exportSaved: async ({ ids }) => {
      const contents = exportOf(saved.snapshot(), ids);
      const file = await chooseSavePath('saved-requests.json');
      if (!file) return { path: null, count: 0 };
      await writeExportFile(file, contents);
      return { path: file, count: contents.requests.length };
    },
    importSaved: async () => {
      const file = await chooseOpenPath();
      if (!file) return { path: null, imported: 0, renamed: 0, list: list() };
      const incoming = await readExportFile(file);
      const { requests, renamed } = await saved.add((current) => mergeImport(current, incoming));
      return { path: file, imported: requests.length, renamed, list: list() };
    },
    getWorkspace: () => saved.workspace(),
    openWorkspace: async ({ path, makeWorkspace }) => {
      const dir = path ?? (await chooseFolder());
      if (!dir) return { workspace: null, unmarked: null, list: list() };
      if (!makeWorkspace && !(await isWorkspaceDir(dir))) return { workspace: null, unmarked: dir, list: list() };
      return { workspace: await use(dir, makeWorkspace ?? false), unmarked: null, list: list() };
    },
    newWorkspace: async () => {
      const dir = await chooseFolder();
      if (!dir) return { workspace: null, list: list() };
      const entries = await readdir(dir).catch(() => []);
      if (entries.length > 0) throw new ServiceError('workspaceNotEmpty', { dir }, { field: 'path' });
      return { workspace: await use(dir, true), list: list() };
    },
  };
}

function viewOf(data: SavedFile, here: ProfileView[]): SavedList {
  return {
    folders: data.folders,
    requests: data.requests.map(({ id, name, folderId, profile, request, assertions, updatedAt }) => ({
      id,
      name,
      folderId,
      ...(profile ? { profile } : {}),
      profileId: profile
        ? ((here.find((p) => p.id === profile.id) ?? here.find((p) => p.name === profile.name))?.id ?? null)
        : null,
      request,
      ...(assertions ? { assertions } : {}),
      updatedAt,
    })),
  };
}
