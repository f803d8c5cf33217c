// The services the handler table is built from. Each lives in its own folder and runs under plain
// Node; main.ts wires the Electron-backed ones, tests and the harness wire the same modules with a
// temporary data folder and a test cipher.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Cancellation } from './cancellation';
import { englishOf, englishParams, fillEnglish, HINTS } from './messages';
import {
  REASONS,
  type ErrorCode,
  type HintCode,
  type Reason,
  type ReasonParams,
  type ReasonWithParams,
} from './shared/reasons';
import type {
  CodeLanguage,
  CompactionReport,
  CredentialSource,
  HistoryEntry,
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  HistoryRetention,
  Language,
  Notice,
  ProfileInput,
  ProfileView,
  SandboxStatus,
  SendResult,
  Theme,
} from './contract';
import type { PayloadMode } from './shared/limits';

/** An access key id and its secret. */
export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A profile as main keeps it: the access key id whole, the secret only as tagged ciphertext. */
export interface StoredProfile extends Omit<ProfileView, 'credentials'> {
  credentials: {
    source: CredentialSource;
    sharedProfile: string;
    accessKeyId: string;
    /** `<scheme>:<base64>` (e.g. `safeStorage:...`, `test:...`), '' when none. */
    secretCipher: string;
  };
}

/** Encrypts secrets at rest. Ciphertext is tagged with its scheme so a later scheme can migrate it. */
export interface SecretCipher {
  /** e.g. `gnome_libsecret`, `kwallet`, `keychain`, `dpapi`, `basic_text`, `test`. */
  backend(): string;
  /** False where the OS offers no real secret store (Linux `basic_text`): ask before storing. */
  isStrong(): boolean;
  encrypt(plain: string): Promise<string>;
  decrypt(tagged: string): Promise<string>;
}

export interface ProfileStore {
  list(): { profiles: ProfileView[]; lastUsedId: string | null };
  get(id: string): StoredProfile | undefined;
  /** Throws ServiceError NEEDS_CONFIRMATION when a secret would be stored in a weak store unasked. */
  save(input: ProfileInput): Promise<ProfileView>;
  duplicate(id: string): ProfileView;
  delete(id: string): { lastUsedId: string | null };
  select(id: string): void;
  /** The stored secret in clear, for the send path only. */
  secretOf(id: string): Promise<string>;
  language(): Language;
  setLanguage(language: Language): void;
  /** Whether each successful send is read back and compared with what was sent, at once. */
  verifySends(): boolean;
  setVerifySends(on: boolean): void;
  /** How much history is kept; no limits when never set. */
  historyRetention(): HistoryRetention;
  setHistoryRetention(retention: HistoryRetention): void;
  theme(): Theme;
  setTheme(theme: Theme): void;
  /** The workspace folder chosen last; null: the default one. */
  workspaceDir(): string | null;
  setWorkspaceDir(dir: string): void;
  /** The selected environment's name; null: none. */
  environment(): string | null;
  setEnvironment(name: string | null): void;
  /** Things the user must be told at start (e.g. a corrupt store moved aside). */
  notices(): Notice[];
}

export interface HistoryStore {
  /**
   * Adds an entry, or the way to make it (made when it is taken in, after the caller's turn: a send
   * builds its entry there, npm run bench). Every read and change takes appended entries in first.
   */
  append(entry: HistoryEntry | (() => HistoryEntry)): Promise<void>;
  /** A page of the entries the filter lets through, newest first. */
  query(q: HistoryQuery): HistoryPage;
  /** Every entry the filter lets through, newest first. */
  matching(filter: HistoryFilter): HistoryEntry[];
  /** Adds the entries whose id it does not hold yet (`entries` oldest first, so the list shows them in time order); returns how many. */
  importEntries(entries: HistoryEntry[]): Promise<number>;
  get(id: string): HistoryEntry | undefined;
  /**
   * Replaces the entry of the same id with this version (appended; the newest version wins when the
   * file is read). Answers false, writing nothing, when the history no longer holds that id.
   */
  update(entry: HistoryEntry): Promise<boolean>;
  delete(id: string): Promise<number>;
  clear(): Promise<number>;
  /**
   * Rewrites the file with only the live entries `retention` keeps (crash-safe: temp file, fsync,
   * rename), after the file has loaded and every change queued before; drops the others from the
   * index too. Rejects with ServiceError REJECTED when the file could not be read whole.
   */
  compact(retention: HistoryRetention): Promise<CompactionReport>;
  notices(): Notice[];
  /** Settles once the whole history file has been read (open() answers after its newest entries). */
  loaded(): Promise<void>;
  close(): Promise<void>;
}

