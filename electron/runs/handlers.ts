// The batch and load-run operations of the handler table: batch files, preview, runs and what is
// done with a run's undelivered records. electron/handlers.ts spreads these into its table.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  BatchPreview,
  BatchRequest,
  EventPayloads,
  HistoryEntry,
  ReasonWithParams,
  Implementations,
  ReplayRequest,
  RunPlan,
  RunReportView,
  SendFailure,
  SendResult,
} from '../contract';
import { resolveEnvironment, resolvePlan } from '../environments/resolve';
import type { EnvironmentStore } from '../environments/store';
import { resolveEndpoint } from '../kinesis/connection';
import { describeFailure, HINTS, type HintCode } from '../kinesis/errors';
import type { LoadPlan } from '../load/run';
import { Fate, readJournal, type JournalSummary } from '../load/results-file';
import type { OutgoingRecord } from '../load/types';
import { profileOrThrow } from '../profiles/lookup';
import { englishOf } from '../messages';
import { targetStreamName } from '../shared/addressing';
import { bytesToBase64, callLimitsOf, limitFamilyOf, LIMITS, type LimitFamily } from '../shared/limits';
import { streamMaxRecordBytesOf } from '../streams/max-record';
import { problemOf, type ReasonParams } from '../shared/reasons';
import { hashKeyOf, shardFor, type ShardRange } from '../shared/shards';
import { describeShards, openShards } from '../streams';
import type { Redactor } from '../secrets/redact';
import {
  ServiceError,
  type HistoryStore,
  type ProfileStore,
  type RecordSender,
  type Sandbox,
  type StoredProfile,
} from '../services';
import { feedOf, hostBatch, recordOf, UnmadeRecord, type HostedBatch } from './batch-host';
import { LISTED_PROBLEMS, utf8Text, type BatchInput } from './batch-session';
import { createBatchFiles } from './files';
import { createRunRegistry, perShardList, type RunSpec } from './registry';
import { loadRunSource, runIdOfFile, saveRunSource, subsetOf, type RunSource } from './run-source';
import { RUNS_FOLDER } from './folder';
import { aggregationOf, budgetFor, checkPlan, loadPlanOf, randomSeed, refuseUnsendable } from './run-rules';
import { openMaker, replayFeed } from '../replay/feed';
import { readSelection } from '../replay/read';
import { historyRequestOf, replayHistoryOf, replayLabel } from '../replay/history';
import { addressesPath, appendAddresses, readAddresses, type Address } from '../replay/addresses';

export interface RunHandlerDeps {
  profiles: ProfileStore;
  history: HistoryStore;
  sender: RecordSender;
  sandbox: Sandbox;
  /** Per-record results files go to <dataDir>/runs. */
  dataDir: string;
  emit: (event: 'run', payload: EventPayloads['run']) => void;
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Asks which batch file to open; null when the user cancels. */
  chooseBatchPath: () => Promise<string | null>;
  /** Cuts credential values from failures, journals and exports. */
  redactor: Redactor;
  /** The selected environment's variables fill `{{env.NAME}}` in a request. */
  environments: Pick<EnvironmentStore, 'variables'>;
}

export type RunHandlers = Implementations<
  | 'openBatchFile'
  | 'loadBatchText'
  | 'parseBatchFile'
  | 'previewBatch'
  | 'startRun'
  | 'pauseRun'
  | 'resumeRun'
  | 'cancelRun'
  | 'getRun'
  | 'exportUndelivered'
  | 'exportPossibleDuplicates'
  | 'resendUndelivered'
  | 'startReplay'
  | 'getReplayRequest'
>;

/** How long the preview waits for the stream's shards before showing no spread. */
const SHARDS_WAIT_MS = 3000;
/** Rows kept in a run's history entry (its request), by payload bytes; the results file has every record's fate. */
const HISTORY_ROWS_BYTES = 64 * 1024;
const HISTORY_FAILURES = 100;

