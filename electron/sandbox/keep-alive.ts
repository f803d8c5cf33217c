// Node's servers drop a connection after 5 s idle, and a keep-alive client may be sending on it at
// that moment: the call fails with ECONNRESET (seen as a flaky read-back under load). The sandbox's
// servers keep idle connections far longer than its own clients do, so the client hangs up first.
import type { Server } from 'node:http';

const SERVER_IDLE_MS = 65_000;
/** How long the sandbox's own clients keep an idle connection: well under SERVER_IDLE_MS. */
export const CLIENT_IDLE_MS = 30_000;

export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = SERVER_IDLE_MS;
  // Node wants headersTimeout above keepAliveTimeout, or it may end a reused connection early.
  server.headersTimeout = SERVER_IDLE_MS + 1000;
}
