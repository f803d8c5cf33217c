// The handler table: operation → validated input → service call → Result. It imports no
// Electron: main.ts registers it with ipcMain.handle, the test harness serves the very same table
// to Chromium. Results cross the boundary as data; nothing here throws to the caller.
import type { z } from 'zod';
import {
  OPERATION_NAMES,
  operations,
  type AppError,
  type AppInfo,
  type EventName,
  type EventPayloads,
  type HistoryEntry,
  type Implementations,
  type Notice,
  type OperationName,
  type OperationOutput,
  type Operations,
  type Result,
  type ComposedRequest,
} from './contract';
import { isValidAwsStreamName, parseYdsPath, targetStreamName } from './shared/addressing';
import { createCancellation } from './cancellation';
import { describeFailure } from './kinesis/errors';
import { describeShards } from './streams';
import { createStream } from './streams/create';
import { listStreams } from './streams/list';
import { readExport, writeExport } from './history/transfer';
import { readBackEntry } from './streams/read-back';
import { createTails } from './streams/tail';
import { createRunHandlers } from './runs/handlers';
import { savedHandlers } from './saved/handlers';
import type { SavedStore } from './saved/store';
import type { Redactor } from './secrets/redact';
import { templateHelp } from './templates';
import { defaultEndpoint } from './shared/defaults';
import {
  encodePayload,
  limitFamilyOf,
  validateExplicitHashKey,
  validatePartitionKey,
  validateRecordSize,
  type LimitFamily,
  type Problem,
} from './shared/limits';
import {
  ServiceError,
  type CodeContext,
  type HistoryStore,
  type ProfileStore,
  type RecordSender,
  type Sandbox,
  type StoredProfile,
} from './services';

export interface HandlerDeps {
  profiles: ProfileStore;
  history: HistoryStore;
  sender: RecordSender;
  sandbox: Sandbox;
  saved: SavedStore;
  generateCode: (ctx: CodeContext) => string;
  openExternal: (url: string) => Promise<void>;
  /** Asks where to save a file (Electron: the save dialog); null when the user cancels. */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Asks which file to open (Electron: the open dialog); null when the user cancels. */
  chooseOpenPath: () => Promise<string | null>;
  /** Asks which batch file to open (Electron: the open dialog with batch file types); null when the user cancels. */
  chooseBatchPath: () => Promise<string | null>;
  /** Where load runs keep their per-record results (<dataDir>/runs). */
  dataDir: string;
  /** Found at start outside the stores (e.g. the runs folder cannot be used). */
  startNotices: Notice[];
  app: { version: string; systemLocale: string; secretStorage: { backend: string; strong: boolean } };
  /** Pushes an event to the renderer (main.ts: the app window's webContents). */
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
  /** Knows every credential value the app holds; each answer, event and written file passes through it. */
  redactor: Redactor;
}

export type HandlerTable = { [K in OperationName]: (input: unknown) => Promise<Result<OperationOutput<K>>> };

export interface Handlers {
  table: HandlerTable;
  /**
   * For quitting: refuses new sends, cancels those in flight and resolves once each has answered
   * and queued its history entry, so clients, history and sandbox can then be closed under none.
   */
  stopSending(): Promise<void>;
  /** For quitting: stops every tail and resolves once none reads any more. */
  stopTails(): Promise<void>;
  /** For quitting: cancels every load run and resolves once each has its history entry. */
  stopRuns(): Promise<void>;
}

type Impl = Implementations<OperationName>;

