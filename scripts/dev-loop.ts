// The dev loop behind `npm run dev`: Vite serves the renderer from source with hot reload, esbuild
// rebuilds main on every save, and a Chromium window shows the app with window.composer bridged to
// main's handler table as in `npm run preview`. Main runs in a child process (scripts/dev-host.ts)
// that is replaced after each rebuild, so the window is never lost.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { context, type BuildContext, type BuildOptions, type Plugin as EsbuildPlugin } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, mergeConfig, type Plugin, type ViteDevServer } from 'vite';
import viteConfig from '../vite.config';
import { EVENT_NAMES, OPERATION_NAMES, SUBJECT_EVENT_NAMES, type OperationName } from '../electron/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH, exposeComposer } from '../tests/harness/launch';
import type { FromHost, ToHost } from './dev-host';
import { mainBundle, workerBundle } from './electron-bundles';

export interface DevOptions {
  /** The project folder whose renderer/, electron/ and scripts/ are served and watched. */
  root: string;
  dataDir: string;
  /** The port Vite tries first (the next free one if taken); 0 for any. */
  port?: number;
  headless?: boolean;
  locale?: string;
  /** Where the loop's own messages and main's output go. */
  log?: (text: string) => void;
}

export interface DevLoop {
  url: string;
  page: Page;
  close(): Promise<void>;
}

interface Host {
  call(op: OperationName, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const restartedError = (op: string) => ({
  ok: false,
  error: {
    code: 'INTERNAL',
    message: `Main stopped (npm run dev restarts it after a rebuild) before it answered ${op}; try again.`,
  },
});

/**
 * The page's CSP forbids inline scripts and styles; Vite's dev server needs both (React Refresh's
 * preamble, CSS injected as <style>). Served pages only: the built app keeps the strict policy.
 */
const devCsp: Plugin = {
  name: 'stream-composer:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

function startHost(
  file: string,
  env: NodeJS.ProcessEnv,
  log: (text: string) => void,
  onEvent: (message: FromHost & { type: 'event' }) => void,
): Promise<Host> {
  const child: ChildProcess = fork(file, [], {
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString()));
  const pending = new Map<number, { op: string; resolve: (result: unknown) => void }>();
  let nextId = 0;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { op, resolve: answer } of pending.values()) answer(restartedError(op));
      pending.clear();
      if (code !== 0)
        log(`[dev] main exited (${signal ?? `code ${code}`}); save a file of electron/ to start it again\n`);
      resolve();
    }),
  );
  const host: Host = {
    call(op, input) {
      if (exited) return Promise.resolve(restartedError(op));
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { op, resolve });
        child.send({ type: 'call', id, op, input } satisfies ToHost);
      });
    },
    async close() {
      if (!exited) child.send({ type: 'close' } satisfies ToHost);
      await exit;
    },
  };
  return new Promise((resolve) => {
    // A host that dies while starting (a bad edit) still counts as started: its calls answer with an error.
    void exit.then(() => resolve(host));
    child.on('message', (message: FromHost) => {
      if (message.type === 'ready') {
        log(`[dev] main started (pid ${child.pid})\n`);
        resolve(host);
      } else if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else onEvent(message);
    });
  });
}

export interface Watch {
  dispose(): Promise<void>;
}

/**
 * Builds the bundles and watches their sources; resolves once each has been built. `rebuilt(i)`
 * runs after every later successful build of bundle i; a failed build leaves what runs alone.
 */
export async function watchBundles(
  bundles: BuildOptions[],
  rebuilt: (index: number) => void,
  log: (text: string) => void,
): Promise<Watch> {
  const firstBuilds = bundles.map((bundle, index) => {
    let first = true;
    return new Promise<BuildContext>((resolve, reject) => {
      const plugin: EsbuildPlugin = {
        name: 'stream-composer:dev-watch',
        setup(build) {
          build.onEnd((result) => {
            if (result.errors.length > 0) return log('[dev] main not rebuilt: fix the errors above\n');
            if (!first) return rebuilt(index);
            first = false;
            resolve(ctx);
          });
        },
      };
      let ctx!: BuildContext;
      context({ ...bundle, plugins: [...(bundle.plugins ?? []), plugin] })
        .then((c) => {
          ctx = c;
          return c.watch();
        })
        .catch(reject);
    });
  });
  const contexts = await Promise.all(firstBuilds);
  return { dispose: async () => void (await Promise.all(contexts.map((c) => c.dispose()))) };
}

