// Builds the services and the handler table from plain modules. main.ts calls it with the
// Electron-backed pieces (safeStorage cipher, the user data folder); the test harness with a temporary
// data folder and the test cipher. Everything else is the same code.
import { generateCode } from './codegen';
import { createEnvironmentStore } from './environments/store';
import { createHandlers, type HandlerTable } from './handlers';
import { openHistory } from './history';
import { createRecordSender } from './kinesis';
import { createProfileStore } from './profiles';
import { createSandbox } from './sandbox';
import { createRedactor } from './secrets/redact';
import { runsFolderNotices } from './runs/folder';
import { openSavedStore } from './saved/store';
import type { KeyPair, SecretCipher } from './services';
import type { EventName, EventPayloads } from './contract';

export interface WireOptions {
  dataDir: string;
  cipher: SecretCipher;
  /** Where credentials from the environment and the AWS shared files are looked up. */
  env: Record<string, string | undefined>;
  app: { version: string; systemLocale: string };
  openExternal: (url: string) => Promise<void>;
  /** Where an export is written (main.ts: the save dialog); without it every export is cancelled. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Which file an import reads (main.ts: the open dialog); without it every import is cancelled. */
  chooseOpenPath?: () => Promise<string | null>;
  /** Which folder to open or make a workspace (main.ts: the open dialog for folders); without it, cancelled. */
  chooseFolder?: () => Promise<string | null>;
  /** Which batch file the batch composer reads (main.ts: the open dialog); chooseOpenPath when absent. */
  chooseBatchPath?: () => Promise<string | null>;
  /** The key pair the local sandbox requires, in place of a random one per start (tests, bench). */
  sandboxCredentials?: KeyPair;
  /** Pushes an event to the renderer; without it events go nowhere. */
  emit?: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
}

export interface WiredApp {
  handlers: HandlerTable;
  /** Cancels sends in flight (each still recorded), then closes clients, history and sandbox. Safe to call again. */
  close(): Promise<void>;
}

export async function wireApp(opts: WireOptions): Promise<WiredApp> {
  const profiles = createProfileStore({ dataDir: opts.dataDir, cipher: opts.cipher });
  // The saved retention is applied in the background once the file has loaded, not before the first screen.
  // One for the whole app: a credential learnt on any profile is cut from every output.
  const redactor = createRedactor();
  const emit = opts.emit ?? (() => {});
  const history = await openHistory({
    dataDir: opts.dataDir,
    retention: profiles.historyRetention(),
    redact: redactor.deep,
    onChange: (event) => emit('history', event),
  });
  const environments = createEnvironmentStore({
    dir: () => saved.dir(),
    selected: () => profiles.environment(),
    setSelected: (name) => profiles.setEnvironment(name),
  });
  // The selected environment's variables are held in memory: read again whenever the workspace
  // changes (an edit on disk, another folder opened), so a send never uses another workspace's values.
  const refreshEnvironments = () =>
    environments.list().then(
      () => {},
      () => {},
    );
  const opened = await openSavedStore({
    dataDir: opts.dataDir,
    workspaceDir: profiles.workspaceDir(),
    profileName: (id) => profiles.get(id)?.name,
    onChange: () => {
      void refreshEnvironments();
      emit('saved', { workspace: opened.dir() });
    },
  });
  const saved: typeof opened = {
    ...opened,
    open: async (dir, options) => {
      await opened.open(dir, options);
      await refreshEnvironments();
      // Whatever shows the workspace's requests or environments reads them again.
      emit('saved', { workspace: opened.dir() });
    },
  };
  const sandbox = createSandbox({ keys: opts.sandboxCredentials });
  const sender = createRecordSender({ sandbox, env: opts.env, secretOf: (id) => profiles.secretOf(id), redactor });
  // The selected environment's variables are in memory before the first send.
  await refreshEnvironments();
  const chooseOpenPath = opts.chooseOpenPath ?? (async () => null);
  const { table, stopSending, stopTails, stopRuns } = createHandlers({
    profiles,
    history,
    sender,
    sandbox,
    saved,
    generateCode,
    openExternal: opts.openExternal,
    emit,
    chooseSavePath: opts.chooseSavePath ?? (async () => null),
    chooseOpenPath,
    chooseFolder: opts.chooseFolder ?? (async () => null),
    chooseBatchPath: opts.chooseBatchPath ?? chooseOpenPath,
    dataDir: opts.dataDir,
    redactor,
    environments,
    startNotices: await runsFolderNotices(opts.dataDir),
    app: {
      ...opts.app,
      secretStorage: { backend: opts.cipher.backend(), strong: opts.cipher.isStrong() },
    },
  });
  let closed: Promise<void> | undefined;
  const close = async () => {
    // Sends and runs first: each cancelled one still gets its history entry, then nothing uses the clients.
    await Promise.all([stopSending(), stopTails(), stopRuns()]);
    sender.close();
    await Promise.all([history.close(), sandbox.stop(), saved.close()]);
  };
  return {
    handlers: table,
    close: () => (closed ??= close()),
  };
}