export function createHandlers(given: HandlerDeps): Handlers {
  const { redactor } = given;
  // Events leave main here, whoever emits them (tails, runs).
  const deps: HandlerDeps = { ...given, emit: (event, payload) => given.emit(event, redactor.deep(payload)) };
  const { profiles, history, sender, sandbox } = deps;
  const failureOf = (error: unknown, profile: StoredProfile, streamName: string, elapsedMs?: number) =>
    describeFailure(error, {
      family: limitFamilyOf(profile.kind, streamName),
      timeoutMs: profile.timeoutMs,
      ...(elapsedMs === undefined ? {} : { elapsedMs }),
      aborted: false,
      redact: redactor.text,
      accessKeyIds: [profile.credentials.accessKeyId],
    });
  /** A failure of a call that reads a stream's shape, as the user should see it: named, with a hint, no secret. */
  const rejection = (error: unknown, profile: StoredProfile, streamName: string, elapsedMs?: number): ServiceError => {
    const failure = failureOf(error, profile, streamName, elapsedMs);
    return new ServiceError('REJECTED', `${failure.name}: ${failure.message}`, failure.hint, undefined, failure.hintCode);
  };
  const inFlight = new Map<string, { cancel(): void }>();
  const sending = new Set<Promise<unknown>>();
  let closing = false;
  const tails = createTails((event) => deps.emit('tail', event));
  const runs = createRunHandlers(deps);

  const appInfo = (): AppInfo => ({
    version: deps.app.version,
    systemLocale: deps.app.systemLocale,
    language: profiles.language(),
    verifySends: profiles.verifySends(),
    historyRetention: profiles.historyRetention(),
    secretStorage: deps.app.secretStorage,
    notices: [...profiles.notices(), ...history.notices(), ...deps.saved.notices(), ...deps.startNotices],
  });

  const profileOrThrow = (id: string): StoredProfile => {
    const p = profiles.get(id);
    if (!p) throw new ServiceError('NOT_FOUND', `No profile with id ${id}`, 'Pick a profile from the list; it may have been deleted.');
    return p;
  };

  /**
   * What a snippet needs of a profile: where it sends and where its keys come from, never a key
   * of the user's (only the sandbox's own key of this start, when it sends there).
   */
  const codeProfileOf = async (profile: StoredProfile): Promise<Pick<CodeContext, 'profile' | 'sandboxKeys'>> => {
    const endpoint = profile.kind === 'sandbox' ? await sandbox.endpoint() : profile.endpoint;
    return {
      profile: { kind: profile.kind, endpoint, region: profile.region, credentials: credentialSourceOf(profile) },
      sandboxKeys: sandbox.keysFor(endpoint),
    };
  };

  async function sendAndRecord(input: z.output<Operations['sendRecord']['input']>): Promise<OperationOutput<'sendRecord'>> {
    const profile = profileOrThrow(input.profileId);
    const prepared = prepareRecord(profile, input);
    const controller = createCancellation();
    inFlight.set(input.requestId, controller);
    let endpoint: string;
    let sent;
    try {
      // Before the send, not after: once the app has quit, asking the sandbox would start it again.
      endpoint = profile.kind === 'sandbox' ? await sandbox.endpoint() : profile.endpoint || defaultEndpoint(profile.kind, profile.region);
      sent = await sender.send({
        profile,
        streamName: prepared.streamName,
        partitionKey: input.partitionKey,
        explicitHashKey: input.explicitHashKey || undefined,
        data: prepared.data,
        cancellation: controller.token,
      });
    } finally {
      inFlight.delete(input.requestId);
    }
    const entry: HistoryEntry = {
      id: crypto.randomUUID(),
      time: new Date().toISOString(),
      profile: { id: profile.id, name: profile.name, kind: profile.kind, endpoint, region: profile.region },
      streamName: prepared.streamName,
      target: input.target,
      partitionKey: input.partitionKey,
      ...(input.explicitHashKey ? { explicitHashKey: input.explicitHashKey } : {}),
      payload: { mode: input.payload.mode, text: input.payload.text, size: prepared.data.length, truncated: false },
      result: sent.result,
      latencyMs: sent.latencyMs,
    };
    // The entry is in the index at once; the answer does not wait for the disk (a failed write
    // becomes a notice, and close() flushes on quit).
    history.append(entry).catch(() => {});
    profiles.select(profile.id);
    return { historyId: entry.id, streamName: prepared.streamName, latencyMs: sent.latencyMs, result: sent.result };
  }

  const impl: Impl = {
    ...runs.handlers,
    getAppInfo: () => appInfo(),
    setLanguage: ({ language }) => {
      profiles.setLanguage(language);
      return appInfo();
    },
    setVerifySends: ({ on }) => {
      profiles.setVerifySends(on);
      return appInfo();
    },
    // Saved first: a compaction that fails still leaves the limits to be applied at the next start.
    setHistoryRetention: async (retention) => {
      profiles.setHistoryRetention(retention);
      return { ...(await history.compact(retention).finally(runs.sweepResults)), retention: profiles.historyRetention() };
    },
    compactHistory: () => history.compact(profiles.historyRetention()).finally(runs.sweepResults),

    listProfiles: () => profiles.list(),
    // No sender.forget here: a send may be in flight on the profile's client, and the sender
    // rebuilds the client by itself when a setting it is built from changes.
    saveProfile: (input) => profiles.save(input),
    duplicateProfile: ({ id }) => profiles.duplicate(id),
    deleteProfile: ({ id }) => {
      sender.forget(id);
      return profiles.delete(id);
    },
    selectProfile: ({ id }) => {
      profileOrThrow(id);
      profiles.select(id);
      return { lastUsedId: id };
    },

    sendRecord: (input) => {
      if (closing) throw new ServiceError('REJECTED', 'The app is closing; the record was not sent.');
      const run = sendAndRecord(input);
      sending.add(run);
      void run.catch(() => {}).finally(() => sending.delete(run));
      return run;
    },
    cancelSend: ({ requestId }) => {
      const controller = inFlight.get(requestId);
      controller?.cancel();
      return { cancelled: controller !== undefined };
    },

    listHistory: ({ offset, limit, ...filter }) => history.query({ ...filter, offset: offset ?? 0, limit: limit ?? 200 }),
    getHistoryEntry: ({ id }) => {
      const entry = history.get(id);
      if (!entry) throw new ServiceError('NOT_FOUND', `No history entry with id ${id}`);
      return entry;
    },
    // A run's results file goes with its history entry.
    deleteHistoryEntry: async ({ id }) => ({ total: await history.delete(id).finally(runs.sweepResults) }),
    clearHistory: async () => ({ total: await history.clear().finally(runs.sweepResults) }),
    exportHistory: async ({ format, filter, ids }) => {
      const entries = ids ? ids.flatMap((id) => history.get(id) ?? []) : history.matching(filter ?? {});
      const file = await deps.chooseSavePath(`stream-composer-history.${format}`);
      if (!file) return { path: null, count: 0 };
      // Entries are redacted as they are written; this covers those written before a secret was known.
      await writeExport(file, redactor.deep(entries), format);
      return { path: file, count: entries.length };
    },
    importHistory: async () => {
      const file = await deps.chooseOpenPath();
      if (!file) return { path: null, imported: 0, skipped: 0, total: history.query({ offset: 0, limit: 1 }).total };
      const entries = await readExport(file);
      const imported = await history.importEntries(entries);
      return { path: file, imported, skipped: entries.length - imported, total: history.query({ offset: 0, limit: 1 }).total };
    },

    getSandboxStatus: () => sandbox.status(),
    createStream: async ({ profileId, target, shardCount }) => {
      const profile = profileOrThrow(profileId);
      const streamName = targetStreamName(target);
      if (profile.kind === 'sandbox') {
        const status = await sandbox.createStream(streamName, shardCount);
        return { streamName, status: 'ACTIVE', sandbox: status };
      }
      const name = target.type === 'yds' ? target.stream : streamName;
      if (!isValidAwsStreamName(name) && !(target.type === 'name' && parseYdsPath(name))) {
        throw new ServiceError(
          'INVALID_INPUT',
          `"${name}" is not a valid stream name.`,
          target.type === 'yds'
            ? 'Use 1-128 letters, digits, "_", "." or "-".'
            : 'Use 1-128 letters, digits, "_", "." or "-", or a YDS path /ru-central1/<cloud-id>/<database-id>/<stream>.',
          target.type === 'yds' ? 'target.stream' : 'target.streamName',
        );
      }
      try {
        return { ...(await createStream(await sender.clientFor(profile), streamName, shardCount)), sandbox: null };
      } catch (error) {
        throw rejection(error, profile, streamName);
      }
    },

    generateCode: async ({ language, source }) => {
      if (source.type === 'composed') {
        const profile = profileOrThrow(source.request.profileId);
        const prepared = prepareRecord(profile, source.request);
        const target = await codeProfileOf(profile);
        return {
          code: deps.generateCode({
            language,
            ...target,
            streamName: prepared.streamName,
            partitionKey: source.request.partitionKey,
            explicitHashKey: source.request.explicitHashKey || undefined,
            data: prepared.data,
            payloadMode: source.request.payload.mode,
          }),
          otherProfile: null,
          sandboxKey: target.sandboxKeys !== undefined,
        };
      }
      const entry = history.get(source.historyId);
      if (!entry) throw new ServiceError('NOT_FOUND', `No history entry with id ${source.historyId}`);
      if (entry.run) throw new ServiceError('INVALID_INPUT', 'This entry is a load run of many records; code is generated for a single record.', 'Load one record into the composer and copy it as code from there.');
      if (entry.payload.truncated) {
        throw new ServiceError(
          'INVALID_INPUT',
          `History keeps only the start of this ${entry.payload.size}-byte payload, so the code would send something else.`,
          'Load the entry into the composer, paste the full payload, and copy as code from there.',
        );
      }
      const encoded = encodePayload(entry.payload.mode, entry.payload.text);
      if (!encoded.ok) throw new ServiceError('INVALID_INPUT', encoded.problem.message);
      // The endpoint an entry names is only text from a file (an import can name any host): the
      // code goes where a profile of the user's sends, the entry's own if it is still here, else
      // the one selected now, and then says so.
      const own = profiles.get(entry.profile.id);
      const lastUsedId = profiles.list().lastUsedId;
      const profile = own ?? (lastUsedId ? profiles.get(lastUsedId) : undefined);
      if (!profile) throw new ServiceError('NOT_FOUND', `The profile "${entry.profile.name}" this record was sent with no longer exists.`, 'Create or pick a connection profile, then copy as code again.');
      const target = await codeProfileOf(profile);
      return {
        code: deps.generateCode({
          language,
          ...target,
          ...(own ? {} : { otherProfile: true }),
          streamName: entry.streamName,
          partitionKey: entry.partitionKey,
          explicitHashKey: entry.explicitHashKey,
          data: encoded.bytes,
          payloadMode: entry.payload.mode,
        }),
        otherProfile: own ? null : { name: profile.name },
        sandboxKey: target.sandboxKeys !== undefined,
      };
    },

    describeStream: async ({ profileId, target }) => {
      const profile = profileOrThrow(profileId);
      const streamName = targetStreamName(target);
      const started = performance.now();
      try {
        const shards = await describeShards(await sender.clientFor(profile), streamName);
        return {
          streamName,
          shards: shards.filter((s) => s.open).map(({ shardId, startingHashKey, endingHashKey }) => ({ shardId, startingHashKey, endingHashKey })),
        };
      } catch (error) {
        throw rejection(error, profile, streamName, performance.now() - started);
      }
    },

    describeStreamDetails: async ({ profileId, target }) => {
      const profile = profileOrThrow(profileId);
      const streamName = targetStreamName(target);
      const started = performance.now();
      try {
        return { streamName, shards: await describeShards(await sender.clientFor(profile), streamName) };
      } catch (error) {
        throw rejection(error, profile, streamName, performance.now() - started);
      }
    },

    listStreams: async ({ profileId, cloudId, databaseId }) => {
      const profile = profileOrThrow(profileId);
      const cloud = cloudId || profile.ydsCloudId;
      const database = databaseId || profile.ydsDatabaseId;
      const scope = cloud && database ? { cloudId: cloud, databaseId: database } : null;
      const started = performance.now();
      try {
        return { streams: await listStreams(await sender.clientFor(profile), scope) };
      } catch (error) {
        throw rejection(error, profile, '', performance.now() - started);
      }
    },

    readBack: ({ historyId }) => {
      const entry = history.get(historyId);
      if (!entry) throw new ServiceError('NOT_FOUND', `No history entry with id ${historyId}`);
      if (entry.run) throw new ServiceError('INVALID_INPUT', 'This entry is a load run; its records are not read back one by one.', "The run's results file lists each record's shard and sequence number.");
      const profile = profiles.get(entry.profile.id);
      if (!profile) {
        throw new ServiceError('NOT_FOUND', `The profile "${entry.profile.name}" this record was sent with no longer exists.`, 'Read back records sent with a profile you still have.');
      }
      return readBackEntry(entry, profile, () => sender.clientFor(profile), redactor.text);
    },

    startTail: async ({ profileId, target, from, timestamp }) => {
      const profile = profileOrThrow(profileId);
      const streamName = targetStreamName(target);
      let client;
      try {
        client = await sender.clientFor(profile);
      } catch (error) {
        throw rejection(error, profile, streamName);
      }
      return tails.start({
        client,
        streamName,
        from,
        ...(timestamp ? { timestamp: new Date(timestamp) } : {}),
        describe: (error) => failureOf(error, profile, streamName),
      });
    },
    setTailPaused: ({ tailId, paused }) => ({ state: tails.setPaused(tailId, paused) }),
    stopTail: ({ tailId }) => ({ stopped: tails.stop(tailId) }),
    ...savedHandlers(deps),
    getTemplateHelp: ({ locale }) => ({ entries: templateHelp(locale) }),

    openExternal: async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ServiceError('REJECTED', `Not a URL: ${url}`);
      }
      if (parsed.protocol !== 'https:') throw new ServiceError('REJECTED', 'Only https: links are opened');
      await deps.openExternal(parsed.href);
      return { opened: true };
    },
  };

  const table = {} as Record<OperationName, (input: unknown) => Promise<Result<unknown>>>;
  for (const op of OPERATION_NAMES) {
    table[op] = async (input: unknown) => {
      const parsed = operations[op].input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail({
          code: 'INVALID_INPUT',
          message: `Invalid input for ${op}`,
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      try {
        // The cast is sound: `parsed` came from this very operation's schema.
        return redactor.deep({ ok: true, value: await (impl[op] as (i: unknown) => unknown)(parsed.data) });
      } catch (e) {
        return fail(redactor.deep(toAppError(e)));
      }
    };
  }
  return {
    table: table as HandlerTable,
    async stopSending() {
      closing = true;
      for (const controller of inFlight.values()) controller.cancel();
      await Promise.allSettled(sending);
    },
    stopTails: () => tails.stopAll(),
    stopRuns: runs.stopRuns,
  };
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

function toAppError(e: unknown): AppError {
  if (e instanceof RecordProblems) {
    return {
      code: 'INVALID_INPUT',
      message: e.problems.map((p) => p.message).join('\n'),
      fields: e.problems.map((p) => ({ path: p.field, message: p.message })),
    };
  }
  if (e instanceof ServiceError) {
    return {
      code: e.code,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.hintCode ? { hintCode: e.hintCode } : {}),
      ...(e.field ? { fields: [{ path: e.field, message: e.message }] } : {}),
    };
  }
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

class RecordProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

/** Where a profile's keys come from, and nothing of the keys themselves. */
function credentialSourceOf(profile: StoredProfile): CodeContext['profile']['credentials'] {
  return { source: profile.credentials.source, sharedProfile: profile.credentials.sharedProfile };
}

/** Main's own check of everything the renderer composed, with the limits of the target. */
function prepareRecord(
  profile: StoredProfile,
  req: Omit<ComposedRequest, 'profileId'>,
): { streamName: string; data: Uint8Array; family: LimitFamily } {
  const streamName = targetStreamName(req.target);
  const family = limitFamilyOf(profile.kind, streamName);
  const problems: Problem[] = [];
  if (req.target.type === 'yds') {
    for (const part of [req.target.cloudId, req.target.databaseId, req.target.stream]) {
      if (part.includes('/')) problems.push({ field: 'stream', code: 'STREAM_PART', message: `"${part}" must not contain "/": fill each part separately or paste the full path` });
    }
  } else if (family === 'aws' && !isValidAwsStreamName(streamName)) {
    problems.push({
      field: 'stream',
      code: 'STREAM_NAME',
      message: 'Stream name may hold only letters, digits, "_", "." and "-" (1 to 128 characters)',
    });
  }
  const keyProblem = validatePartitionKey(req.partitionKey, family);
  if (keyProblem) problems.push(keyProblem);
  const hashProblem = validateExplicitHashKey(req.explicitHashKey ?? '');
  if (hashProblem) problems.push(hashProblem);
  const encoded = encodePayload(req.payload.mode, req.payload.text);
  if (!encoded.ok) problems.push(encoded.problem);
  else {
    const sizeProblem = validateRecordSize(req.partitionKey, encoded.bytes, family);
    if (sizeProblem) problems.push(sizeProblem);
  }
  if (problems.length > 0 || !encoded.ok) throw new RecordProblems(problems);
  return { streamName, data: encoded.bytes, family };
}