/** Vite's dev server for root/renderer, on 127.0.0.1 from `port` up (0: any free port). */
export async function serveRenderer(root: string, port: number): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer(
    mergeConfig(viteConfig, {
      configFile: false,
      root: path.join(root, 'renderer'),
      // Not node_modules/.vite: node_modules may be shared by several checkouts.
      cacheDir: path.join(root, 'dist-dev', 'vite'),
      plugins: [devCsp],
      clearScreen: false,
      server: { host: '127.0.0.1', port, strictPort: false, fs: { allow: [root] } },
    }),
  );
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('Vite did not say where it listens');
  }
  return { url, server };
}

export async function startDev(options: DevOptions): Promise<DevLoop> {
  const { root } = options;
  const log = options.log ?? ((text: string) => process.stdout.write(text));
  const outDir = path.join(root, 'dist-dev');
  const hostEnv = { ...process.env, DEV_DATA_DIR: options.dataDir, DEV_LOCALE: options.locale ?? 'en-US' };
  let page: Page | null = null;
  const deliver = (message: FromHost & { type: 'event' }) => {
    page
      ?.evaluate(
        ([n, s, p]) =>
          (
            window as unknown as { __composerEmit?: (n: string, s: string | null, p: unknown) => void }
          ).__composerEmit?.(n, s, p),
        [message.name, message.subject, message.payload] as const,
      )
      .catch(() => {});
  };

  let host: Promise<Host> | null = null;
  const startMain = () => startHost(path.join(outDir, 'host.js'), hostEnv, log, deliver);
  let watch: Watch | null = null;
  let vite: ViteDevServer | null = null;
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    await watch?.dispose();
    await vite?.close();
    await (await host)?.close();
  };
  try {
    // Main's host and its worker, bundled as for the app into dist-dev/ (the worker beside the
    // host, where run-task.ts looks). A rebuilt host replaces the running one, one after the
    // other: two must never write the same data folder at once. A rebuilt worker needs nothing:
    // the next task starts the new file.
    const bundles: BuildOptions[] = [
      {
        ...mainBundle,
        absWorkingDir: root,
        entryPoints: ['scripts/dev-host.ts'],
        outfile: path.join(outDir, 'host.js'),
      },
      { ...workerBundle, absWorkingDir: root, outfile: path.join(outDir, 'worker.js') },
    ];
    watch = await watchBundles(
      bundles,
      (index) => {
        if (index !== 0 || !host) return;
        log('[dev] main rebuilt, restarting it\n');
        host = host.then((old) => old.close()).then(startMain);
      },
      log,
    );
    host = startMain();
    const served = await serveRenderer(root, options.port ?? 5173);
    vite = served.server;
    const { url } = served;

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? false,
      args: CHROMIUM_ARGS,
    });
    const browserContext = await browser.newContext({
      locale: options.locale ?? 'en-US',
      viewport: { width: 1280, height: 820 },
    });
    const allowed = new Set<string>(OPERATION_NAMES);
    await browserContext.exposeBinding('__composerInvoke', async (_source, op: string, input: unknown) => {
      if (!allowed.has(op)) return { ok: false, error: { code: 'REJECTED', message: `No such operation: ${op}` } };
      return (await host!).call(op as OperationName, input);
    });
    await browserContext.addInitScript(exposeComposer, {
      ops: [...OPERATION_NAMES],
      eventNames: [...EVENT_NAMES],
      subjectEventNames: [...SUBJECT_EVENT_NAMES],
    });
    page = await browserContext.newPage();
    await page.goto(url);
    return { url, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
