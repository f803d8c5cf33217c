// The profile file as stored (profiles.json): its type, its JSON schema (checked by conf on every
// read and write) and the first-start contents.
import type { Schema } from 'conf';
import {
  CREDENTIAL_SOURCES,
  LANGUAGES,
  PROFILE_KINDS,
  THEMES,
  type HistoryRetention,
  type Language,
  type Theme,
} from '../contract';
import type { StoredProfile } from '../services';

export type ProfilesFile = {
  profiles: StoredProfile[];
  lastUsedId: string | null;
  language: Language;
  /** Absent in files written before the setting existed: off. */
  verifySends?: boolean;
  /** Absent in files written before the setting existed: no limits. */
  historyRetention?: HistoryRetention;
  /** Absent in files written before the setting existed: follow the system. */
  theme?: Theme;
  /** The workspace folder the saved requests live in; absent: <dataDir>/workspace. */
  workspaceDir?: string;
  /** The selected environment of the workspace; absent: none. */
  environment?: string | null;
};

const text = { type: 'string' } as const;

const profileSchema = {
  type: 'object',
  required: [
    'id',
    'name',
    'kind',
    'endpoint',
    'region',
    'ydsCloudId',
    'ydsDatabaseId',
    'credentials',
    'timeoutMs',
    'maxAttempts',
  ],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    kind: { enum: [...PROFILE_KINDS] },
    endpoint: text,
    region: text,
    ydsCloudId: text,
    ydsDatabaseId: text,
    credentials: {
      type: 'object',
      required: ['source', 'sharedProfile', 'accessKeyId', 'secretCipher'],
      properties: {
        source: { enum: [...CREDENTIAL_SOURCES] },
        sharedProfile: text,
        accessKeyId: text,
        secretCipher: text,
      },
    },
    timeoutMs: { type: 'integer', minimum: 1 },
    maxAttempts: { type: 'integer', minimum: 1 },
  },
} as const;

export const profilesFileSchema: Schema<ProfilesFile> = {
  profiles: { type: 'array', items: profileSchema },
  lastUsedId: { type: ['string', 'null'] },
  language: { enum: [...LANGUAGES] },
  verifySends: { type: 'boolean' },
  historyRetention: {
    type: 'object',
    required: ['keepLast', 'keepDays'],
    properties: {
      keepLast: { type: ['integer', 'null'], minimum: 1 },
      keepDays: { type: ['integer', 'null'], minimum: 1 },
    },
  },
  theme: { enum: [...THEMES] },
  workspaceDir: { type: 'string', minLength: 1 },
  environment: { type: ['string', 'null'] },
};

export const emptyProfilesFile = (): ProfilesFile => ({ profiles: [], lastUsedId: null, language: 'system' });
