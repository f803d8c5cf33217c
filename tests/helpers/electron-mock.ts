// A stand-in for the `electron` module (the binary cannot run here) that records what main.ts
// does with it. Test files install it with
//   vi.mock('electron', async () => (await import('../helpers/electron-mock')).electron);
// and read the record from `seen`. Packages that import electron themselves (electron-store does,
// with a default import) get the same stand-in, so what they register is seen too.
type Listener = (...args: unknown[]) => unknown;

export const seen = {
  appListeners: new Map<string, Listener>(),
  /** ipcMain.handle channels. */
  handlers: new Map<string, Listener>(),
  /** ipcMain.on channels. */
  listeners: new Map<string, Listener>(),
  windows: [] as BrowserWindow[],
  /** The order of the calls that must come before or after the app is ready. */
  calls: [] as string[],
  schemes: [] as { scheme: string; privileges?: Record<string, unknown> }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  /** What app.requestSingleInstanceLock() answers: false as for a second copy of the app. */
  singleInstanceLock: true,
  opened: [] as string[],
  permission: {} as { request?: Listener; check?: Listener },
  errorBoxes: [] as { title: string; content: string }[],
  quits: 0,
  /** What app.getPath('userData') answers. */
  userData: '',
  /** app.isPackaged: false, as for `electron .` from the source folder. */
  packaged: false,
};

class BrowserWindow {
  static getAllWindows = () => seen.windows;
  options: Record<string, unknown>;
  loaded: string[] = [];
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  minimized = false;
  focused = 0;
  webContents = { send: (channel: string, payload: unknown) => void this.sent.push({ channel, payload }) };
  constructor(options: Record<string, unknown>) {
    this.options = options;
    seen.windows.push(this);
  }
  once() {}
  isDestroyed() {
    return this.destroyed;
  }
  show() {}
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused++;
  }
  loadFile(file: string) {
    this.loaded.push(file);
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

const api = {
  app: {
    whenReady: () => {
      seen.calls.push('whenReady');
      return Promise.resolve();
    },
    requestSingleInstanceLock: () => seen.singleInstanceLock,
    getPath: () => seen.userData,
    getVersion: () => '0.0.0-test',
    getLocale: () => 'en-US',
    get isPackaged() {
      return seen.packaged;
    },
    on: (event: string, listener: Listener) => seen.appListeners.set(event, listener),
    quit: () => void seen.quits++,
  },
  BrowserWindow,
  dialog: { showErrorBox: (title: string, content: string) => void seen.errorBoxes.push({ title, content }) },
  ipcMain: {
    handle: (channel: string, fn: Listener) => seen.handlers.set(channel, fn),
    on: (channel: string, fn: Listener) => seen.listeners.set(channel, fn),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: typeof seen.schemes) => {
      seen.calls.push('registerSchemesAsPrivileged');
      seen.schemes.push(...schemes);
    },
    handle: (scheme: string, fn: (request: Request) => Response | Promise<Response>) => {
      seen.calls.push('protocol.handle');
      seen.protocolHandlers.set(scheme, fn);
    },
  },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    isEncryptionAvailable: () => true,
    encryptStringAsync: async (s: string) => Buffer.from(s).reverse(),
    decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
    encryptString: (s: string) => Buffer.from(s).reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Listener) => (seen.permission.request = fn),
      setPermissionCheckHandler: (fn: Listener) => (seen.permission.check = fn),
    },
  },
  shell: { openExternal: async (url: string) => void seen.opened.push(url) },
};

export const electron = { ...api, default: api };
