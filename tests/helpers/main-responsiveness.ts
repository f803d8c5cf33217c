// How long main keeps another call waiting while long work runs. Wall time on a busy shared
// machine grows with every other process, so the assertion is on main's own CPU time between two
// answers: main holding its loop (parsing, rendering on the main thread) shows there, and a core
// taken by other work does not. Wall time is returned too, for the log.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const taskDir = `/proc/self/task/${process.pid}`;
const hasSchedstat = existsSync(`${taskDir}/schedstat`);

/**
 * CPU time (ms) the process's main thread has used, from Linux's per-thread accounting:
 * `schedstat` in nanoseconds where the kernel has it; `stat`'s user + system ticks (10 ms steps,
 * charged by sampling) otherwise.
 */
function mainThreadCpuMs(): number {
  if (hasSchedstat) return Number(readFileSync(`${taskDir}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  const stat = readFileSync(`${taskDir}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

export interface Waits {
  /** Pings answered while the work ran. */
  count: number;
  /** Most CPU time main spent between two answers: what the assertion is on. */
  busiestMs: number;
  /** Latest answer after it was due, in wall time (grows with the machine's load). */
  slowestMs: number;
}

/** Pings `ping` every 2 ms until `work` settles; returns its result and how long main made the pings wait. */
export async function pingWhile<T>(
  work: Promise<T>,
  ping: () => Promise<unknown>,
): Promise<{ result: T; waits: Waits }> {
  if (!isMainThread) throw new Error('pingWhile measures the main thread: run it there.');
  let done = false;
  const settled = work.finally(() => (done = true));
  settled.catch(() => {});
  const waits: Waits = { count: 0, busiestMs: 0, slowestMs: 0 };
  let cpuAtAnswer = mainThreadCpuMs();
  while (!done) {
    const due = performance.now() + 2;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await ping();
    const cpu = mainThreadCpuMs();
    waits.count++;
    waits.busiestMs = Math.max(waits.busiestMs, cpu - cpuAtAnswer);
    waits.slowestMs = Math.max(waits.slowestMs, performance.now() - due);
    cpuAtAnswer = cpu;
  }
  return { result: await settled, waits };
}
