// The Electron shell: app lifecycle, one window with locked-down settings, and registration of the
// handler table on IPC. All logic lives in plain modules (see wire.ts) that are tested under Node.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, APP_SCHEME, devServerOrigin, isAppUrl, serveAppFile } from './app-protocol';
import {
  OPERATION_NAMES,
  channelOf,
  eventChannelOf,
  eventSubjectOf,
  type EventName,
  type EventPayloads,
} from './contract';
import { createSafeStorageCipher } from './secrets';
import { wireApp, type WiredApp } from './wire';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '..', 'dist', 'renderer');

// Must happen before the app is ready. Standard and secure give the scheme an origin of its own
// (so CSP 'self' means the app's files only) and fetch. Neither bypassCSP nor corsEnabled: the
// latter would let pages of other origins read the app's files.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Set by `npm run dev` where the Electron binary exists: the page comes from Vite, with hot reload.
const devOrigin = devServerOrigin(process.env.VITE_DEV_SERVER_URL, app.isPackaged);

function isOwnPage(url: unknown): boolean {
  if (isAppUrl(url)) return true;
  return devOrigin !== null && typeof url === 'string' && URL.canParse(url) && new URL(url).origin === devOrigin;
}

/** Only our own page, served from the app's scheme (or the dev server, see devOrigin), may call main. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  return isOwnPage(event.senderFrame?.url);
}

// Copy buttons write through navigator.clipboard, which asks for this one; nothing else is granted.
const OWN_PAGE_PERMISSIONS = new Set(['clipboard-sanitized-write']);

function permits(permission: string, requestingUrl: unknown): boolean {
  return OWN_PAGE_PERMISSIONS.has(permission) && isOwnPage(requestingUrl);
}

export async function openExternalHttps(url: string): Promise<void> {
  if (!URL.canParse(url) || new URL(url).protocol !== 'https:') throw new Error('Only https: links are opened');
  await shell.openExternal(url);
}

function registerHandlers(wired: WiredApp): void {
  for (const op of OPERATION_NAMES) {
    ipcMain.handle(channelOf(op), (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'REJECTED', message: 'Request from an untrusted frame' } };
      }
      return wired.handlers[op](input);
    });
  }
}

function lockDown(): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererRoot, request.url));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permits(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permits(permission, requestingOrigin),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // A link that is no valid https URL, or that the OS cannot open, is simply not opened.
      if (url.startsWith('https:')) openExternalHttps(url).catch(() => {});
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Stream Composer',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devOrigin ? `${devOrigin}/` : APP_INDEX_URL);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDown();
  // Created after wiring: events emitted before there is a window have no one to go to.
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (win && !win.isDestroyed()) win.webContents.send(eventChannelOf(event, eventSubjectOf(event, payload)), payload);
  };
  const wired = await wireApp({
    emit,
    dataDir: app.getPath('userData'),
    cipher: createSafeStorageCipher(safeStorage),
    env: process.env,
    app: { version: app.getVersion(), systemLocale: app.getLocale() },
    openExternal: openExternalHttps,
    chooseSavePath: async (suggestedName) => {
      const window = BrowserWindow.getFocusedWindow();
      const options = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'History export', extensions: [path.extname(suggestedName).slice(1)] }],
      };
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
    chooseOpenPath: async () => {
      const window = BrowserWindow.getFocusedWindow();
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'History export', extensions: ['ndjson', 'jsonl', 'json'] }],
      };
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    chooseFolder: async () => {
      const window = BrowserWindow.getFocusedWindow();
      const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    chooseBatchPath: async () => {
      const window = BrowserWindow.getFocusedWindow();
      const options = {
        properties: ['openFile' as const],
        filters: [
          { name: 'Batch file', extensions: ['ndjson', 'jsonl', 'json', 'csv', 'tsv', 'txt', 'log'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
  });
  registerHandlers(wired);
  win = createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    // Quit even if closing failed part-way: there is no window left to report it in.
    void wired
      .close()
      .catch(() => {})
      .finally(() => app.quit());
  });
}

/** Without this there would be no window and no word: the user must learn what failed and what to do. */
function reportStartFailure(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    'Stream Composer could not start',
    `${reason}\n\nStream Composer keeps its profiles and history in ${app.getPath('userData')}. ` +
      'Check that this path is a folder you may write to and that the disk is not full, then start Stream Composer again.',
  );
  app.quit();
}

/** A second copy of the app would write the same history and profiles: it hands over to the first and quits. */
function run(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  return start().catch(reportStartFailure);
}

export const started = run();
