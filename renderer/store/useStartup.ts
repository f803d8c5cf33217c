// What the shell does on its own: loads the profiles at start, reads the environments again whenever
// the workspace changes (an edit on disk, a `git pull`, another folder opened), and asks the
// sandbox's state when a sandbox profile becomes the current one.
import { useEffect } from 'react';
import { subscribe } from '../api';
import { useActions } from './actions';
import { selectedProfile } from './state';
import { useStore } from './StoreProvider';

export function useStartup(): void {
  const { state } = useStore();
  const actions = useActions();
  const profile = selectedProfile(state);
  useEffect(() => void actions.start(), [actions]);
  useEffect(() => subscribe('saved', null, () => void actions.environments.load()), [actions]);
  useEffect(() => {
    if (profile?.kind === 'sandbox') void actions.refreshSandbox();
  }, [actions, profile?.kind, profile?.id]);
}
