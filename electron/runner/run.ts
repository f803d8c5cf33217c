// The runner: sends a list of workspace requests with the app's own modules (the send path's
// record check and sender, the load engine, the batch host that renders templates in a worker)
// and answers the JSON report. Plain Node: no Electron, no history, no profile store; where
// requests go and with which credentials is decided by the caller (connection.ts), never by a
// request file.
import type { Assertion, SavedRequestBody } from '../contract';
import type { Redactor } from '../secrets/redact';
import type { RequestReport, RunnerReport, Shard } from './report';

/** What the runner needs of a workspace request (electron/workspace/load.ts WorkspaceRequest). */
export interface RunnableRequest {
  /** Relative to the workspace, '/'-separated. */
  path: string;
  name: string;
  request: SavedRequestBody;
  assertions: Assertion[];
  /** The folder a batch file source's fileName is relative to (absolute). */
  baseDir: string;
}

/** Live figures for the terminal reporter; at most 10 a second per request. */
export type RunnerEvent =
  | { type: 'requestStart'; index: number; count: number; path: string; name: string; total: number | null }
  | {
      type: 'progress';
      index: number;
      sent: number;
      acknowledged: number;
      failed: number;
      total: number | null;
      ratePerSec: number;
      etaMs: number | null;
    }
  | { type: 'requestEnd'; index: number; report: RequestReport };

export interface RunOptions {
  /** How clients are built for a request (endpoint, region, credentials): electron/runner/connection.ts. */
  connection: import('./connection').RunnerConnection;
  /** The selected environment's variables, and its name for the report (null: none). */
  variables: Record<string, string>;
  environment: string | null;
  /** This process's share of a sharded load (electron/runner/shard.ts); null: every record. */
  shard: Shard | null;
  /** Aborted on Ctrl+C / SIGTERM: no new calls; calls in flight end (bounded) and the report is marked interrupted. */
  signal: AbortSignal;
  /** Cuts every credential value from failures and the report. */
  redactor: Redactor;
  /** Where run journals are written while the runner works (removed by the caller). */
  workDir: string;
  onEvent?: (event: RunnerEvent) => void;
  /** The tool's version for the report. */
  version: string;
}

/**
 * Runs the requests one after another, in the order given, and answers the report (exitCode set
 * by electron/runner/exit-codes.ts). Never throws for a request's failure: each ends in the report
 * with its status; before anything is sent every request's variables are resolved, and a problem
 * (a missing variable, a record that breaks the target's limits) ends the run with exit code 2
 * and nothing sent.
 */
export async function runRequests(requests: RunnableRequest[], options: RunOptions): Promise<RunnerReport> {
  void requests;
  void options;
  throw new Error('not implemented yet');
}
