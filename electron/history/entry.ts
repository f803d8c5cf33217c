// How an entry is kept (payload capped) and how it is listed (a one-line summary).
import type { HistoryEntry, HistorySummary } from '../contract';

export const DEFAULT_PAYLOAD_CAP = 64 * 1024;
const PREVIEW_CHARS = 120;

const encoder = new TextEncoder();

/** The entry with its payload text cut to at most `capBytes` UTF-8 bytes, on a character boundary. */
export function capPayload(entry: HistoryEntry, capBytes: number): HistoryEntry {
  const { text } = entry.payload;
  // Each UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no encoding to know they fit.
  if (text.length * 3 <= capBytes || Buffer.byteLength(text, 'utf8') <= capBytes) return entry;
  // encodeInto writes whole characters only; `read` is how many UTF-16 units made it in.
  const { read } = encoder.encodeInto(text, new Uint8Array(capBytes));
  return { ...entry, payload: { ...entry.payload, text: text.slice(0, read), truncated: true } };
}

export function summarize(entry: HistoryEntry): HistorySummary {
  const { result } = entry;
  return {
    id: entry.id,
    time: entry.time,
    profileName: entry.profile.name,
    streamName: entry.streamName,
    partitionKey: entry.partitionKey,
    ok: result.ok,
    detail: result.ok ? result.response.shardId : result.error.name,
    latencyMs: entry.latencyMs,
    preview: preview(entry.payload.text),
    ...(entry.run
      ? {
          run: {
            state: entry.run.report.state,
            total: entry.run.report.total,
            acknowledged: entry.run.report.acknowledged,
            failed: entry.run.report.failed,
            notSent: entry.run.report.notSent,
          },
        }
      : {}),
  };
}

function preview(text: string): string {
  // Whitespace runs (newlines included) become one space; only the head of the text is looked at.
  const chars = Array.from(
    text
      .slice(0, PREVIEW_CHARS * 4)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : chars.join('');
}
