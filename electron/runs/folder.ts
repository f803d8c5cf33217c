// The folder load runs keep their per-record results in (<dataDir>/runs). When something else
// stands in its place, runs still go on; their reports say the results file could not be written,
// and a notice at start says why and what to do.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../contract';
import { reasonOf } from '../profiles/open-file';

export const RUNS_FOLDER = 'runs';

export async function runsFolderNotices(dataDir: string): Promise<Notice[]> {
  const folder = path.join(dataDir, RUNS_FOLDER);
  let reason: string;
  try {
    if ((await stat(folder)).isDirectory()) return [];
    reason = 'ENOTDIR';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    reason = reasonOf(error);
  }
  return [
    {
      code: 'RUNS_FOLDER_UNUSABLE',
      message: `The folder for load run results cannot be used (${reason}). Runs still work, but their per-record results are not kept; move what stands in its place, then restart the app.`,
      path: folder,
      reason,
    },
  ];
}
