// Copy as code in the handler table: a snippet for the composed request or a history entry,
// always sent with a profile of the user's and never with a key of theirs.
import type { Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { resolveEndpoint } from '../kinesis/connection';
import { profileOrThrow } from '../profiles/lookup';
import { resolveEnvironment } from '../environments/resolve';
import { prepareSend } from '../send/prepare';
import { streamMaxRecordBytesOf } from '../streams/max-record';
import { encodePayload } from '../shared/limits';
import { ServiceError, type CodeContext, type StoredProfile } from '../services';

export function codegenHandlers(
  deps: Pick<HandlerDeps, 'profiles' | 'history' | 'sandbox' | 'generateCode' | 'environments' | 'sender'>,
): Implementations<'generateCode'> {
  const { profiles, history, sandbox } = deps;

  /**
   * What a snippet needs of a profile: where it sends and where its keys come from, never a key
   * of the user's (only the sandbox's own key of this start, when it sends there).
   */
  const codeProfileOf = async (profile: StoredProfile): Promise<Pick<CodeContext, 'profile' | 'sandboxKeys'>> => {
    const endpoint = (await resolveEndpoint(profile, sandbox)).url ?? '';
    return {
      profile: { kind: profile.kind, endpoint, region: profile.region, credentials: credentialSourceOf(profile) },
      sandboxKeys: sandbox.keysFor(endpoint),
    };
  };

  return {
    generateCode: async ({ language, source }) => {
      if (source.type === 'composed') {
        // The snippet shows the values the environment gives: it runs where no environment exists.
        const request = resolveEnvironment(source.request, deps.environments.variables());
        const profile = profileOrThrow(profiles, request.profileId);
        // Checked as a send is: a record over 1 MiB against the stream's own maximum.
        const prepared = await prepareSend(profile, request, (family, streamName) =>
          streamMaxRecordBytesOf(() => deps.sender.clientFor(profile), family, streamName),
        );
        const target = await codeProfileOf(profile);
        return {
          code: deps.generateCode({
            language,
            ...target,
            streamName: prepared.streamName,
            partitionKey: request.partitionKey,
            explicitHashKey: request.explicitHashKey || undefined,
            data: prepared.data,
            payloadMode: request.payload.mode,
          }),
          otherProfile: null,
          sandboxKey: target.sandboxKeys !== undefined,
        };
      }
      const entry = history.get(source.historyId);
      if (!entry) throw new ServiceError('historyEntryNotFound', { id: source.historyId });
      if (entry.run) throw new ServiceError('codeForRun', {}, { hint: 'codeFromComposer' });
      if (entry.payload.truncated) {
        throw new ServiceError('codeFromTruncated', { size: entry.payload.size }, { hint: 'pasteFullPayload' });
      }
      const encoded = encodePayload(entry.payload.mode, entry.payload.text);
      if (!encoded.ok) throw new ServiceError('payloadInvalid', { detail: encoded.problem.message });
      // The endpoint an entry names is only text from a file (an import can name any host): the
      // code goes where a profile of the user's sends, the entry's own if it is still here, else
      // the one selected now, and then says so.
      const own = profiles.get(entry.profile.id);
      const lastUsedId = profiles.list().lastUsedId;
      const profile = own ?? (lastUsedId ? profiles.get(lastUsedId) : undefined);
      if (!profile)
        throw new ServiceError('entryProfileGone', { name: entry.profile.name }, { hint: 'pickProfileForCode' });
      const target = await codeProfileOf(profile);
      return {
        code: deps.generateCode({
          language,
          ...target,
          ...(own ? {} : { otherProfile: true }),
          streamName: entry.streamName,
          partitionKey: entry.partitionKey,
          explicitHashKey: entry.explicitHashKey,
          data: encoded.bytes,
          payloadMode: entry.payload.mode,
        }),
        otherProfile: own ? null : { name: profile.name },
        sandboxKey: target.sandboxKeys !== undefined,
      };
    },
  };
}

/** Where a profile's keys come from, and nothing of the keys themselves. */
function credentialSourceOf(profile: StoredProfile): CodeContext['profile']['credentials'] {
  return { source: profile.credentials.source, sharedProfile: profile.credentials.sharedProfile };
}
