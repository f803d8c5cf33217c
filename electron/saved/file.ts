// Reading and writing saved-requests.json. A write goes to a temp file beside it, is fsynced, then
// renamed over it: a failed or interrupted write leaves the old file whole. A file that is not JSON
// or fails the schema is moved aside with a notice, never wiped silently.
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../contract';
import { moveAside, reasonOf } from '../profiles/open-file';
import { describeIssue, describeJsonError, emptySavedFile, savedFileSchema, type SavedFile } from './schema';

export const SAVED_FILE_NAME = 'saved-requests.json';

/**
 * The saved requests, and whether the file may be written. A file that cannot be read (a folder in
 * its place, unreadable) is never written over: it may hold requests the user wants back.
 */
export async function readSavedFile(
  dataDir: string,
): Promise<{ data: SavedFile; notices: Notice[]; writable: boolean }> {
  const file = path.join(dataDir, SAVED_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { data: emptySavedFile(), notices: [], writable: true };
    return { data: emptySavedFile(), notices: [savedUnusable(file, error)], writable: false };
  }
  const problem = problemOf(text);
  if (typeof problem !== 'string') return { data: problem, notices: [], writable: true };
  let aside: string;
  try {
    aside = moveAside(file);
  } catch (error) {
    return { data: emptySavedFile(), notices: [savedUnusable(file, error)], writable: false };
  }
  return {
    data: emptySavedFile(),
    notices: [
      {
        code: 'SAVED_MOVED_ASIDE',
        message: `The saved requests file could not be read (${problem}). It was moved aside to ${aside} and the app started with no saved requests.`,
        path: aside,
      },
    ],
    writable: true,
  };
}

function savedUnusable(file: string, error: unknown): Notice {
  const reason = reasonOf(error);
  return {
    code: 'SAVED_UNUSABLE',
    message: `The saved requests file cannot be read (${reason}). No saved requests are shown and none can be saved, so the file is not written over; move or repair it, then restart the app.`,
    path: file,
    reason,
  };
}

/** The file's contents, or what is wrong with them. */
function problemOf(text: string): SavedFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return describeJsonError(text, error);
  }
  const parsed = savedFileSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : `its contents do not have the expected structure: ${describeIssue(parsed.error, value)}`;
}

export async function writeSavedFile(dataDir: string, data: SavedFile): Promise<void> {
  const file = path.join(dataDir, SAVED_FILE_NAME);
  // One fixed name: writes are queued one at a time by the store, so no two ever share it.
  const temp = `${file}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
