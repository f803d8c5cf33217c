// `stream-composer run`: finds the workspace, picks the requests the paths name, checks the
// environment and the connection, runs them (electron/runner/run.ts) and writes the reports.
// Ctrl+C (SIGINT, or SIGTERM as Kubernetes sends) stops sending and still writes the reports;
// a second one exits at once.
import { mkdir, mkdtemp, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRedactor } from '../secrets/redact';
import { loadWorkspace, findWorkspace, type LoadedWorkspace } from '../workspace/load';
import { openConnection, type RunnerConnection } from '../runner/connection';
import { EXIT_CODES } from '../runner/exit-codes';
import { ConfigProblem } from '../runner/problems';
import type { RunnerReport } from '../runner/report';
import { reportOfProblems, runRequests, type ReportMeta, type RunnableRequest } from '../runner/run';
import { shardOf, ShardError } from '../runner/shard';
import { parseRunArgs, UsageError, type Reporter, type RunArgs } from './args';
import { RUN_HELP } from './help';
import { junitXml } from './reporters/junit';
import { progressReporter, summaryText } from './reporters/terminal';

export async function runCommand(argv: string[], version: string): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    process.stdout.write(RUN_HELP);
    return EXIT_CODES.ok;
  }
  let shard;
  try {
    shard = shardOf(args.shard, process.env);
  } catch (error) {
    if (error instanceof ShardError) throw new UsageError(error.message, 'run');
    throw error;
  }
  const cwd = process.cwd();
  const workspaceDir = await workspaceOf(args, cwd);
  const workspace = await loadWorkspace(workspaceDir);
  const { requests, picked } = await selected(workspace, args.paths, cwd);
  const meta: ReportMeta = { environment: args.env, shard, version, interrupted: false };

  // Problems of the files picked, of the environment and of the connection: nothing is sent.
  const problems: RunnerReport['problems'] = workspace.problems
    .filter((p) => picked(p.path))
    .map((p) => ({ reason: p.reason, message: p.message, hint: 'Fix the file, then run again.', path: p.path }));
  let variables: Record<string, string> = {};
  if (args.env !== null) {
    const env = workspace.environments.find((e) => e.name === args.env);
    if (env) variables = env.variables;
    else problems.push(missingEnvironment(args.env, workspace));
  }
  if (requests.length === 0 && problems.length === 0)
    throw new UsageError(`The workspace ${workspace.dir} holds no request (*.request.yaml) to run.`, 'run');

  const redactor = createRedactor();
  let connection: RunnerConnection | null = null;
  if (problems.length === 0) {
    try {
      connection = await openConnection(
        { endpoint: args.endpoint, region: args.region, profile: args.profile, sandbox: args.sandbox },
        process.env,
        redactor,
      );
    } catch (error) {
      if (!(error instanceof ConfigProblem)) throw error;
      problems.push({ reason: error.reason, message: error.message, hint: error.hint, path: null });
    }
  }
  if (!connection) return finish(reportOfProblems(requests, problems, meta), args);

  const stop = interruptHandler();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'stream-composer-run-'));
  try {
    const progress = args.quiet || !args.reporters.includes('cli') ? undefined : progressReporter(process.stderr);
    const report = await runRequests(requests, {
      connection,
      workspaceDir: workspace.dir,
      variables,
      environment: args.env,
      shard,
      signal: stop.signal,
      redactor,
      workDir,
      version,
      ...(progress ? { onEvent: progress } : {}),
    });
    return await finish(report, args);
  } finally {
    stop.dispose();
    await connection.close().catch(() => {});
    await rm(workDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** --workspace, else the workspace above the first path (or the current folder). */
async function workspaceOf(args: RunArgs, cwd: string): Promise<string> {
  if (args.workspace !== null) {
    const dir = path.resolve(cwd, args.workspace);
    const found = await findWorkspace(dir);
    if (found === null || path.resolve(found) !== dir)
      throw new UsageError(
        `--workspace ${args.workspace}: ${dir} is not a workspace (it holds no stream-composer.yaml).`,
        'run',
      );
    return dir;
  }
  const from = args.paths.length > 0 ? path.resolve(cwd, args.paths[0]) : cwd;
  const start = (await stat(from).catch(() => null))?.isDirectory() ? from : path.dirname(from);
  const found = await findWorkspace(start);
  if (found === null)
    throw new UsageError(
      `No workspace: no stream-composer.yaml in ${start} or any folder above it. Give --workspace DIR, or run inside a workspace.`,
      'run',
    );
  return found;
}

/**
 * The requests the paths name (files, folders, the workspace), in the workspace's order, every
 * one without paths; `picked` says whether a file (a problem's) is among those named.
 */
async function selected(
  workspace: LoadedWorkspace,
  paths: string[],
  cwd: string,
): Promise<{ requests: RunnableRequest[]; picked: (file: string) => boolean }> {
  if (paths.length === 0) return { requests: workspace.requests, picked: () => true };
  const root = await realpath(workspace.dir);
  const named: string[] = [];
  for (const given of paths) {
    const absolute = await realpath(path.resolve(cwd, given)).catch(() => null);
    if (absolute === null)
      throw new UsageError(`${given} is not there: give a request file, a folder or the workspace.`, 'run');
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative))
      throw new UsageError(`${given} is outside the workspace ${workspace.dir}.`, 'run');
    named.push(relative);
  }
  const picked = (file: string) => named.some((n) => n === '' || file === n || file.startsWith(`${n}/`));
  for (const [i, n] of named.entries()) {
    const under = (file: string) => n === '' || file === n || file.startsWith(`${n}/`);
    if (!workspace.requests.some((r) => under(r.path)) && !workspace.problems.some((p) => under(p.path)))
      throw new UsageError(`${paths[i]} holds no request file (*.request.yaml).`, 'run');
  }
  return { requests: workspace.requests.filter((r) => picked(r.path)), picked };
}

function missingEnvironment(name: string, workspace: LoadedWorkspace): RunnerReport['problems'][number] {
  const names = workspace.environments.map((e) => e.name);
  return {
    reason: 'environmentMissing',
    message: `The workspace has no environment "${name}" (environments/${name}.yaml).`,
    hint: names.length > 0 ? `Give one of: ${names.join(', ')}.` : 'Add environments/<name>.yaml to the workspace.',
    path: null,
  };
}

/** Ctrl+C / SIGTERM: the first stops sending (the run ends and reports), a second exits at once. */
function interruptHandler(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_CODES.interrupted);
    process.stderr.write('\nStopping: no new calls; calls in flight may take up to 10 s. Ctrl+C again exits now.\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Writes the reports the flags ask for and answers the exit code. */
async function finish(report: RunnerReport, args: Pick<RunArgs, 'reporters' | 'out' | 'quiet'>): Promise<number> {
  await writeReports(report, args.reporters, args.out ?? process.cwd(), 'stream-composer');
  if (args.reporters.includes('cli')) process.stdout.write(summaryText(report));
  else if (report.exitCode === EXIT_CODES.usage)
    for (const p of report.problems)
      process.stderr.write(`stream-composer: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
  return report.exitCode;
}

/** report.json and junit.xml, each written whole (a temporary file renamed) into `dir`. */
export async function writeReports(
  report: RunnerReport,
  reporters: Reporter[],
  dir: string,
  suiteName: string,
): Promise<void> {
  const files: [string, string][] = [];
  if (reporters.includes('json')) files.push(['report.json', `${JSON.stringify(report, null, 2)}\n`]);
  if (reporters.includes('junit')) files.push(['junit.xml', junitXml(report, suiteName)]);
  if (files.length === 0) return;
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  }
}
