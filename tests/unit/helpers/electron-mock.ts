// A stand-in for the `electron` module (the binary cannot run here) that records what main.ts
// does with it. Test files install it with
//   vi.mock('electron', async () => (await import('./helpers/electron-mock')).electron);
// and read the record from `seen`.
type Listener = (...args: unknown[]) => unknown;

export const seen = {
  appListeners: new Map<string, Listener>(),
  handlers: new Map<string, Listener>(),
  windows: [] as { options: Record<string, unknown>; loaded: string[]; sent: { channel: string; payload: unknown }[]; destroyed: boolean }[],
  opened: [] as string[],
  permission: {} as { request?: Listener; check?: Listener },
  errorBoxes: [] as { title: string; content: string }[],
  quits: 0,
  /** What app.getPath('userData') answers. */
  userData: '',
};

class BrowserWindow {
  static getAllWindows = () => seen.windows;
  options: Record<string, unknown>;
  loaded: string[] = [];
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
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
  loadFile(file: string) {
    this.loaded.push(file);
    return Promise.resolve();
  }
}

export const electron = {
  app: {
    whenReady: () => Promise.resolve(),
    getPath: () => seen.userData,
    getVersion: () => '0.0.0-test',
    getLocale: () => 'en-US',
    on: (event: string, listener: Listener) => seen.appListeners.set(event, listener),
    quit: () => void seen.quits++,
  },
  BrowserWindow,
  dialog: { showErrorBox: (title: string, content: string) => void seen.errorBoxes.push({ title, content }) },
  ipcMain: { handle: (channel: string, fn: Listener) => seen.handlers.set(channel, fn) },
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
