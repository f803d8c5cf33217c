// The profile store: profiles, the last used one and the app settings in one conf
// file (profiles.json), written atomically. Secrets are kept only as tagged ciphertext.
import path from 'node:path';
import type { Notice } from '../contract';
import { ServiceError, type ProfileStore, type SecretCipher, type StoredProfile } from '../services';
import { memoryProfileFile, openProfileFile, PROFILES_FILE, profilesUnusable, reasonOf } from './open-file';
import { buildProfile, checkInput, copyName, sandboxProfile, toView } from './profile-rules';
import type { ProfilesFile } from './schema';

export interface ProfileStoreOptions {
  dataDir: string;
  cipher: SecretCipher;
}

export function createProfileStore(opts: ProfileStoreOptions): ProfileStore {
  const { cipher } = opts;
  const opened = openProfileFile(opts.dataDir);
  let { file } = opened;
  const { notices } = opened;
  // conf reads and re-validates the whole file on every `store` access; the send path asks for a
  // profile on every send, so keep what was last read until this process writes again.
  let cached: ProfilesFile | undefined;
  const data = (): ProfilesFile => (cached ??= file.read());
  const write = (patch: Partial<ProfilesFile>) => {
    cached = undefined;
    try {
      file.write(patch);
    } catch (error) {
      throw new ServiceError('profilesNotWritten', { cause: reasonOf(error) }, { hint: 'dataFolderWritable' });
    }
  };
  try {
    ensureUsable(data(), (patch) => file.write(patch));
  } catch (error) {
    // First start on a full disk, say: the app still starts, with its profiles in memory.
    notices.push(profilesUnusable(path.join(opts.dataDir, PROFILES_FILE), error));
    file = memoryProfileFile(data());
    ensureUsable(data(), write);
  }
  cached = undefined;

  const find = (id: string): StoredProfile => {
    const p = data().profiles.find((x) => x.id === id);
    if (!p) throw new ServiceError('profileNotFound', { id }, { hint: 'pickProfile' });
    return p;
  };

  return {
    list() {
      const { profiles, lastUsedId } = data();
      return { profiles: profiles.map(toView), lastUsedId };
    },
    get: (id) => data().profiles.find((p) => p.id === id),
    async save(input) {
      const { newSecret } = checkInput(data().profiles, input, cipher.isStrong());
      const secretCipher = newSecret === undefined ? undefined : await cipher.encrypt(newSecret);
      // Checked again on what is stored now (another change may have landed while encrypting);
      // the consent question was settled above.
      const { profiles } = data();
      const { existing } = checkInput(profiles, { ...input, allowWeakSecretStorage: true }, cipher.isStrong());
      const profile = buildProfile(input, existing, secretCipher);
      write({ profiles: existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile] });
      return toView(profile);
    },
    duplicate(id) {
      const source = find(id);
      const { profiles } = data();
      // The secret is copied as ciphertext: it is never decrypted to make the copy.
      const copy: StoredProfile = {
        ...structuredClone(source),
        id: crypto.randomUUID(),
        name: copyName(profiles, source.name),
      };
      write({ profiles: [...profiles, copy] });
      return toView(copy);
    },
    delete(id) {
      find(id);
      const current = data();
      let profiles = current.profiles.filter((p) => p.id !== id);
      if (profiles.length === 0) profiles = [sandboxProfile()];
      const lastUsedId = profiles.some((p) => p.id === current.lastUsedId) ? current.lastUsedId : profiles[0].id;
      write({ profiles, lastUsedId });
      return { lastUsedId };
    },
    select(id) {
      // The last used id always names a profile (delete and the start repair it), so a repeat,
      // which is every send after the first, needs no search.
      if (data().lastUsedId === id) return;
      find(id);
      // Called after every send: a full disk must not cost the send its answer, so this one is a notice.
      try {
        file.write({ lastUsedId: id });
      } catch (error) {
        if (!notices.some((n) => n.code === 'PROFILES_WRITE_FAILED')) {
          const reason = reasonOf(error);
          notices.push({
            code: 'PROFILES_WRITE_FAILED',
            message: `The profiles file could not be written (${reason}); the last used profile will not be remembered. Free disk space or check the app data folder.`,
            path: path.join(opts.dataDir, PROFILES_FILE),
            reason,
          });
        }
      } finally {
        cached = undefined;
      }
    },
    async secretOf(id) {
      const p = find(id);
      if (p.credentials.source !== 'static' || !p.credentials.secretCipher) {
        throw new ServiceError('secretMissing', { profile: p.name }, { hint: 'enterKeyPair' });
      }
      return cipher.decrypt(p.credentials.secretCipher);
    },
    language: () => data().language,
    setLanguage(language) {
      write({ language });
    },
    verifySends: () => data().verifySends ?? false,
    setVerifySends(on) {
      write({ verifySends: on });
    },
    historyRetention: () => data().historyRetention ?? { keepLast: null, keepDays: null },
    setHistoryRetention({ keepLast, keepDays }) {
      write({ historyRetention: { keepLast, keepDays } });
    },
    notices: (): Notice[] => [...notices],
    theme: () => data().theme ?? 'system',
    setTheme(theme) {
      write({ theme });
    },
    workspaceDir: () => data().workspaceDir ?? null,
    setWorkspaceDir(workspaceDir) {
      write({ workspaceDir });
    },
    environment: () => data().environment ?? null,
    setEnvironment(environment) {
      write({ environment });
    },
  };
}

/** First start (or every profile gone): a selected "Local sandbox"; a stale last used id: the first. */
function ensureUsable(data: ProfilesFile, write: (patch: Partial<ProfilesFile>) => void): void {
  if (data.profiles.length === 0) {
    const sandbox = sandboxProfile();
    write({ profiles: [sandbox], lastUsedId: sandbox.id });
  } else if (!data.profiles.some((p) => p.id === data.lastUsedId)) {
    write({ lastUsedId: data.profiles[0].id });
  }
}
