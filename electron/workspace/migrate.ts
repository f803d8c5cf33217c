// Once, at the first start of a version with workspaces: saved-requests.json becomes files of the
// default workspace, every folder and request of it. The plan (which file each request gets) depends
// only on the old file, so a migration cut short is simply run again and writes the same files; the
// old file is renamed to saved-requests.json.migrated only once every file is written, never
// deleted. A file that cannot be read or parsed is left alone, with a notice, and tried again at the
// next start.
import { mkdir, readFile, rename, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../contract';
import { englishOf } from '../messages';
import { SAVED_FILE_NAME } from '../saved/file';
import { describeIssue, describeJsonError, savedFileSchema, type SavedFile } from '../saved/schema';
import { WORKSPACE_FILE, requestFileText, workspaceFileText } from './format';
import { folderDirName, requestStem, uniqueFolder, uniqueRequestFile } from './names';
import { writeFileAtomic } from './write';

export async function migrateSavedFile(opts: {
  dataDir: string;
  workspaceDir: string;
  profileName?: (id: string) => string | undefined;
}): Promise<Notice[]> {
  const file = path.join(opts.dataDir, SAVED_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return code === 'ENOENT' ? [] : [notMigrated(file, code)];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [notMigrated(file, describeJsonError(text, error))];
  }
  const parsed = savedFileSchema.safeParse(value);
  if (!parsed.success) return [notMigrated(file, describeIssue(parsed.error, value))];
  try {
    await writePlan(planOf(parsed.data, opts.profileName), opts.workspaceDir);
    await rename(file, await freeName(`${file}.migrated`));
    return [];
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? String(error);
    return [notMigrated(file, englishOf({ reason: 'workspaceMigrationFailed', params: { cause } }))];
  }
}

interface Planned {
  relative: string;
  text: string;
  updatedAt: string;
}

function planOf(data: SavedFile, profileName?: (id: string) => string | undefined) {
  const folderDirs = new Map<string, string>();
  for (const folder of data.folders) {
    folderDirs.set(folder.id, uniqueFolder(folderDirName(folder.name), folderDirs.values()));
  }
  const taken = new Map<string, string[]>();
  const files: Planned[] = data.requests.map((r) => {
    const folder = r.folderId === null ? null : (folderDirs.get(r.folderId) ?? null);
    const names = taken.get(folder ?? '') ?? [];
    const name = uniqueRequestFile(requestStem(r.name), names);
    taken.set(folder ?? '', [...names, name]);
    // The connection under its name of today: it may have been renamed since the request was saved.
    const connection = r.profile ? ((r.profile.id && profileName?.(r.profile.id)) ?? r.profile.name) : undefined;
    return {
      relative: folder ? `${folder}/${name}` : name,
      text: requestFileText({
        kind: 'stream-composer/request',
        version: 1,
        name: r.name,
        ...(connection ? { connection } : {}),
        request: r.request,
        ...(r.assertions?.length ? { assertions: r.assertions } : {}),
      }),
      updatedAt: r.updatedAt,
    };
  });
  return { folders: [...folderDirs.values()], files };
}

async function writePlan(plan: { folders: string[]; files: Planned[] }, dir: string) {
  await mkdir(dir, { recursive: true });
  const marker = path.join(dir, WORKSPACE_FILE);
  if (!(await stat(marker).catch(() => null))) {
    await writeFileAtomic(marker, workspaceFileText({ kind: 'stream-composer/workspace', version: 1 }));
  }
  for (const folder of plan.folders) await mkdir(path.join(dir, folder), { recursive: true });
  for (const file of plan.files) {
    const full = path.join(dir, file.relative);
    await writeFileAtomic(full, file.text);
    // The file's time is what the app shows as "updated": the request keeps the one it had.
    const time = new Date(file.updatedAt);
    await utimes(full, time, time);
  }
}

/** `name`, or `name-2`, `name-3`… when a file of that name exists: an earlier .migrated is never replaced. */
async function freeName(name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    if (!(await stat(candidate).catch(() => null))) return candidate;
  }
}

function notMigrated(file: string, reason: string): Notice {
  return {
    code: 'SAVED_NOT_MIGRATED',
    message: `The saved requests file could not be moved into the workspace (${reason}). It was left as it is; repair it, and the app moves it at the next start.`,
    path: file,
    reason,
  };
}
