// Opens the profile file through conf. A file that is not JSON or fails the schema is moved aside
// and a fresh one started, with a notice for the user: never a crash, never a silent wipe. A file
// that cannot be used at all (a folder in its place, unreadable, the disk full) is left as it is:
// profiles and settings are then kept in memory for the session, and a notice says so.
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { Notice } from '../contract';
import { emptyProfilesFile, profilesFileSchema, type ProfilesFile } from './schema';

/** What the profile store reads and writes: the conf file, or memory when the file cannot be used. */
export interface ProfileFile {
  read(): ProfilesFile;
  /** Throws what the disk answered when the file could not be written; nothing changed then. */
  write(patch: Partial<ProfilesFile>): void;
}

const FILE_NAME = 'profiles';
export const PROFILES_FILE = `${FILE_NAME}.json`;

export function openProfileFile(dataDir: string): { file: ProfileFile; notices: Notice[] } {
  const file = path.join(dataDir, PROFILES_FILE);
  try {
    return openOrMoveAside(dataDir);
  } catch (error) {
    return { file: memoryProfileFile(emptyProfilesFile()), notices: [profilesUnusable(file, error)] };
  }
}

/** Profiles and settings for this session only. */
export function memoryProfileFile(initial: ProfilesFile): ProfileFile {
  let data = structuredClone(initial);
  return {
    read: () => data,
    write(patch) {
      data = { ...data, ...structuredClone(patch) };
    },
  };
}

export function profilesUnusable(file: string, error: unknown): Notice {
  const reason = reasonOf(error);
  return {
    code: 'PROFILES_UNUSABLE',
    message: `The profiles file cannot be used (${reason}). Profiles and settings are kept in memory until the app closes; move or repair the file, then restart the app.`,
    path: file,
    reason,
  };
}

/** The system's error code (EISDIR, ELOOP, EACCES, ENOSPC, ...), or the message when there is none. */
export function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function openOrMoveAside(dataDir: string): { file: ProfileFile; notices: Notice[] } {
  // clearInvalidConfig false: conf must throw on a bad file rather than wipe it, so it can be moved aside.
  const openConf = () =>
    new Conf<ProfilesFile>({
      configName: FILE_NAME,
      cwd: dataDir,
      schema: profilesFileSchema,
      defaults: emptyProfilesFile(),
      clearInvalidConfig: false,
    });
  try {
    return { file: confFile(openConf()), notices: [] };
  } catch (error) {
    const problem = corruptionOf(error);
    if (!problem) throw error;
    const aside = moveAside(path.join(dataDir, PROFILES_FILE));
    const notice: Notice = {
      code: 'STORE_MOVED_ASIDE',
      message: `The profiles file could not be read (${problem}). It was moved aside to ${aside} and the app started with a fresh profile list.`,
      path: aside,
    };
    return { file: confFile(openConf()), notices: [notice] };
  }
}

function confFile(conf: Conf<ProfilesFile>): ProfileFile {
  return { read: () => conf.store, write: (patch) => conf.set(patch) };
}

// conf reports these two on open; other errors (permissions, disk) are not about the contents and
// are not hidden by moving the file. Its messages are not repeated: they may quote the file.
function corruptionOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'SyntaxError') return 'it is not valid JSON';
  if (error.message.startsWith('Config schema violation:')) return 'its contents do not have the expected structure';
  return undefined;
}

export function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(path.dirname(file), `${path.basename(file, '.json')}.corrupt-${stamp}`);
  let target = `${base}.json`;
  for (let n = 2; fs.existsSync(target); n++) target = `${base}-${n}.json`;
  fs.renameSync(file, target);
  return target;
}
