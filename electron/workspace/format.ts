// The files of a workspace folder, as zod schemas, and their YAML text. A request file holds the
// contract's saved request body and assertions under a fixed header; keys are always written in
// schema order and text as block scalars, with no timestamps, so a file diffs well in git. The
// schemas are strict: a stray key (a secret pasted in by hand included) refuses the file.
// Plain Node: the CLI runner reads workspaces with the same code.
import { isMap, isScalar, parseDocument, stringify, visit, type ToStringOptions } from 'yaml';
import { z } from 'zod';
import {
  assertionsSchema,
  environmentVariablesSchema,
  savedRequestBodySchema,
  type Assertion,
  type SavedRequestBody,
  type WorkspaceProblem,
} from '../contract';
import { fieldOfIssue } from '../app-error';
import { englishOf } from '../messages';
import { formatBytes } from '../shared/file-limits';
import { problemOf, type ReasonWithParams } from '../shared/reasons';

export const WORKSPACE_FILE = 'stream-composer.yaml';
export const REQUEST_SUFFIX = '.request.yaml';
export const ENVIRONMENTS_DIR = 'environments';

export const WORKSPACE_LIMITS = {
  /** One file of the workspace. */
  fileBytes: 8 * 1024 * 1024,
  /** Entries looked at in one load. */
  files: 10_000,
  /** Aliases one file may resolve (yaml's maxAliasCount): an alias bomb stops here. */
  aliases: 100,
  /** Nesting of a file's value. */
  depth: 64,
} as const;

const KINDS = {
  workspace: 'stream-composer/workspace',
  request: 'stream-composer/request',
  environment: 'stream-composer/environment',
} as const;
type FileKind = keyof typeof KINDS;

export const workspaceFileSchema = z
  .object({
    kind: z.literal(KINDS.workspace),
    version: z.literal(1),
    /** Shown in the app; the folder's name when absent. */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export const requestFileSchema = z
  .object({
    kind: z.literal(KINDS.request),
    version: z.literal(1),
    name: z.string().trim().min(1).max(200),
    /** The app's connection of that name; absent: the run's own. Never chooses where the CLI sends. */
    connection: z.string().trim().min(1).max(200).optional(),
    request: savedRequestBodySchema,
    assertions: assertionsSchema.optional(),
  })
  .strict();
export type RequestFile = z.infer<typeof requestFileSchema>;

export const environmentFileSchema = z
  .object({
    kind: z.literal(KINDS.environment),
    version: z.literal(1),
    variables: environmentVariablesSchema,
  })
  .strict();
export type EnvironmentFile = z.infer<typeof environmentFileSchema>;

const SCHEMAS = { workspace: workspaceFileSchema, request: requestFileSchema, environment: environmentFileSchema };

/** A request as a workspace holds it; its identity is its path. */
export interface WorkspaceRequest {
  /** Relative to the workspace, '/'-separated: `orders/big-load.request.yaml`. */
  path: string;
  /** The directory it is in; null at the workspace's root. */
  folder: string | null;
  name: string;
  connection: string | null;
  request: SavedRequestBody;
  assertions: Assertion[];
}

export interface WorkspaceEnvironment {
  name: string;
  variables: Record<string, string>;
}

const YAML_OUT: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indent: 2 };

/** Keys whose text is shown as lines even when it is one line: payloads and templates. */
const TEXT_KEYS = new Set(['text', 'template', 'payload']);

/** A file's stable text: keys in schema order, text as block scalars. Throws if `doc` breaks the schema. */
export function requestFileText(doc: RequestFile): string {
  return yamlText(requestFileSchema.parse(doc));
}

export function environmentFileText(doc: EnvironmentFile): string {
  return yamlText(environmentFileSchema.parse(doc));
}

export function workspaceFileText(doc: WorkspaceFile): string {
  return yamlText(workspaceFileSchema.parse(doc));
}

function yamlText(value: unknown): string {
  // zod's output holds keys in schema order, whatever order the input had.
  const doc = parseDocument(stringify(value, YAML_OUT));
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (pair.value.value.includes('\n') || (TEXT_KEYS.has(key) && pair.value.value !== '')) {
        pair.value.type = 'BLOCK_LITERAL';
      }
    },
    Map(_, map, path) {
      // Short inner maps of scalars (a target, a key strategy) read best on one line, as `{ a: b }`.
      map.flow =
        path.length > 1 &&
        isMap(map) &&
        map.items.length <= 3 &&
        map.items.every((p) => isScalar(p.value) && !isTextKey(p.key));
    },
  });
  return doc.toString(YAML_OUT);
}

