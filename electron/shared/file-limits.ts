// How much of a file made elsewhere (a batch file, a history or saved-requests export) the app
// takes in. Every cap is named here once; errors quote the cap and the file's own figure so the
// user knows what to change. Pure code: the renderer may show the same figures.

const MiB = 1024 * 1024;

export const FILE_LIMITS = {
  /** A batch file, opened or dropped. */
  batchFileBytes: 64 * MiB,
  /** A history export picked for import. */
  historyImportBytes: 128 * MiB,
  /** A saved-requests export picked for import. */
  savedImportBytes: 16 * MiB,
  /** Entries of one history import. */
  historyImportEntries: 1_000_000,
  /** Rows of one batch file. */
  batchRows: 1_000_000,
  /** Columns of a CSV header. */
  csvColumns: 1_000,
  /** Characters of one line of an NDJSON or plain-lines file (a record can be at most 1 MiB). */
  lineChars: 4 * MiB,
  /** Levels of [ and { in one JSON value: deeper values break the recursive code that handles them. */
  jsonDepth: 100,
  /** What the kept batch files may hold in memory together (their bytes and parsed rows). */
  keptFilesBytes: 512 * MiB,
} as const;

/** "64 MiB", "1.5 MiB", "512 KiB": sizes as a user reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${trim(bytes / MiB)} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

const trim = (n: number) => String(Math.round(n * 10) / 10);

export const formatCount = (n: number) => n.toLocaleString('en-US');
