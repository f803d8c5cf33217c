// The profile dialog, while one is being edited or created.
import { useActions } from '../store/actions';
import { useStore } from '../store/StoreProvider';
import { lazyPart } from '../ui/lazyPart';

const ProfileEditor = lazyPart(
  () => import('../features/profiles/ProfileEditor').then((m) => m.ProfileEditor),
  'overlay',
);

export function ProfileEditorHost() {
  const { state } = useStore();
  const actions = useActions();
  if (!state.editing) return null;
  return (
    <ProfileEditor
      profile={state.editing.profile}
      onClose={actions.closeProfileEditor}
      onSaved={(saved) => void actions.profileSaved(saved)}
      onDuplicated={(copy) => void actions.profileDuplicated(copy)}
      onDeleted={(lastUsedId) => void actions.profileDeleted(lastUsedId)}
    />
  );
}
