// The fate of every record of a run as JSON Lines, written while the run goes so memory stays
// flat however many records it sends. Lines come in the order fates are decided, not by index.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface RecordResult {
  index: number;
  /** Absent for records never generated (not sent). */
  partitionKey?: string;
  ok: boolean;
  shardId?: string;
  sequenceNumber?: string;
  errorCode?: string;
  errorMessage?: string;
  attempts: number;
  /** Acknowledged after an earlier call of it got no answer: it may be stored twice. */
  possibleDuplicate?: true;
  /** Given up after a call without an answer (at most once): it may or may not be stored. */
  unknown?: true;
}

export interface ResultsFile {
  add(result: RecordResult): void;
  /** Flushes what add() buffered; waits while the disk is behind. */
  flush(): Promise<void>;
  close(): Promise<string | null>;
}

/** Lines are buffered and written in chunks; close() resolves with the write error, if any. */
export function openResultsFile(file: string): ResultsFile {
  const out = createWriteStream(file, { flags: 'w' });
  let error: Error | null = null;
  out.on('error', (e) => (error ??= e));
  let buffer: string[] = [];
  let draining: Promise<void> | null = null;

  async function flush() {
    if (buffer.length === 0 || error) return;
    const chunk = buffer.join('');
    buffer = [];
    // One wait for 'drain' shared by every flush meanwhile (add() does not await its flushes).
    // once() settles on 'error' too, and removes its listeners either way.
    if (!out.write(chunk)) await (draining ??= once(out, 'drain').then(
      () => void (draining = null),
      () => void (draining = null),
    ));
  }

  return {
    add(result) {
      buffer.push(JSON.stringify(result) + '\n');
      if (buffer.length >= 1000) void flush();
    },
    flush,
    async close() {
      await flush();
      if (!error) {
        out.end();
        await once(out, 'finish').catch(() => undefined);
      } else {
        out.destroy();
      }
      return error ? (error as Error).message : null;
    },
  };
}
