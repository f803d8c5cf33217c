// The saved-requests file (saved-requests.json) and the export file, as zod schemas: both are read
// through them, so nothing but folders, names, a profile's id and name, and request bodies (the
// contract's savedRequestSchema, strict: no stray field, so never a credential) is kept or shared.
import { z } from 'zod';
import { savedFolderSchema, savedRequestSchema } from '../contract';

export const savedFileSchema = z
  .object({ version: z.literal(1), folders: z.array(savedFolderSchema), requests: z.array(savedRequestSchema) })
  .strict();
export type SavedFile = z.infer<typeof savedFileSchema>;

export const EXPORT_KIND = 'stream-composer/saved-requests';

export const exportFileSchema = z
  .object({
    kind: z.literal(EXPORT_KIND),
    version: z.literal(1),
    exportedAt: z.iso.datetime({ offset: true }),
    folders: z.array(savedFolderSchema),
    requests: z.array(savedRequestSchema),
  })
  .strict();
export type ExportFile = z.infer<typeof exportFileSchema>;

/** "requests[2].request.target.streamName: Invalid input", naming the request too when it has a name. */
export function describeIssue(error: z.ZodError, value: unknown): string {
  const issue = error.issues[0];
  const where = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  const [list, index] = issue.path;
  const named =
    (list === 'requests' || list === 'folders') && typeof index === 'number' ? nameAt(value, list, index) : null;
  return `${where || 'the file'}${named ? ` ("${named}")` : ''}: ${issue.message}`;
}

function nameAt(value: unknown, list: string, index: number): string | null {
  const item = (value as Record<string, unknown[] | undefined> | null)?.[list]?.[index] as
    { name?: unknown } | undefined;
  return typeof item?.name === 'string' ? item.name.slice(0, 80) : null;
}

/** A JSON.parse failure with its line and column, from the position V8 reports. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /end of JSON input/.test(message) ? text.length : Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(at)) return `it is not valid JSON (${message})`;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `it is not valid JSON at line ${line}, column ${column}`;
}
