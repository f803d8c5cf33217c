// The connection profiles of the handler table: list, save, copy, delete, pick.
import type { Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { profileOrThrow } from './lookup';

export function profileHandlers({
  profiles,
  sender,
}: Pick<HandlerDeps, 'profiles' | 'sender'>): Implementations<
  'listProfiles' | 'saveProfile' | 'duplicateProfile' | 'deleteProfile' | 'selectProfile'
> {
  return {
    listProfiles: () => profiles.list(),
    // No sender.forget here: a send may be in flight on the profile's client, and the sender
    // rebuilds the client by itself when a setting it is built from changes.
    saveProfile: (input) => profiles.save(input),
    duplicateProfile: ({ id }) => profiles.duplicate(id),
    deleteProfile: ({ id }) => {
      sender.forget(id);
      return profiles.delete(id);
    },
    selectProfile: ({ id }) => {
      profileOrThrow(profiles, id);
      profiles.select(id);
      return { lastUsedId: id };
    },
  };
}