const isTextKey = (key: unknown) => isScalar(key) && TEXT_KEYS.has(String(key.value));

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: WorkspaceProblem };

export const workspaceProblem = (path: string, problem: ReasonWithParams): WorkspaceProblem => ({
  path,
  ...problem,
  message: englishOf(problem),
});

const refuse = (path: string, problem: ReasonWithParams): { ok: false; problem: WorkspaceProblem } => ({
  ok: false,
  problem: workspaceProblem(path, problem),
});

/** One file's text checked as `kind`: YAML, bounded, the right kind and version, then the schema. */
export function parseWorkspaceFile<K extends FileKind>(
  text: string,
  path: string,
  kind: K,
): Parsed<z.infer<(typeof SCHEMAS)[K]>> {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > WORKSPACE_LIMITS.fileBytes) {
    return refuse(
      path,
      problemOf('workspaceFileTooLarge', { size: formatBytes(size), max: formatBytes(WORKSPACE_LIMITS.fileBytes) }),
    );
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    if (/call stack/i.test(error.message)) {
      return refuse(path, problemOf('workspaceFileTooDeep', { max: WORKSPACE_LIMITS.depth }));
    }
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    return refuse(path, problemOf('workspaceNotYaml', { line: at.line, column: at.col, detail: error.code }));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: WORKSPACE_LIMITS.aliases });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return refuse(path, problemOf('workspaceYamlAliases', { max: WORKSPACE_LIMITS.aliases }));
    }
    if (e instanceof RangeError)
      return refuse(path, problemOf('workspaceFileTooDeep', { max: WORKSPACE_LIMITS.depth }));
    throw e;
  }
  if (deeperThan(value, WORKSPACE_LIMITS.depth)) {
    return refuse(path, problemOf('workspaceFileTooDeep', { max: WORKSPACE_LIMITS.depth }));
  }
  const header = (typeof value === 'object' && value !== null ? value : {}) as { kind?: unknown; version?: unknown };
  if (header.kind !== KINDS[kind]) {
    return refuse(
      path,
      problemOf('workspaceWrongKind', {
        expected: KINDS[kind],
        found: typeof header.kind === 'string' ? header.kind.slice(0, 100) : '',
      }),
    );
  }
  if (header.version !== 1) {
    return refuse(path, problemOf('workspaceWrongVersion', { found: String(header.version).slice(0, 20) }));
  }
  const parsed = SCHEMAS[kind].safeParse(value);
  if (!parsed.success) {
    const field = fieldOfIssue(value, parsed.error.issues[0]);
    const { path: fieldPath, message: _message, ...problem } = field;
    return refuse(path, problemOf('workspaceFieldInvalid', { field: fieldPath || '(top)', problem: problem }));
  }
  return { ok: true, value: parsed.data as z.infer<(typeof SCHEMAS)[K]> };
}

/** A request file's text as a WorkspaceRequest; `path` is its path relative to the workspace. */
export function parseRequestFile(text: string, path: string): Parsed<WorkspaceRequest> {
  const parsed = parseWorkspaceFile(text, path, 'request');
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const slash = path.lastIndexOf('/');
  return {
    ok: true,
    value: {
      path,
      folder: slash < 0 ? null : path.slice(0, slash),
      name: file.name,
      connection: file.connection ?? null,
      request: file.request,
      assertions: file.assertions ?? [],
    },
  };
}

/** Whether a parsed value nests deeper than `max` (checked without recursion). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
