// The Kubernetes manifests in docs/k8s hold together with the CLI: an Indexed Job whose shard
// count is said once for Kubernetes and once for the runner (the same N), credentials from a
// Secret under the names the runner reads, a command line the runner's own parser takes, and a
// merge Job whose command line merges exactly the reports the load Job's pods write.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseRunArgs } from '../../electron/cli/args';
import { mergeCommand } from '../../electron/cli/merge-command';
import { EXIT_CODES } from '../../electron/runner/exit-codes';
import { mergedReportSchema } from '../../electron/runner/merge';
import type { RunnerReport } from '../../electron/runner/report';
import { SHARD_ENV, shardOf } from '../../electron/runner/shard';

const DOCS = path.resolve(import.meta.dirname, '../../docs/k8s');

interface Container {
  args: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Job {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimit?: number;
    template: { spec: { containers: Container[]; volumes: { name: string }[] } };
  };
}

async function manifests(file: string): Promise<{ kind: string }[]> {
  const docs = parseAllDocuments(await readFile(path.join(DOCS, file), 'utf8'));
  for (const doc of docs) expect(doc.errors, file).toEqual([]);
  return docs.map((d) => d.toJS() as { kind: string });
}

const jobIn = async (file: string) => (await manifests(file)).find((d): d is Job => d.kind === 'Job')!;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-k8s-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('docs/k8s/stream-composer-job.yaml', () => {
  it('is an Indexed Job whose N is the same for Kubernetes and for the runner', async () => {
    const job = await jobIn('stream-composer-job.yaml');
    expect(job.spec.completionMode).toBe('Indexed');
    const n = job.spec.completions!;
    expect(n).toBeGreaterThan(1);
    expect(job.spec.parallelism).toBe(n);
    // A failed shard is not run again: its records would be sent twice.
    expect(job.spec.backoffLimit).toBe(0);
    const [run] = job.spec.template.spec.containers;
    const shards = run.env!.find((e) => e.name === SHARD_ENV.count);
    expect(shards?.value).toBe(String(n));
    // The pod with index 2 (Kubernetes sets JOB_COMPLETION_INDEX) runs shard 2 of N.
    const args = parseRunArgs(run.args.slice(1).map((a) => a.replaceAll(`$(${SHARD_ENV.index})`, '2')));
    expect(shardOf(args.shard, { [SHARD_ENV.index]: '2', [SHARD_ENV.count]: shards!.value })).toEqual({
      index: 2,
      count: n,
    });
  });

  it('takes credentials from a Secret under the names the runner reads, and never a flag', async () => {
    const [run] = (await jobIn('stream-composer-job.yaml')).spec.template.spec.containers;
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      const e = run.env!.find((v) => v.name === name);
      expect(e?.valueFrom?.secretKeyRef?.key, name).toBe(name);
      expect(e?.value).toBeUndefined();
    }
    expect(run.args.join(' ')).not.toMatch(/secret|--profile/i);
  });

  it('runs a command line the runner takes, each shard writing its own report where the volume is', async () => {
    const job = await jobIn('stream-composer-job.yaml');
    const [run] = job.spec.template.spec.containers;
    expect(run.args[0]).toBe('run');
    const args = parseRunArgs(run.args.slice(1).map((a) => a.replaceAll(`$(${SHARD_ENV.index})`, '1')));
    expect(args.reporters).toContain('json');
    expect(args.out).toBe('/reports/shard-1');
    expect(args.shard).toBeUndefined();
    const mounts = run.volumeMounts!.map((m) => m.mountPath);
    expect(mounts.some((m) => args.out!.startsWith(`${m}/`))).toBe(true);
    expect(args.paths.every((p) => mounts.some((m) => p.startsWith(`${m}/`)))).toBe(true);
  });
});

describe('docs/k8s/stream-composer-merge.yaml', () => {
  it("merges exactly the load Job's shard reports, through the real merge command", async () => {
    const load = await jobIn('stream-composer-job.yaml');
    const n = load.spec.completions!;
    const [merge] = (await jobIn('stream-composer-merge.yaml')).spec.template.spec.containers;
    expect(merge.args[0]).toBe('merge');
    // The reports the load Job's pods write (its --out per index, report.json in it), under a temporary /reports.
    const runArgs = load.spec.template.spec.containers[0].args;
    const outOf = (i: number) =>
      parseRunArgs(runArgs.slice(1).map((a) => a.replaceAll(`$(${SHARD_ENV.index})`, String(i)))).out!;
    const here = (p: string) => p.replace(/^\/reports(?=\/)/, dir);
    for (let i = 0; i < n; i++) {
      await mkdir(here(outOf(i)), { recursive: true });
      await writeFile(path.join(here(outOf(i)), 'report.json'), JSON.stringify(emptyShardReport(i, n)));
    }
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await mergeCommand(merge.args.slice(1).map(here));
    expect(code).toBe(EXIT_CODES.ok);
    const outIndex = merge.args.indexOf('--out');
    const merged = mergedReportSchema.parse(
      JSON.parse(await readFile(path.join(here(merge.args[outIndex + 1]), 'report.json'), 'utf8')),
    );
    expect(merged.shards.map((s) => s.index)).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

/** A shard's report of a run with nothing to send: valid, and enough to merge. */
function emptyShardReport(index: number, count: number): RunnerReport {
  const zero = { total: 0, acknowledged: 0, failed: 0, notSent: 0, unknown: 0, possibleDuplicates: 0 };
  return {
    kind: 'stream-composer/report',
    version: 1,
    tool: { name: 'stream-composer', version: '0.1.0' },
    environment: 'prod',
    shard: { index, count },
    interrupted: false,
    problems: [],
    totals: {
      requests: 0,
      passed: 0,
      failed: 0,
      undelivered: 0,
      errors: 0,
      interrupted: 0,
      records: zero,
      assertions: { passed: 0, failed: 0, notChecked: 0 },
    },
    requests: [],
    exitCode: 0,
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:01:00.000Z',
  };
}
