// Export and import of saved requests as one JSON file. Only what the schema lets through is
// written (names, folders, the profile's id and name, request bodies): never a credential. An
// import is checked whole before anything changes, and a bad file is named by line or field.
//
// The file is parsed and checked in a worker, its size and nesting capped: a big or hostile file
// neither holds main nor overflows the stack.
import { writeFile } from 'node:fs/promises';
import { readInputFile } from '../input-file';
import { ServiceError } from '../services';
import { FILE_LIMITS } from '../shared/file-limits';
import { tooDeepAt } from '../shared/json-depth';
import { runTask, type Budget } from '../workers/run-task';
import { transferable } from '../workers/protocol';
import type { SavedFolder, SavedRequest } from '../contract';
import {
  describeIssue,
  describeJsonError,
  EXPORT_KIND,
  exportFileSchema,
  type ExportFile,
  type SavedFile,
} from './schema';

/** The requests picked (all when no ids) and the folders they sit in. */
export function exportOf(data: SavedFile, ids?: string[]): ExportFile {
  const wanted = ids ? new Set(ids) : null;
  const requests = data.requests.filter((r) => !wanted || wanted.has(r.id));
  const folderIds = new Set(requests.map((r) => r.folderId));
  const folders = wanted ? data.folders.filter((f) => folderIds.has(f.id)) : data.folders;
  return exportFileSchema.parse({
    kind: EXPORT_KIND,
    version: 1,
    exportedAt: new Date().toISOString(),
    folders,
    requests,
  });
}

export async function writeExportFile(file: string, contents: ExportFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(contents, null, 2)}\n`, 'utf8');
}

export async function readExportFile(file: string): Promise<ExportFile> {
  const bytes = await readInputFile(file, {
    maxBytes: FILE_LIMITS.savedImportBytes,
    tooLarge: 'savedImportTooLarge',
    hint,
  });
  return runTask('decodeSaved', { bytes }, IMPORT_BUDGET, transferable(bytes));
}

/** Worker task: the export in `bytes`, checked whole. */
export function decodeSavedTask({ bytes }: { bytes: Uint8Array }): ExportFile {
  const text = new TextDecoder().decode(bytes);
  const deep = tooDeepAt(text, FILE_LIMITS.jsonDepth);
  if (deep >= 0) {
    throw new ServiceError(
      'savedImportTooDeep',
      { line: text.slice(0, deep).split('\n').length, max: FILE_LIMITS.jsonDepth },
      { hint },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError('savedImportNotJson', { detail: describeJsonError(text, error) }, { hint });
  }
  if ((value as { kind?: unknown } | null)?.kind !== EXPORT_KIND) {
    throw new ServiceError('savedImportWrongKind', { kind: EXPORT_KIND }, { hint });
  }
  const parsed = exportFileSchema.safeParse(value);
  if (!parsed.success)
    throw new ServiceError('savedImportInvalid', { detail: describeIssue(parsed.error, value) }, { hint });
  return parsed.data;
}

/**
 * What an import adds to `current`: a folder named like an existing one merges into it; a folder or
 * request whose id is taken gets a new one (`renamed` counts the requests). Requests whose folder the
 * file lacks land at the root.
 */
export function mergeImport(
  current: SavedFile,
  incoming: ExportFile,
): { folders: SavedFolder[]; requests: SavedRequest[]; renamed: number } {
  const folderIds = new Map<string, string>();
  const folders: SavedFolder[] = [];
  const takenFolderIds = new Set(current.folders.map((f) => f.id));
  for (const folder of incoming.folders) {
    const same = [...current.folders, ...folders].find(
      (f) => f.name.toLocaleLowerCase() === folder.name.toLocaleLowerCase(),
    );
    if (same) {
      folderIds.set(folder.id, same.id);
      continue;
    }
    const id = takenFolderIds.has(folder.id) ? crypto.randomUUID() : folder.id;
    takenFolderIds.add(id);
    folderIds.set(folder.id, id);
    folders.push({ id, name: folder.name });
  }
  const takenIds = new Set(current.requests.map((r) => r.id));
  let renamed = 0;
  const requests = incoming.requests.map((r): SavedRequest => {
    const clash = takenIds.has(r.id);
    if (clash) renamed++;
    const id = clash ? crypto.randomUUID() : r.id;
    takenIds.add(id);
    return { ...r, id, folderId: r.folderId === null ? null : (folderIds.get(r.folderId) ?? null) };
  });
  return { folders, requests, renamed };
}

const hint = 'pickSavedExport' as const;

const IMPORT_BUDGET: Budget = {
  timeoutMs: 60_000,
  heapMb: 1024,
  over: { time: 'savedFileOverTime', memory: 'savedFileOverMemory' },
  hint,
};
