// The PutRecord answer in the shape boto3 prints it, which the YDS docs show, for the "Raw" tab.
// Derived on display rather than stored, so history keeps one copy of each field. Pure code: no
// Node or DOM APIs.
import type { SendResponse } from '../contract';

export interface BotoPrintout {
  ShardId: string;
  SequenceNumber: string;
  /** Omitted when the answer carried none. */
  EncryptionType?: string;
  ResponseMetadata: { RequestId: string | null; HTTPStatusCode: number | null; RetryAttempts: number };
}

export function botoPrintout(response: SendResponse): BotoPrintout {
  return {
    ShardId: response.shardId,
    SequenceNumber: response.sequenceNumber,
    ...(response.encryptionType ? { EncryptionType: response.encryptionType } : {}),
    ResponseMetadata: {
      RequestId: response.requestId,
      HTTPStatusCode: response.httpStatus,
      // boto3 counts retries; the SDK counts attempts, the first one included.
      RetryAttempts: response.attempts - 1,
    },
  };
}