interface RunContext {
  profile: StoredProfile;
  request: BatchRequest;
  streamName: string;
  family: LimitFamily;
  /** The stream's own maximum record size (streamMaxRecordBytes). */
  maxRecordBytes: number;
}

/** What the records of a batch are checked against. */
type RecordLimits = Pick<RunContext, 'family' | 'maxRecordBytes'>;

export function createRunHandlers(deps: RunHandlerDeps): {
  handlers: RunHandlers;
  stopRuns(): Promise<void>;
  /** Deletes the journals and sources of runs no history entry holds any more (deleted, cleared, compacted away). */
  sweepResults(): Promise<void>;
  /** A run's records at these indexes made again from its saved source, for assertions to compare with the stream. */
  remake(entry: HistoryEntry, indexes: number[]): Promise<Map<number, Uint8Array>>;
} {
  const files = createBatchFiles();
  const resultsDir = path.join(deps.dataDir, RUNS_FOLDER);
  const journalOf = (runId: string) => path.join(resultsDir, `${runId}.jsonl`);
  const registry = createRunRegistry({ resultsDir, emit: (event) => deps.emit('run', event) });

  const sweepResults = async () => {
    // A history that could not be read whole (or at all) may hold runs the index lacks: their files stay.
    if (deps.history.notices().some((n) => n.code === 'HISTORY_READ_FAILED' || n.code === 'HISTORY_UNUSABLE')) return;
    const names = await readdir(resultsDir).catch(() => [] as string[]);
    const kept = new Set(registry.liveRunIds());
    for (const entry of deps.history.matching({})) if (entry.run) kept.add(entry.run.runId);
    const orphans = names.filter((n) => !kept.has(runIdOfFile(n)));
    await Promise.all(orphans.map((n) => rm(path.join(resultsDir, n), { force: true }).catch(() => {})));
  };

  /**
   * Runs the history says are running but no process runs: the app stopped during them. Each
   * becomes interrupted, with its figures read from its journal; no file is touched.
   */
  const recoverInterrupted = async () => {
    const live = new Set(registry.liveRunIds());
    for (const entry of deps.history.matching({})) {
      const run = entry.run;
      if (!run || run.report.state !== 'running' || live.has(run.runId)) continue;
      let journal: JournalSummary | null = null;
      let readError: string | null = null;
      try {
        journal = await readJournal(journalOf(run.runId), {
          declaredTotal: run.report.total,
          keepFailures: HISTORY_FAILURES,
        });
      } catch (error) {
        // No journal: the app stopped before the first call went, so nothing was sent.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') readError = (error as Error).message;
      }
      await deps.history.update(withReport(entry, interruptedView(run.report, journal, readError))).catch(() => {});
    }
  };
  // Then entries dropped by retention at start, or deleted in a session that ended before its sweep.
  void deps.history
    .loaded()
    .then(recoverInterrupted)
    .then(sweepResults, () => {});

  /** A run's undelivered records, from its journal: failed or never sent, by index. Those of unknown fate are left out (they may be stored). */
  const undeliveredOf = async (runId: string) => {
    if (registry.liveRunIds().includes(runId)) throw new ServiceError('runNotEnded', {}, { hint: 'waitForRun' });
    const entry = deps.history.matching({}).find((e) => e.run?.runId === runId);
    if (!entry?.run) throw new ServiceError('runNotInHistory', { id: runId }, { hint: 'runDeleted', field: 'runId' });
    const source = await loadRunSource(resultsDir, runId);
    if (!source) {
      throw new ServiceError('runSourceMissing', { id: runId }, { hint: 'rerunFromHistory' });
    }
    let journal: JournalSummary;
    try {
      journal = await readJournal(journalOf(runId), { declaredTotal: entry.run.report.total, fates: true });
    } catch (error) {
      throw new ServiceError(
        'runResultsUnreadable',
        { cause: (error as Error).message },
        { hint: 'dataFolderReadable' },
      );
    }
    const positions: number[] = [];
    /** Also the records of unknown fate: exported (labelled), never re-sent. */
    const exported: number[] = [];
    const fates = journal.fates!;
    for (let index = 0; index < fates.length; index++) {
      if (fates[index] === Fate.NotSent || fates[index] === Fate.Failed) positions.push(index);
      if (fates[index] === Fate.NotSent || fates[index] === Fate.Failed || fates[index] === Fate.Unknown)
        exported.push(index);
    }
    return { entry, source, positions, exported, fates, errors: journal.errors!, duplicates: journal.duplicates! };
  };

  /** The batch's input for hostBatch: a file source's rows are parsed here, where the file is. */
  const batchInput = async (
    request: BatchRequest,
    { family, maxRecordBytes }: RecordLimits,
    seed: number,
    indexes?: number[],
  ): Promise<BatchInput> => {
    const file = request.source.type === 'file' ? await files.parsed(request.source.fileId, request.source) : null;
    return { request, file, family, maxRecordBytes, seed, ...(indexes ? { indexes } : {}) };
  };

  /**
   * A past run's records are made again as it made them: a record its stream took then is not
   * refused now, so they are checked against the family's largest.
   */
  const pastLimits = (entry: HistoryEntry): RecordLimits => {
    const family = limitFamilyOf(entry.profile.kind, entry.streamName);
    return { family, maxRecordBytes: LIMITS[family].largestRecordBytes };
  };

  /** The batch a run's saved source makes (a file's saved text stands in for the file). */
  const runBatch = async (source: RunSource, limits: RecordLimits, use: 'run' | 'export'): Promise<HostedBatch> => {
    let request: BatchRequest = source.request;
    if (source.file && request.source.type === 'file') {
      const { fileId } = await files.load(source.file.name, source.file.text);
      request = { ...request, source: { ...request.source, fileId } };
    }
    return hostBatch(await batchInput(request, limits, source.request.seed, source.indexes), budgetFor(request, use));
  };

  const contextOf = async (request: BatchRequest): Promise<RunContext> => {
    const profile = profileOrThrow(deps.profiles, request.profileId);
    const streamName = targetStreamName(request.target);
    const family = limitFamilyOf(profile.kind, streamName);
    const maxRecordBytes = await streamMaxRecordBytesOf(() => deps.sender.clientFor(profile), family, streamName);
    return { profile, request, streamName, family, maxRecordBytes };
  };

  const describeWith = (ctx: RunContext, accessKeyId: string) => (error: unknown) =>
    describeFailure(error, {
      family: ctx.family,
      timeoutMs: ctx.profile.timeoutMs,
      aborted: false,
      redact: deps.redactor.text,
      accessKeyIds: [accessKeyId],
    });

  /** The open shards, or null when they cannot be read soon (offline, no such stream): the preview works without. */
  const shardsOf = async (ctx: RunContext): Promise<ShardRange[] | null> => {
    const read = deps.sender
      .clientFor(ctx.profile)
      .then((client) => describeShards(client, ctx.streamName))
      .then(openShards)
      .catch(() => null);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SHARDS_WAIT_MS)));
    try {
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  /**
   * Starts a run whose records `saved` can make again (a replay's are read from its source stream
   * instead: none); it is in history (running) before its first record goes.
   */
  async function launch(
    ctx: RunContext,
    feed: { source: RunSpec['source']; release: () => Promise<void> },
    saved: RunSource | null,
    plan: LoadPlan,
    runPlan: RunPlan,
    sourceLabel: string,
    /** Told the run's id before its first record goes. */
    begun: (runId: string) => void = () => {},
  ) {
    registry.refuseIfClosing();
    let built;
    try {
      built = await deps.sender.loadClientFor(ctx.profile);
    } catch (error) {
      throw callFailed(ctx, error);
    }
    const { client } = built;
    try {
      const aggregation = await aggregationOf(
        runPlan,
        ctx.family,
        async () => openShards(await describeShards(await deps.sender.clientFor(ctx.profile), ctx.streamName)),
        describeWith(ctx, built.accessKeyId),
      );
      const endpoint = (await resolveEndpoint(ctx.profile, deps.sandbox)).shown;
      let entry: HistoryEntry | null = null;
      return await registry.start({
        client,
        streamName: ctx.streamName,
        source: feed.source,
        release: feed.release,
        plan,
        callLimits: callLimitsOf(ctx.family, ctx.maxRecordBytes),
        aggregation,
        describeError: describeWith(ctx, built.accessKeyId),
        redact: deps.redactor.deep,
        begin: async (runId, resultsFile) => {
          begun(runId);
          entry = historyEntryOf({
            ctx,
            runId,
            view: startView(plan, resultsFile),
            plan: runPlan,
            sourceLabel,
            endpoint,
            replay: saved?.replay,
          });
          // The source first: an entry without it could not make its records again; a source
          // without an entry is swept at the next start. Neither failure stops the run, as none
          // stops a send: the history keeps the entry in memory (and says so in a notice), and
          // the report says why there are no results; only recovery after a crash is lost then.
          if (saved) await saveRunSource(resultsDir, runId, saved).catch(() => {});
          await deps.history.append(entry).catch(() => {});
          return entry.id;
        },
        // A deleted entry stays deleted (update writes nothing then).
        record: async (_runId, _report, view) => void (await deps.history.update(withReport(entry!, view))),
      });
    } catch (error) {
      client.destroy();
      throw error;
    }
  }

  /** A call that failed before the run could start, as the error the renderer shows. */
  const callFailed = (ctx: RunContext, error: unknown) => {
    const failure = describeWith(ctx, '')(error);
    return new ServiceError(
      'callFailed',
      { name: failure.name, message: failure.message },
      { hint: failure.hintCode as HintCode },
    );
  };

  /** Starts a replay; a re-send of one's undelivered records passes their addresses, however many. */
  const launchReplay = async (request: ReplayRequest, label: string) => {
    const target = historyRequestOf(request);
    const ctx = await contextOf(target);
    const fromProfile = profileOrThrow(deps.profiles, request.from.profileId);
    const fromStream = targetStreamName(request.from.target);
    const seed = randomSeed();
    const maker = await openMaker({ ...request, family: ctx.family, maxRecordBytes: ctx.maxRecordBytes, seed });
    let reader;
    try {
      reader = await deps.sender.clientFor(fromProfile);
    } catch (error) {
      await maker.close();
      throw callFailed({ ...ctx, profile: fromProfile, streamName: fromStream }, error);
    }
    let addresses: string | null = null;
    const feed = replayFeed(readSelection(reader, fromStream, request.select), maker, (records) => {
      try {
        if (addresses) appendAddresses(addresses, records);
      } catch {
        // As with the journal: the run goes on; only export and re-send of its undelivered are lost.
      }
    });
    const saved: RunSource = { request: { ...target, seed }, replay: request };
    try {
      return await launch(
        ctx,
        { source: feed.source, release: feed.close },
        saved,
        { ...request.plan, untilSourceEnds: true },
        { ...request.plan },
        label,
        (runId) => (addresses = addressesPath(resultsDir, runId)),
      );
    } catch (error) {
      await feed.close();
      throw error;
    }
  };

  const startReplay: RunHandlers['startReplay'] = async (request) => {
    const { runId } = await launchReplay(request, replayLabel(targetStreamName(request.from.target), request.select));
    return { runId, total: null };
  };

  /** A replay's records at `positions`, read again from the source stream and made as the run made them. */
  async function* replayedAgain(
    runId: string,
    source: RunSource,
    positions: number[],
  ): AsyncGenerator<{ index: number; record: OutgoingRecord }> {
    const request = source.replay!;
    const found = await readAddresses(addressesPath(resultsDir, runId), positions).catch(
      () => new Map<number, Address>(),
    );
    if (found.size === 0) return;
    const indexOf = new Map([...found].map(([index, a]) => [`${a.shardId} ${a.sequenceNumber}`, index]));
    const ctx = await contextOf(historyRequestOf(request));
    const reader = await deps.sender.clientFor(profileOrThrow(deps.profiles, request.from.profileId));
    const maker = await openMaker({
      ...request,
      family: ctx.family,
      maxRecordBytes: ctx.maxRecordBytes,
      seed: source.request.seed,
    });
    try {
      const pages = readSelection(reader, targetStreamName(request.from.target), {
        type: 'records',
        records: [...found.values()],
      });
      for await (const page of pages) {
        for (const r of page) {
          const index = indexOf.get(`${r.shardId} ${r.sequenceNumber}`);
          if (index === undefined) continue;
          // One at its own position: keys made by position (sequential, random) come out as they did.
          const [made] = await maker.make(index, [r]);
          if (made.ok) yield { index, record: { partitionKey: made.partitionKey, data: made.data } };
        }
      }
    } finally {
      await maker.close();
    }
  }

  /** The records at `positions` of a run, made again: a batch's from its source, a replay's read again. */
  const recordsAgain = async (runId: string, source: RunSource, limits: RecordLimits, positions: number[]) =>
    source.replay
      ? replayedAgain(runId, source, positions)
      : madeAgain(await runBatch(source, limits, 'export'), positions);

  const handlers: RunHandlers = {
    startReplay,
    getReplayRequest: async ({ runId }) => {
      const replay = (await loadRunSource(resultsDir, runId))?.replay;
      if (!replay) throw new ServiceError('runSourceMissing', { id: runId });
      return replay;
    },
    openBatchFile: async () => {
      const file = await deps.chooseBatchPath();
      return file ? files.open(file) : null;
    },
    loadBatchText: ({ name, text }) => files.load(name, text),
    parseBatchFile: ({ fileId, ...choice }) => files.reparse(fileId, choice),

    previewBatch: async ({ count, ...asGiven }) => {
      // The preview shows the records as they will be sent: with the environment's values.
      const request = resolveEnvironment(asGiven, deps.environments.variables());
      const ctx = await contextOf(request);
      const batch = await hostBatch(
        await batchInput(request, ctx, request.seed ?? randomSeed()),
        budgetFor(request, 'preview'),
      );
      try {
        const { summary } = batch;
        const { records, problems: recordProblems } = await batch.preview(count);
        const problems = [...summary.problems, ...recordProblems];
        let problemCount = summary.problemCount + recordProblems.length;
        const shards = summary.broken || summary.total === 0 ? null : await shardsOf(ctx);
        let spread: BatchPreview['spread'] = null;
        let spreadOf = 0;
        if (shards) {
          for (const r of records) r.shardId = shardFor(hashKeyOf(r.partitionKey), shards)?.shardId ?? null;
          try {
            ({ spread, spreadOf } = await batch.spread(shards));
          } catch (error) {
            // Past its budget the spread is left out; the records above are still right.
            if (!(error instanceof ServiceError)) throw error;
            const { reason, params } = error as ServiceError;
            const problem =
              reason === 'previewOverTime'
                ? problemOf('spreadOverTime', params as ReasonParams<'previewOverTime'>)
                : reason === 'previewOverMemory'
                  ? problemOf('spreadOverMemory', params as ReasonParams<'previewOverMemory'>)
                  : ({ reason, params } as ReasonWithParams);
            problems.push({ ...problem, message: englishOf(problem), ...(error.field ? { field: error.field } : {}) });
            problemCount++;
          }
        }
        return {
          records,
          problems: problems.slice(0, LISTED_PROBLEMS),
          problemCount,
          total: summary.total,
          spread,
          spreadOf,
        };
      } finally {
        await batch.close();
      }
    },

    startRun: async ({ plan: given, ...asGiven }) => {
      // `{{env.NAME}}` take their values before anything is checked, made or sent.
      const variables = deps.environments.variables();
      const plan = resolvePlan(given, variables);
      const request = resolveEnvironment(asGiven, variables);
      checkPlan(request, plan);
      const ctx = await contextOf(request);
      // The seed makes each record reproducible by index, which the engine relies on.
      const seed = request.seed ?? randomSeed();
      const batch = await hostBatch(await batchInput(request, ctx, seed), budgetFor(request, 'run'));
      try {
        refuseUnsendable(batch.summary);
        const loadPlan = loadPlanOf(plan, batch.summary.total);
        const saved: RunSource = {
          request: { ...request, seed },
          ...(request.source.type === 'file' ? { file: files.text(request.source.fileId) } : {}),
        };
        const { runId } = await launch(
          { ...ctx, request: saved.request },
          batchFeed(batch),
          saved,
          loadPlan,
          plan,
          batch.summary.label,
        );
        return {
          runId,
          total: loadPlan.count !== undefined && loadPlan.durationMs === undefined ? loadPlan.count : null,
        };
      } catch (error) {
        await batch.close();
        throw error;
      }
    },

    pauseRun: ({ runId }) => ({ state: registry.pause(runId) }),
    resumeRun: ({ runId }) => ({ state: registry.resume(runId) }),
    cancelRun: ({ runId }) => ({ state: registry.cancel(runId) }),
    getRun: ({ runId }) => registry.get(runId),

    exportUndelivered: async ({ runId }) => {
      const { entry, source, exported: positions, fates, errors } = await undeliveredOf(runId);
      if (positions.length === 0) return { path: null, count: 0 };
      const file = await deps.chooseSavePath(`undelivered-${runId.slice(0, 8)}.ndjson`);
      if (!file) return { path: null, count: 0 };
      return writeRecords(file, await recordsAgain(runId, source, pastLimits(entry), positions), (index) => {
        // Unknown: the call got no answer and was not sent again (or the app stopped meanwhile); the record may be stored already.
        if (fates[index] === Fate.Unknown)
          return { fate: 'unknown', error: 'unknown: its call got no answer, so it may or may not be stored' };
        const error = errors.get(index);
        // Journals are redacted as they are written; this covers one written before a secret was known.
        return { fate: error ? 'failed' : 'notSent', error: error ? deps.redactor.text(error) : 'not sent' };
      });
    },

    exportPossibleDuplicates: async ({ runId }) => {
      const { entry, source, duplicates } = await undeliveredOf(runId);
      if (duplicates.length === 0) return { path: null, count: 0 };
      const file = await deps.chooseSavePath(`possible-duplicates-${runId.slice(0, 8)}.ndjson`);
      if (!file) return { path: null, count: 0 };
      return writeRecords(file, await recordsAgain(runId, source, pastLimits(entry), duplicates), () => ({
        fate: 'possibleDuplicate',
      }));
    },

    resendUndelivered: async ({ runId, plan }) => {
      const { source, positions } = await undeliveredOf(runId);
      const total = positions.length;
      if (total === 0) throw new ServiceError('nothingToResend', {});
      const label = `undelivered records of run ${runId}`;
      if (source.replay) {
        const found = await readAddresses(addressesPath(resultsDir, runId), positions);
        const records = [...found.values()];
        if (records.length === 0) throw new ServiceError('nothingToResend', {});
        const started = await launchReplay({ ...source.replay, plan, select: { type: 'records', records } }, label);
        return { runId: started.runId, total: records.length };
      }
      // The profile as it is now: it may have been edited (or deleted) since.
      const ctx = await contextOf(source.request);
      const saved = subsetOf(source, positions);
      const batch = await runBatch(saved, ctx, 'run');
      try {
        const started = await launch(ctx, batchFeed(batch), saved, { ...plan, count: total }, { ...plan }, label);
        return { runId: started.runId, total };
      } catch (error) {
        await batch.close();
        throw error;
      }
    },
  };

  const remake = async (entry: HistoryEntry, indexes: number[]) => {
    const runId = entry.run?.runId ?? '';
    const source = await loadRunSource(resultsDir, runId);
    if (!source) throw new ServiceError('runSourceMissing', { id: runId }, { hint: 'rerunFromHistory' });
    const made = new Map<number, Uint8Array>();
    for await (const { index, record } of await recordsAgain(runId, source, pastLimits(entry), indexes))
      made.set(index, record.data);
    return made;
  };

  return { handlers, stopRuns: () => registry.stopAll(), sweepResults, remake };
}

