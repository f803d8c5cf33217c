// What the shell does on its own: loads the profiles at start, and asks the sandbox's state when a
// sandbox profile becomes the current one.
import { useEffect } from 'react';
import { useActions } from './actions';
import { selectedProfile } from './state';
import { useStore } from './StoreProvider';

export function useStartup(): void {
  const { state } = useStore();
  const actions = useActions();
  const profile = selectedProfile(state);
  useEffect(() => void actions.start(), [actions]);
  useEffect(() => {
    if (profile?.kind === 'sandbox') void actions.refreshSandbox();
  }, [actions, profile?.kind, profile?.id]);
}