export interface SendRequest {
  profile: StoredProfile;
  streamName: string;
  partitionKey: string;
  explicitHashKey?: string;
  data: Uint8Array;
  /** Cancels the send: it answers CANCELLED at once (see electron/cancellation.ts). */
  cancellation: Cancellation;
}

export interface RecordSender {
  send(req: SendRequest): Promise<{ result: SendResult; latencyMs: number }>;
  /** The client send() uses for this profile; rejects as send() would fail (no endpoint, no keys). */
  clientFor(profile: StoredProfile): Promise<KinesisClient>;
  /**
   * A new client for a load run, without SDK retries (the run retries by record and must see
   * throttling); the caller destroys it. `accessKeyId` is for masking it in errors.
   */
  loadClientFor(profile: StoredProfile): Promise<{ client: KinesisClient; accessKeyId: string }>;
  /** Drop the cached client of a profile (edited or deleted). */
  forget(profileId: string): void;
  close(): void;
}

export interface Sandbox {
  /** Starts kinesalite and the YDS-aware front on 127.0.0.1 (once) and answers its endpoint. */
  endpoint(): Promise<string>;
  /** The key pair the running sandbox wants, if `endpoint` is its URL; never starts it. */
  keysFor(endpoint: string | undefined): KeyPair | undefined;
  /** The endpoint of the sandbox if it is running (not stopping); never starts it. */
  runningEndpoint(): string | undefined;
  status(): Promise<SandboxStatus>;
  createStream(name: string, shardCount: number): Promise<SandboxStatus>;
  stop(): Promise<void>;
}

export interface CodeContext {
  language: CodeLanguage;
  profile: {
    kind: StoredProfile['kind'];
    endpoint: string;
    region: string;
    credentials: { source: CredentialSource; sharedProfile: string };
  };
  /** The running sandbox's key pair when the endpoint is its URL (it changes at each start, so the snippet prints it). */
  sandboxKeys?: KeyPair;
  /** The code is for a history entry sent with a profile the user does not have: `profile` is another one of theirs. */
  otherProfile?: true;
  streamName: string;
  partitionKey: string;
  explicitHashKey?: string;
  data: Uint8Array;
  payloadMode: PayloadMode;
}

/** The options of a ServiceError besides its reason. */
export interface ServiceErrorOptions {
  /** What the user can do about it (`hints.<code>`; the English is in electron/messages.ts). */
  hint?: HintCode;
  /** The input field at fault (a dotted path of the operation's input), for the form to mark. */
  field?: string;
}

/**
 * A failure a service reports on purpose, named by a reason with its parameters; the handler table
 * turns it into an AppError. `message` and `hint` are the English, for logs and tests.
 */
export class ServiceError<R extends Reason = Reason> extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly hintCode?: HintCode;
  readonly field?: string;

  constructor(
    readonly reason: R,
    readonly params: ReasonParams<R>,
    options: ServiceErrorOptions = {},
  ) {
    super(englishOf({ reason, params } as ReasonWithParams));
    this.name = 'ServiceError';
    this.code = REASONS[reason].code;
    if (options.hint) {
      this.hint = fillEnglish(HINTS[options.hint], englishParams({ reason, params } as ReasonWithParams));
      this.hintCode = options.hint;
    }
    this.field = options.field;
  }
}
