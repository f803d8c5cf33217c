// The errors for a batch file past one of the caps in shared/file-limits.ts: the whole file is
// refused (a partial read would send a different batch than the file holds).
import { ServiceError } from '../services';
import { FILE_LIMITS, formatCount } from '../shared/file-limits';

const HINT = 'Split the file into smaller ones, or generate the records with a template.';

/** `found`: what the file has, e.g. "more than 1,000,000 lines". */
export const tooManyRows = (found: string) =>
  new ServiceError('INVALID_INPUT', `The file has ${found}; a batch file may hold at most ${formatCount(FILE_LIMITS.batchRows)} records.`, HINT);

export const tooManyColumns = (columns: number) =>
  new ServiceError(
    'INVALID_INPUT',
    `The CSV header has ${formatCount(columns)} columns; a CSV file may have at most ${formatCount(FILE_LIMITS.csvColumns)}.`,
    'Keep only the columns the records need, or send the file as plain lines.',
  );
