// The probe of what a connection supports, kept per connection for the session: shown in the
// connection editor (not checked / ✓ / ✗, with when), asked again on "Check again".
import type { ConnectionCapabilities, Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { profileOrThrow } from '../profiles/lookup';
import { ServiceError } from '../services';
import type { HintCode } from '../shared/reasons';
import { regionOf } from './connection';
import { describeFailure } from './errors';
import { probeConnection } from './probe';

export function capabilityHandlers(
  deps: Pick<HandlerDeps, 'profiles' | 'sender' | 'redactor'>,
): Implementations<'connectionCapabilities' | 'probeConnection'> {
  const known = new Map<string, ConnectionCapabilities>();
  return {
    connectionCapabilities: ({ profileId }) => known.get(profileId) ?? null,
    probeConnection: async ({ profileId }) => {
      const profile = profileOrThrow(deps.profiles, profileId);
      let client;
      try {
        client = await deps.sender.clientFor(profile);
      } catch (error) {
        const failure = describeFailure(error, {
          family: profile.kind === 'yds' ? 'yds' : 'aws',
          timeoutMs: profile.timeoutMs,
          aborted: false,
          redact: deps.redactor.text,
          accessKeyIds: [profile.credentials.accessKeyId],
        });
        throw new ServiceError(
          'callFailed',
          { name: failure.name, message: failure.message },
          { hint: failure.hintCode as HintCode },
        );
      }
      const found = await probeConnection(client, { yds: profile.kind === 'yds', region: regionOf(profile) });
      const report = { ...found, problem: found.problem && deps.redactor.text(found.problem) };
      known.set(profileId, report);
      return report;
    },
  };
}
