// Runs "Copy as code" snippets for real — python3 + boto3, node + the AWS SDK v3, sh + the AWS CLI —
// with one interpreter per language for all of a test file's snippets: a start of boto3, of the SDK
// or of the CLI's Python costs about a second of CPU each, dozens of them a large share of the suite.
// Each snippet still runs as a process of its own would: its own file and module scope, environment,
// working folder, stdout and stderr, and a fresh boto3 session or CLI driver. One snippet runs at a
// time, so whatever a server receives between run() and its answer is that snippet's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pythonOf } from './aws-cli';

export type SnippetLanguage = 'python' | 'node' | 'cli';

export interface Snippet {
  code: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface SnippetResult {
  /** The exit status the snippet's own process would have had. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface SnippetRunner {
  run(snippet: Snippet): Promise<SnippetResult>;
  close(): Promise<void>;
}

// A job per line on stdin: the snippet's file, folder, environment and where its output goes; the
// exit status is answered on fd 3 once the snippet is done.
const PYTHON_DRIVER = `import json, os, runpy, sys, traceback
control = os.fdopen(3, 'w')
for line in sys.stdin:
    job = json.loads(line)
    os.environ.clear()
    os.environ.update(job['env'])
    os.chdir(job['cwd'])
    if 'boto3' in sys.modules:
        sys.modules['boto3'].DEFAULT_SESSION = None
    saved = [os.dup(1), os.dup(2)]
    for fd, name in ((1, 'out'), (2, 'err')):
        target = os.open(job[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    code = 0
    try:
        runpy.run_path(job['file'], run_name='__main__')
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, copy in zip((1, 2), saved):
        os.dup2(copy, fd)
        os.close(copy)
    control.write(f'{code}\\n')
    control.flush()
`;

const NODE_DRIVER = `import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
let failure = null;
process.on('unhandledRejection', (e) => (failure = e));
const redirect = (stream, fd) => {
  const write = stream.write;
  stream.write = (chunk, encoding, done) => {
    writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk);
    (typeof encoding === 'function' ? encoding : done)?.();
    return true;
  };
  return () => (stream.write = write);
};
for await (const line of createInterface({ input: process.stdin })) {
  const job = JSON.parse(line);
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, job.env);
  process.chdir(job.cwd);
  const out = openSync(job.out, 'w');
  const err = openSync(job.err, 'w');
  const restore = [redirect(process.stdout, out), redirect(process.stderr, err)];
  failure = null;
  let code = 0;
  try {
    await import(pathToFileURL(job.file).href);
    // A promise the snippet left behind fails it as it would fail its own process.
    await new Promise((resolve) => setImmediate(resolve));
    if (failure) throw failure;
  } catch (e) {
    writeSync(err, String(e?.stack ?? e) + '\\n');
    code = 1;
  }
  restore.forEach((r) => r());
  closeSync(out);
  closeSync(err);
  writeSync(3, code + '\\n');
}
`;

// The CLI's Python, started once: each \`aws\` call hands its working folder, environment and
// arguments through a FIFO, runs the real CLI's entry script (runpy) with a fresh driver and session,
// and writes its output where the calling shell function prints it from.
const CLI_SERVER = `import os, runpy, sys
aws, request, status = sys.argv[1:]
# Importing the CLI sets variables (AWS_DATA_PATH): each call gets them as a fresh process would.
before = dict(os.environb)
import awscli.clidriver
imported = {k: v for k, v in os.environb.items() if before.get(k) != v}
while True:
    with open(request, 'rb') as f:
        fields = f.read().split(b'\\0')
    out, err, cwd = fields[:3]
    end = fields.index(b'', 3)
    os.environb.clear()
    os.environb.update(e.split(b'=', 1) for e in fields[3:end])
    os.environb.update(imported)
    os.chdir(cwd)
    sys.argv = [aws] + [os.fsdecode(a) for a in fields[end + 1 : -1]]
    saved = [os.dup(1), os.dup(2)]
    for fd, name in ((1, out), (2, err)):
        target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    try:
        runpy.run_path(aws, run_name='__main__')
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, copy in zip((1, 2), saved):
        os.dup2(copy, fd)
        os.close(copy)
    with open(status, 'w') as f:
        f.write(f'{code}\\n')
`;

// Stands in for the aws command in each snippet's shell: the call's output files, folder,
// environment (with what the snippet set for it: dash exports a function's prefix assignments),
// an empty field, then the arguments; then the CLI's output and exit status as its own.
const AWS_FUNCTION = `aws() {
  aws_out=$(mktemp) && aws_err=$(mktemp) || return 1
  { printf '%s\\0' "$aws_out" "$aws_err" "$PWD"; env -0; printf '\\0'; printf '%s\\0' "$@"; } > "$AWS_REQUEST"
  read -r aws_code < "$AWS_STATUS"
  cat "$aws_out"; cat "$aws_err" >&2; rm -f "$aws_out" "$aws_err"
  return "$aws_code"
}
`;

/**
 * A runner for one language. `aws` is the AWS CLI to run (a Python script can be run in one
 * interpreter; a frozen build is started per call, from `PATH` with its folder first).
 */
export async function startSnippetRunner(
  language: SnippetLanguage,
  options: { aws?: { bin: string; dir: string } } = {},
): Promise<SnippetRunner> {
  // ESM ignores NODE_PATH: node snippets must sit under the project to resolve its node_modules.
  const parent = language === 'node' ? path.join(process.cwd(), 'node_modules', '.cache') : os.tmpdir();
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, 'snippets-'));
  let count = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  const files = (extension: string) => {
    const n = count++;
    return {
      file: path.join(dir, `snippet-${n}.${extension}`),
      out: path.join(dir, `${n}.out`),
      err: path.join(dir, `${n}.err`),
    };
  };
  const outputs = async (job: { out: string; err: string }) => ({
    stdout: await readFile(job.out, 'utf8').catch(() => ''),
    stderr: await readFile(job.err, 'utf8').catch(() => ''),
  });

