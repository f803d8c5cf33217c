// What the handler table's domain modules are built from: the services, the dialogs and the
// event sink. wire.ts fills it with real modules, the tests with the same modules on a temp folder.
import type { EventName, EventPayloads, Notice } from './contract';
import type { EnvironmentStore } from './environments/store';
import type { SavedStore } from './saved/store';
import type { Redactor } from './secrets/redact';
import type { CodeContext, HistoryStore, ProfileStore, RecordSender, Sandbox } from './services';

export interface HandlerDeps {
  profiles: ProfileStore;
  history: HistoryStore;
  sender: RecordSender;
  sandbox: Sandbox;
  saved: SavedStore;
  generateCode: (ctx: CodeContext) => string;
  openExternal: (url: string) => Promise<void>;
  /** Asks where to save a file (Electron: the save dialog); null when the user cancels. */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Asks which file to open (Electron: the open dialog); null when the user cancels. */
  chooseOpenPath: () => Promise<string | null>;
  /** Asks for a folder to open or make a workspace (Electron: the open dialog for folders); null when the user cancels. */
  chooseFolder: () => Promise<string | null>;
  /** Asks which batch file to open (Electron: the open dialog with batch file types); null when the user cancels. */
  chooseBatchPath: () => Promise<string | null>;
  /** Where load runs keep their per-record results (<dataDir>/runs). */
  dataDir: string;
  /** Found at start outside the stores (e.g. the runs folder cannot be used). */
  startNotices: Notice[];
  app: { version: string; systemLocale: string; secretStorage: { backend: string; strong: boolean } };
  /** Pushes an event to the renderer (main.ts: the app window's webContents). */
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
  /** Knows every credential value the app holds; each answer, event and written file passes through it. */
  redactor: Redactor;
  /** The workspace's environments; the selected one's variables fill `{{env.NAME}}` in requests. */
  environments: EnvironmentStore;
}
