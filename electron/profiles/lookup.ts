// The one answer to "which profile is this id", for every operation that names a profile.
import { ServiceError, type ProfileStore, type StoredProfile } from '../services';

export function profileOrThrow(profiles: Pick<ProfileStore, 'get'>, id: string): StoredProfile {
  const profile = profiles.get(id);
  // No field: the renderer translates a profile that is gone by its code, which it does only for
  // an error that names no field.
  if (!profile) throw new ServiceError('profileNotFound', { id }, { hint: 'pickProfile' });
  return profile;
}
