// The AWS CLI of a given major version on PATH: PATH may hold a v1 (pip's awscli) before a v2.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

export type AwsCli = { ok: true; dir: string; bin: string; version: string } | { ok: false; why: string };

export function findAwsCli(major: 1 | 2): AwsCli {
  const seen: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const bin = path.join(dir, 'aws');
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      continue;
    }
    const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    const version = `${probe.stdout}${probe.stderr}`.trim();
    if (probe.status === 0 && version.startsWith(`aws-cli/${major}.`)) return { ok: true, dir, bin, version };
    seen.push(`${bin}: ${version || `exit ${probe.status}`}`);
  }
  return { ok: false, why: seen.length ? `no AWS CLI v${major} on PATH (found ${seen.join('; ')})` : 'no aws on PATH' };
}

/**
 * The interpreter of a CLI that is a Python script (a distribution's package, such as Debian's
 * awscli), read from its `#!` line; null for a frozen build (the official installer), which cannot
 * be run inside another process.
 */
export function pythonOf(bin: string): string | null {
  const first = readFileSync(bin).subarray(0, 200).toString('latin1').split('\n')[0];
  const interpreter = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first)?.[1];
  return interpreter ?? null;
}
