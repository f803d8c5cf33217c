// A keep-alive connection the server drops while a call is being sent on it fails that call with
// ECONNRESET (with maxAttempts 1, the user sees it). Node's agent closes an idle connection a second
// before the server's `Keep-Alive: timeout=N` hint runs out, but only when the agent has an idle
// timeout of its own; servers that give no hint (nginx keeps 75 s, load balancers 60 s) are outlived
// by this cap.
export const CLIENT_IDLE_MS = 30_000;