const batchFeed = (batch: HostedBatch) => ({ source: feedOf(batch), release: () => batch.close() });

/** The records at `positions`, made again; one the run stopped on could not be made then either (its stopError says why). Closes the batch. */
async function* madeAgain(
  batch: HostedBatch,
  positions: number[],
): AsyncGenerator<{ index: number; record: OutgoingRecord }> {
  const feed = feedOf(batch);
  try {
    // In index order: a template's records are made in order, and going back starts it over.
    for (const index of [...positions].sort((a, b) => a - b)) {
      let record: OutgoingRecord;
      try {
        record = await recordOf(feed, index);
      } catch (error) {
        if (error instanceof UnmadeRecord) continue;
        throw error;
      }
      yield { index, record };
    }
  } finally {
    await batch.close();
  }
}

/**
 * Writes records as NDJSON, line by line as they are made again (a cancelled run of millions
 * never sits in memory whole), each with its index and what `about` says of it.
 */
async function writeRecords(
  file: string,
  records: AsyncIterable<{ index: number; record: OutgoingRecord }>,
  about: (index: number) => Record<string, string>,
) {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let count = 0;
  try {
    for await (const { index, record } of records) {
      const text = utf8Text(record.data);
      const line = JSON.stringify({
        partitionKey: record.partitionKey,
        ...(text !== null ? { data: text } : { data: bytesToBase64(record.data), base64: true }),
        index,
        ...about(index),
      });
      count++;
      if (!out.write(line + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { path: file, count };
}

/** A run's report as its history entry holds it at the start: nothing sent yet. */
function startView(plan: LoadPlan, resultsFile: string): RunReportView {
  return {
    state: 'running',
    // A duration run's total is known at its end; recovery counts what its journal holds.
    total: plan.count ?? 0,
    sent: 0,
    acknowledged: 0,
    failed: 0,
    notSent: 0,
    calls: 0,
    throttled: 0,
    acknowledgedPerShard: [],
    failures: [],
    stopError: null,
    durationMs: 0,
    startedAt: new Date().toISOString(),
    resultsFile,
    resultsFileError: null,
    historyId: null,
  };
}

/** The report of a run the app stopped during, from its journal (null: no journal, nothing was sent). */
function interruptedView(
  started: RunReportView,
  journal: JournalSummary | null,
  readError: string | null,
): RunReportView {
  const total = journal?.total ?? started.total;
  const notSent = journal ? journal.notSent : total;
  return {
    ...started,
    state: 'interrupted',
    total,
    sent: total - notSent,
    acknowledged: journal?.acknowledged ?? 0,
    failed: journal?.failed ?? 0,
    notSent,
    unknown: journal?.unknown ?? 0,
    calls: journal?.calls ?? 0,
    acknowledgedPerShard: perShardList(journal?.acknowledgedPerShard ?? {}),
    failures: journal?.failures ?? [],
    resultsFileError: readError,
  };
}

/** What the history says of a run in this state: ok only when every record was acknowledged. */
function runResult(view: RunReportView): SendResult {
  const undelivered = view.total - view.acknowledged;
  const failure = (
    name: string,
    message: string,
    hintCode: HintCode,
    stopError: SendFailure | null = null,
  ): SendResult => ({
    ok: false,
    error: {
      name,
      message,
      hint: stopError?.hint ?? HINTS[hintCode],
      hintCode: stopError?.hintCode ?? hintCode,
      httpStatus: stopError?.httpStatus ?? null,
      requestId: stopError?.requestId ?? null,
      retryable: true,
      attempts: 0,
    },
  });
  if (view.state === 'running') return failure('RunRunning', 'The run is under way.', 'runRunning');
  if (view.state === 'interrupted') {
    const unknown = view.unknown ?? 0;
    return failure(
      'RunInterrupted',
      `The app stopped during the run: ${view.acknowledged} of ${view.total} records acknowledged${unknown ? `, ${unknown} of unknown fate` : ''}`,
      'runInterrupted',
    );
  }
  if (view.state === 'cancelled')
    return failure(
      'RunCancelled',
      `Cancelled: ${view.acknowledged} of ${view.total} records acknowledged, ${undelivered} not delivered`,
      'runIncomplete',
    );
  if (undelivered > 0) {
    const stop = view.stopError;
    return failure(
      'RunIncomplete',
      `${undelivered} of ${view.total} records not delivered${stop ? ` (${stop.name}: ${stop.message})` : ''}`,
      'runIncomplete',
      stop,
    );
  }
  return {
    ok: true,
    response: {
      shardId: view.acknowledgedPerShard.map((s) => s.shardId).join(', '),
      sequenceNumber: '',
      encryptionType: null,
      httpStatus: null,
      requestId: null,
      attempts: 1,
      totalRetryDelayMs: 0,
    },
  };
}

/** The run's entry with this report: one mechanism for the end of a run and for its recovery. */
function withReport(entry: HistoryEntry, view: RunReportView): HistoryEntry {
  return {
    ...entry,
    result: runResult(view),
    latencyMs: Math.round(view.durationMs),
    run: {
      ...entry.run!,
      report: { ...view, historyId: entry.id, failures: view.failures.slice(0, HISTORY_FAILURES) },
    },
  };
}

function historyEntryOf(a: {
  ctx: RunContext;
  runId: string;
  view: RunReportView;
  plan: RunPlan;
  sourceLabel: string;
  endpoint: string;
  replay: ReplayRequest | undefined;
}): HistoryEntry {
  const { ctx, view } = a;
  const { profile, request } = ctx;
  const payloadText =
    request.source.type === 'template'
      ? request.source.template
      : request.source.type === 'rows'
        ? (request.source.rows[0]?.payload ?? '')
        : `${a.sourceLabel} (${request.source.format})`;
  const id = crypto.randomUUID();
  return withReport(
    {
      id,
      time: new Date().toISOString(),
      profile: { id: profile.id, name: profile.name, kind: profile.kind, endpoint: a.endpoint, region: profile.region },
      streamName: ctx.streamName,
      target: request.target,
      partitionKey: describeKeys(request.keys),
      payload: {
        mode: request.source.type === 'file' ? 'text' : request.payloadMode,
        text: payloadText,
        size: Buffer.byteLength(payloadText, 'utf8'),
        truncated: false,
      },
      result: runResult(view),
      latencyMs: 0,
      run: {
        runId: a.runId,
        request: requestForHistory(request),
        sourceLabel: a.sourceLabel,
        plan: a.plan,
        report: view,
        ...(a.replay ? { replay: replayHistoryOf(a.replay) } : {}),
      },
    },
    view,
  );
}

/** Rows beyond HISTORY_ROWS_BYTES are left out: a run is one history entry whatever its size. */
function requestForHistory(request: BatchRequest): BatchRequest {
  if (request.source.type !== 'rows') return request;
  let bytes = 0;
  const rows = request.source.rows.filter(
    (row, i) => (bytes += Buffer.byteLength(row.payload, 'utf8')) <= HISTORY_ROWS_BYTES || i === 0,
  );
  return { ...request, source: { ...request.source, rows } };
}

function describeKeys(keys: BatchRequest['keys']): string {
  switch (keys.type) {
    case 'fixed':
      return keys.value;
    case 'random':
      return '(random per record)';
    case 'sequential':
      return `(sequential: ${keys.prefix ?? ''}${keys.start ?? 0}, ${keys.prefix ?? ''}${(keys.start ?? 0) + 1}, …)`;
    case 'field':
      return `(from field ${keys.path})`;
    case 'template':
      return `(template: ${keys.template.length > 200 ? `${keys.template.slice(0, 200)}…` : keys.template})`;
    case 'row':
      return '(per row)';
  }
}
