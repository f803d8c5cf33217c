// The bundled command-line runner as a CI image or a Kubernetes pod runs it: dist/stream-composer.mjs
// (made fresh by the tests' build step) with plain node, in a folder of its own, with a clean
// environment: no AWS settings but those given, and HOME in that folder.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BUNDLE = path.resolve(import.meta.dirname, '../../dist/stream-composer.mjs');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: {
    cwd: string;
    env?: Record<string, string>;
    /** Node's own options, before the bundle (`--import` a probe). */
    nodeArgs?: string[];
    onSpawn?: (child: ChildProcess) => void;
  },
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BUNDLE, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: opts.cwd, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    opts.onSpawn?.(child);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
