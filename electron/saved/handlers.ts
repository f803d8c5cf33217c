// The saved-requests operations of the handler table (spread into electron/handlers.ts). A saved
// request keeps its profile by id and name only: the profile's settings and keys stay in the
// profile store, and the request runs here with the profile of the same id, else the same name.
import type { Implementations, ProfileView, SavedList } from '../contract';
import { profileOrThrow } from '../profiles/lookup';
import type { ProfileStore } from '../services';
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
  | 'importSaved';

export interface SavedDeps {
  saved: SavedStore;
  profiles: ProfileStore;
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  chooseOpenPath: () => Promise<string | null>;
}

export function savedHandlers({
  saved,
  profiles,
  chooseSavePath,
  chooseOpenPath,
}: SavedDeps): Implementations<SavedOp> {
  const list = (): SavedList => viewOf(saved.snapshot(), profiles.list().profiles);
  return {
    listSaved: () => list(),
    saveRequest: async ({ profileId, ...input }) => {
      const profile = profileOrThrow(profiles, profileId);
      const stored = await saved.save({ ...input, profile: { id: profile.id, name: profile.name } });
      const current = list();
      return { saved: current.requests.find((r) => r.id === stored.id)!, list: current };
    },
    updateSaved: async ({ id, ...patch }) => {
      await saved.update(id, patch);
      return list();
    },
    deleteSaved: async ({ id }) => {
      await saved.delete(id);
      return list();
    },
    createFolder: async ({ name }) => ({ folder: await saved.createFolder(name), list: list() }),
    renameFolder: async ({ id, name }) => {
      await saved.renameFolder(id, name);
      return list();
    },
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
  };
}

function viewOf(data: SavedFile, here: ProfileView[]): SavedList {
  return {
    folders: data.folders,
    requests: data.requests.map(({ id, name, folderId, profile, request, assertions, updatedAt }) => ({
      id,
      name,
      folderId,
      profile,
      profileId: (here.find((p) => p.id === profile.id) ?? here.find((p) => p.name === profile.name))?.id ?? null,
      request,
      ...(assertions ? { assertions } : {}),
      updatedAt,
    })),
  };
}
