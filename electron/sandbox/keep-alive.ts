// Node's servers drop a connection after 5 s idle, and a keep-alive client may be sending on it at
// that moment: the call fails with ECONNRESET (seen as a flaky read-back under load). The sandbox's
// servers keep idle connections far longer than its own clients do, so the client hangs up first.
import type { Server } from 'node:http';

/** Well over CLIENT_IDLE_MS (kinesis/keep-alive.ts), how long every client of ours keeps an idle connection. */
const SERVER_IDLE_MS = 65_000;

export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = SERVER_IDLE_MS;
  // Node wants headersTimeout above keepAliveTimeout, or it may end a reused connection early.
  server.headersTimeout = SERVER_IDLE_MS + 1000;
}
