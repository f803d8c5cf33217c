// The workspace's environments as main keeps them: environments/<name>.yaml in the current
// workspace folder, read with the workspace's own loader (bounded, hostile files become problems)
// and written in its stable format. The selected environment's name is an app setting; its
// variables are held in memory, so a send resolves `{{env.NAME}}` without touching the disk.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EnvironmentsView, EnvironmentView } from '../contract';
import { ServiceError } from '../services';
import { ENV_LIMITS } from '../shared/env-vars';
import { ENVIRONMENTS_DIR, environmentFileText } from '../workspace/format';
import { loadWorkspace } from '../workspace/load';

export interface EnvironmentStoreOptions {
  /** The current workspace folder (it may change while the app runs). */
  dir: () => string;
  /** The selected environment's name, kept in the app's settings. */
  selected: () => string | null;
  setSelected: (name: string | null) => void;
}

export interface EnvironmentStore {
  /** Reads the folder again: what the user or a `git pull` changed is picked up. */
  list(): Promise<EnvironmentsView>;
  save(name: string, variables: Record<string, string>, previousName?: string): Promise<EnvironmentsView>;
  remove(name: string): Promise<EnvironmentsView>;
  select(name: string | null): Promise<EnvironmentsView>;
  /** The selected environment's variables as last read; {} when none is selected. */
  variables(): Readonly<Record<string, string>>;
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});

export function createEnvironmentStore(opts: EnvironmentStoreOptions): EnvironmentStore {
  let current: Readonly<Record<string, string>> = NONE;
  const fileOf = (name: string) => path.join(opts.dir(), ENVIRONMENTS_DIR, `${name}.yaml`);
  // Names are compared without case: on macOS and Windows `Dev.yaml` and `dev.yaml` are one file.
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  async function list(): Promise<EnvironmentsView> {
    const loaded = await loadWorkspace(opts.dir()).catch((error: NodeJS.ErrnoException) => {
      // A workspace folder not made yet holds no environments.
      if (error.code === 'ENOENT') return { environments: [], problems: [] };
      throw error;
    });
    const problems = loaded.problems.filter((p) => p.path.startsWith(`${ENVIRONMENTS_DIR}/`));
    const environments: EnvironmentView[] = loaded.environments;
    const chosen = opts.selected();
    const selected = environments.find((e) => e.name === chosen) ?? null;
    current = selected ? Object.freeze({ ...selected.variables }) : NONE;
    return { environments, selected: selected?.name ?? null, gone: selected ? null : chosen, problems };
  }

  return {
    list,
    async save(name, variables, previousName) {
      const count = Object.keys(variables).length;
      if (count > ENV_LIMITS.variables) {
        throw new ServiceError(
          'environmentTooManyVariables',
          { found: count, max: ENV_LIMITS.variables },
          { field: 'variables' },
        );
      }
      const renaming = previousName !== undefined && previousName !== name;
      const { environments } = await list();
      if (renaming && !environments.some((e) => e.name === previousName)) {
        throw new ServiceError('environmentNotFound', { name: previousName });
      }
      const taken = environments.find((e) => same(e.name, name) && e.name !== (renaming ? previousName : name));
      if (taken) throw new ServiceError('environmentNameTaken', { name: taken.name }, { field: 'name' });
      await writeAtomically(
        fileOf(name),
        environmentFileText({ kind: 'stream-composer/environment', version: 1, variables }),
      );
      if (renaming) {
        await rm(fileOf(previousName), { force: true }).catch(notWritten);
        if (opts.selected() === previousName) opts.setSelected(name);
      }
      return list();
    },
    async remove(name) {
      const { environments } = await list();
      if (!environments.some((e) => e.name === name)) throw new ServiceError('environmentNotFound', { name });
      await rm(fileOf(name), { force: true }).catch(notWritten);
      if (opts.selected() === name) opts.setSelected(null);
      return list();
    },
    async select(name) {
      if (name !== null) {
        const { environments } = await list();
        if (!environments.some((e) => e.name === name)) throw new ServiceError('environmentNotFound', { name });
      }
      opts.setSelected(name);
      return list();
    },
    variables: () => current,
  };
}

/** Written beside and renamed over: a crash leaves the old file or the new one, never half of one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    notWritten(error);
  }
}

function notWritten(error: unknown): never {
  const cause = (error as NodeJS.ErrnoException).code ?? String(error);
  throw new ServiceError('workspaceNotWritten', { cause });
}
