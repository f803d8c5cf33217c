// How a replay appears in history: a run entry like a batch's, its request standing for the
// target, keys and transform, a label naming the source stream and what was picked there, and
// where the records came from (for "Replay again", which reads the whole request back).
import { targetStreamName } from '../shared/addressing';
import { UNCHANGED_RECORD_TEMPLATE } from '../shared/replay';
import type { BatchRequest, ReplayHistory, ReplayRequest, ReplaySelection } from '../contract';

/** The target side of a replay as the batch request a run entry holds. */
export function historyRequestOf(request: ReplayRequest): BatchRequest {
  return {
    profileId: request.profileId,
    target: request.target,
    source: { type: 'template', template: request.transform?.template ?? UNCHANGED_RECORD_TEMPLATE, locale: 'en' },
    keys: request.keys,
    payloadMode: request.transform?.mode ?? 'text',
  };
}

export function replayLabel(fromStream: string, select: ReplaySelection): string {
  switch (select.type) {
    case 'records':
      return `replay of ${select.records.length} records of ${fromStream}`;
    case 'range':
      return `replay of ${fromStream}, ${select.shardId} from ${select.from}${select.to ? ` to ${select.to}` : ''}`;
    case 'window':
      return `replay of ${fromStream} from ${select.from} to ${select.to}`;
  }
}

/** Where a replay's records came from, as its history entry keeps it: picked records only counted. */
export function replayHistoryOf(request: ReplayRequest): ReplayHistory {
  const { select } = request;
  return {
    from: { profileId: request.from.profileId, streamName: targetStreamName(request.from.target) },
    select: select.type === 'records' ? { type: 'records', count: select.records.length } : select,
  };
}
