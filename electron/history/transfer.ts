// Export and import of history entries: NDJSON (one entry a line) or a JSON array. Every entry
// goes through the contract's historyEntrySchema, the one the entry type is derived from, both
// ways: an export holds every field an entry is made of and nothing else (none of them a secret),
// and an import is refused whole, naming the first bad line, before anything changes.
import { readFile, writeFile } from 'node:fs/promises';
import { historyEntrySchema, type HistoryEntry, type HistoryExportFormat } from '../contract';
import { ServiceError } from '../services';

export function encodeExport(entries: HistoryEntry[], format: HistoryExportFormat): string {
  const clean = entries.map((e) => historyEntrySchema.parse(e));
  return format === 'json' ? `${JSON.stringify(clean, null, 2)}\n` : clean.map((e) => `${JSON.stringify(e)}\n`).join('');
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw invalid(`The file is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw invalid('The file is not a JSON array of history entries.');
    return parsed.map((value, i) => check(value, `Entry ${i + 1}`));
  }
  const entries: HistoryEntry[] = [];
  body.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalid(`Line ${i + 1} is not valid JSON.`);
    }
    entries.push(check(value, `Line ${i + 1}`));
  });
  return entries;
}

export async function readExport(file: string): Promise<HistoryEntry[]> {
  return decodeExport(await readFile(file, 'utf8'));
}

function check(value: unknown, where: string): HistoryEntry {
  const parsed = historyEntrySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid(`${where} is not a history entry: ${issue.path.join('.') || 'value'}: ${issue.message}`);
}

const invalid = (message: string) =>
  new ServiceError('INVALID_INPUT', message, 'Pick a file exported from Stream Composer history (NDJSON or JSON); nothing was imported.');
