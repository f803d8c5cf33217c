// Export and import of history entries: NDJSON (one entry a line) or a JSON array. Every entry
// goes through the contract's historyEntrySchema, the one the entry type is derived from, both
// ways: an export holds every field an entry is made of and nothing else (none of them a secret),
// and an import is refused whole, naming the first bad line, before anything changes.
//
// An import is parsed and checked in a worker (decodeHistoryTask), its size and nesting capped, so
// a big or hostile file neither holds main nor overflows the stack.
import { writeFile } from 'node:fs/promises';
import { historyEntrySchema, type HistoryEntry, type HistoryExportFormat } from '../contract';
import { readInputFile } from '../input-file';
import { ServiceError } from '../services';
import { FILE_LIMITS } from '../shared/file-limits';
import { tooDeepAt } from '../shared/json-depth';
import { keep } from '../workers/kept';
import { runPaged } from '../workers/paged';
import { transferable } from '../workers/protocol';
import type { Budget } from '../workers/run-task';

export function encodeExport(entries: HistoryEntry[], format: HistoryExportFormat): string {
  const clean = entries.map((e) => historyEntrySchema.parse(e));
  return format === 'json'
    ? `${JSON.stringify(clean, null, 2)}\n`
    : clean.map((e) => `${JSON.stringify(e)}\n`).join('');
}

export async function writeExport(file: string, entries: HistoryEntry[], format: HistoryExportFormat): Promise<void> {
  await writeFile(file, encodeExport(entries, format), 'utf8');
}

/**
 * The entries of an export, in file order. A JSON array is told from NDJSON by its first
 * character; a bad entry throws INVALID_INPUT naming its line (NDJSON) or position (JSON).
 */
export function decodeExport(text: string): HistoryEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    const deep = tooDeepAt(body, FILE_LIMITS.jsonDepth);
    if (deep >= 0) throw tooDeep(body.slice(0, deep).split('\n').length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new ServiceError('historyImportNotJson', { detail: (error as Error).message }, { hint });
    }
    if (!Array.isArray(parsed)) throw new ServiceError('historyImportNotArray', {}, { hint });
    if (parsed.length > FILE_LIMITS.historyImportEntries)
      throw new ServiceError(
        'historyImportTooMany',
        { count: parsed.length, max: FILE_LIMITS.historyImportEntries },
        { hint },
      );
    return parsed.map((value, i) => check(value, `Entry ${i + 1}`));
  }
  const entries: HistoryEntry[] = [];
  body.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    if (tooDeepAt(line, FILE_LIMITS.jsonDepth) >= 0) throw tooDeep(i + 1);
    if (entries.length === FILE_LIMITS.historyImportEntries)
      throw new ServiceError('historyImportMoreThan', { max: FILE_LIMITS.historyImportEntries }, { hint });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ServiceError('historyImportLineNotJson', { line: i + 1 }, { hint });
    }
    entries.push(check(value, `Line ${i + 1}`));
  });
  return entries;
}

/** Worker task: the entries of an export's bytes, kept for main to take page by page. */
export function decodeHistoryTask({ bytes }: { bytes: Uint8Array }): { kept: number } {
  // Oldest first, as the store adds them: sorting a million entries here spares main a second of it.
  const entries = decodeExport(new TextDecoder().decode(bytes))
    .map((e) => ({ at: Date.parse(e.time), e }))
    .sort((a, b) => a.at - b.at)
    .map(({ e }) => e);
  keep(entries, (e) => 2 * JSON.stringify(e).length);
  return { kept: entries.length };
}

/** The entries of an export, oldest first. */
export async function readExport(file: string): Promise<HistoryEntry[]> {
  const bytes = await readInputFile(file, {
    maxBytes: FILE_LIMITS.historyImportBytes,
    tooLarge: 'historyImportTooLarge',
    hint,
  });
  const { items } = await runPaged('decodeHistory', { bytes }, IMPORT_BUDGET, transferable(bytes));
  return items as HistoryEntry[];
}

const hint = 'pickHistoryExport' as const;

const IMPORT_BUDGET: Budget = {
  timeoutMs: 120_000,
  heapMb: 2048,
  over: { time: 'historyFileOverTime', memory: 'historyFileOverMemory' },
  hint: 'smallerHistoryExport',
};

function check(value: unknown, where: string): HistoryEntry {
  const parsed = historyEntrySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ServiceError(
    'historyImportNotEntry',
    { where, path: issue.path.join('.') || 'value', detail: issue.message },
    { hint },
  );
}

const tooDeep = (line: number) =>
  new ServiceError('historyImportTooDeep', { line, max: FILE_LIMITS.jsonDepth }, { hint });
