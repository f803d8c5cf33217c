// The errors for a batch file past one of the caps in shared/file-limits.ts: the whole file is
// refused (a partial read would send a different batch than the file holds).
import { ServiceError } from '../services';
import { FILE_LIMITS } from '../shared/file-limits';

const hint = 'splitBatchFile' as const;

/** A JSON array of more records than a batch may hold. */
export const tooManyRecords = (count: number) =>
  new ServiceError('batchTooManyRecords', { count, max: FILE_LIMITS.batchRows }, { hint });

/** A file read line by line past the cap: how many more there are is not known. */
export const tooManyRows = (unit: 'rows' | 'lines') =>
  new ServiceError(
    unit === 'rows' ? 'batchMoreRowsThan' : 'batchMoreLinesThan',
    { max: FILE_LIMITS.batchRows },
    { hint },
  );

export const tooManyColumns = (count: number) =>
  new ServiceError('csvTooManyColumns', { count, max: FILE_LIMITS.csvColumns }, { hint: 'fewerColumns' });
