// Saved tail filters, kept by main in <data folder>/tail-filters.json, per connection and stream.
// Writes go one at a time, each whole (temp file, then rename); a file that cannot be read is left
// as it is and named in the error, never written over.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { tailFilterSchema, type TailFilter } from '../contract';
import { ServiceError } from '../services';
import { FILTER_LIMITS } from '../shared/tail-filter';
import { writeFileAtomic } from '../workspace/write';

export const TAIL_FILTERS_FILE = 'tail-filters.json';

const fileSchema = z.object({
  version: z.literal(1),
  /** By `<connection id> <stream name>`. */
  streams: z.record(z.string(), z.array(tailFilterSchema)),
});
type FiltersFile = z.infer<typeof fileSchema>;

export interface TailFilterStore {
  list(profileId: string, streamName: string): Promise<TailFilter[]>;
  save(profileId: string, streamName: string, filter: TailFilter): Promise<TailFilter[]>;
  remove(profileId: string, streamName: string, name: string): Promise<TailFilter[]>;
}

export function createTailFilterStore(dataDir: string): TailFilterStore {
  const file = path.join(dataDir, TAIL_FILTERS_FILE);
  const keyOf = (profileId: string, streamName: string) => `${profileId} ${streamName}`;
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<FiltersFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, streams: {} };
      throw new ServiceError('tailFiltersUnreadable', { path: file }, { hint: 'dataFolderReadable' });
    }
    try {
      return fileSchema.parse(JSON.parse(text));
    } catch {
      throw new ServiceError('tailFiltersUnreadable', { path: file }, { hint: 'dataFolderReadable' });
    }
  }

  /** Changes one stream's list; writes queue behind each other, so none is lost to another. */
  function change(key: string, edit: (filters: TailFilter[]) => TailFilter[]): Promise<TailFilter[]> {
    const done = queue.then(async () => {
      const all = await read();
      const filters = edit(all.streams[key] ?? []);
      if (filters.length > 0) all.streams[key] = filters;
      else delete all.streams[key];
      await writeFileAtomic(file, `${JSON.stringify(all, null, 2)}\n`);
      return filters;
    });
    queue = done.catch(() => {});
    return done;
  }

  return {
    list: async (profileId, streamName) => (await read()).streams[keyOf(profileId, streamName)] ?? [],
    save: (profileId, streamName, filter) =>
      change(keyOf(profileId, streamName), (filters) => {
        const others = filters.filter((f) => f.name !== filter.name);
        if (others.length >= FILTER_LIMITS.saved)
          throw new ServiceError('tooManyTailFilters', { max: FILTER_LIMITS.saved });
        return [...others, filter].sort((a, b) => a.name.localeCompare(b.name));
      }),
    remove: (profileId, streamName, name) =>
      change(keyOf(profileId, streamName), (filters) => filters.filter((f) => f.name !== name)),
  };
}