  if (language === 'cli') {
    const python = options.aws ? pythonOf(options.aws.bin) : null;
    const server = python ? await startCliServer(dir, python, options.aws!.bin) : null;
    let current: ChildProcess | null = null;
    return {
      run: (snippet) =>
        inTurn(async () => {
          const job = files('sh');
          await writeFile(job.file, server ? `${AWS_FUNCTION}. '${job.file}.code'\n` : snippet.code);
          if (server) await writeFile(`${job.file}.code`, snippet.code);
          const env = server
            ? { ...snippet.env, ...server.env }
            : { ...snippet.env, PATH: `${options.aws?.dir ?? ''}${path.delimiter}${snippet.env.PATH}` };
          current = spawn('sh', [job.file], { cwd: snippet.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
          return server ? Promise.race([collect(current), server.exited]) : collect(current);
        }),
      async close() {
        await Promise.all([server && stop(server), current && stop(current)]);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  const driver = path.join(dir, language === 'python' ? 'driver.py' : 'driver.mjs');
  await writeFile(driver, language === 'python' ? PYTHON_DRIVER : NODE_DRIVER);
  const child = spawn(language === 'python' ? 'python3' : process.execPath, [driver], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  let said = '';
  child.stderr.on('data', (d: Buffer) => (said += d.toString()));
  child.stdout.resume();
  const answers = lines(child.stdio[3] as NodeJS.ReadableStream);
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`the ${language} runner exited ${code}: ${said.slice(-4000)}`))),
  );
  exited.catch(() => {});
  return {
    run: (snippet) =>
      inTurn(async () => {
        const job = files(language === 'python' ? 'py' : 'mjs');
        await writeFile(job.file, snippet.code);
        child.stdin.write(`${JSON.stringify({ ...job, cwd: snippet.cwd, env: snippet.env })}\n`);
        const code = Number(await Promise.race([answers.next(), exited]));
        return { code, ...(await outputs(job)) };
      }),
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startCliServer(dir: string, python: string, aws: string) {
  const request = path.join(dir, 'aws-request.fifo');
  const status = path.join(dir, 'aws-status.fifo');
  await collect(spawn('mkfifo', [request, status]));
  const server = path.join(dir, 'aws_server.py');
  await writeFile(server, CLI_SERVER);
  const child = spawn(python, [server, aws, request, status], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  child.stderr.on('data', (d: Buffer) => (said += d.toString()));
  // A snippet waits on the FIFO for ever once the server is gone: its end fails the snippet instead.
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`the CLI's Python exited ${code}: ${said.slice(-4000)}`))),
  );
  exited.catch(() => {});
  return Object.assign(child, { env: { AWS_REQUEST: request, AWS_STATUS: status }, exited });
}

/** Ends a runner's process, also one stuck in a snippet (a failing test's), and waits for it to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function collect(child: ChildProcess): Promise<SnippetResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The lines a stream sends, one per next(). */
function lines(stream: NodeJS.ReadableStream) {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  stream.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      const next = waiting.shift();
      if (next) next(line);
      else ready.push(line);
    }
  });
  return {
    next: () => (ready.length ? Promise.resolve(ready.shift()!) : new Promise<string>((r) => waiting.push(r))),
  };
}
