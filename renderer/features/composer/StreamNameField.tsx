// The stream of a non-YDS profile. For the sandbox it suggests the streams that exist there and
// offers to create one (elsewhere creating is in the stream browser, a step further from a click).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView, SandboxStatus } from '../../../electron/contract';
import { Field, IdInput } from '../../ui/Field';
import { lazyPart } from '../../ui/lazyPart';

const StreamBrowser = lazyPart(() => import('../streams/StreamBrowser').then((m) => m.StreamBrowser), 'overlay');
const NewStreamDialog = lazyPart(() => import('./NewStreamDialog').then((m) => m.NewStreamDialog), 'overlay');

interface Props {
  profile: ProfileView;
  value: string;
  /** The stream name as it will be sent: `{{env.NAME}}` with the environment's values. */
  resolved: string;
  error: string | null;
  sandbox: SandboxStatus | null;
  isSandbox: boolean;
  onChange: (value: string) => void;
  /** A stream was created here; `status` is the sandbox's new status when it was created there. */
  onCreated: (streamName: string, status: SandboxStatus | null) => void;
}

export function StreamNameField({ profile, value, resolved, error, sandbox, isSandbox, onChange, onCreated }: Props) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const streams = isSandbox ? (sandbox?.streams ?? []) : [];

  return (
    <div className="target name-target">
      <Field
        id="stream-name"
        label={t('composer.streamName')}
        error={error}
        hint={isSandbox && sandbox?.running ? t('composer.sandboxRunning', { endpoint: sandbox.endpoint }) : undefined}
      >
        <div className="input-with-button">
          <IdInput
            id="stream-name"
            list={isSandbox ? 'sandbox-streams' : undefined}
            invalid={Boolean(error)}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" onClick={() => setBrowsing(true)}>
            {t('streams.browse')}
          </button>
          {isSandbox && (
            <button type="button" onClick={() => setCreating(true)}>
              {t('composer.newStream')}
            </button>
          )}
        </div>
      </Field>
      {resolved !== value.trim() && !error && (
        <div className="resolved-name">
          <span className="resolved-caption">{t('composer.resolvedName')}</span>
          <code className="resolved-value" data-testid="resolved-stream">
            {resolved}
          </code>
        </div>
      )}
      {isSandbox && (
        <datalist id="sandbox-streams">
          {streams.map((s) => (
            <option key={s.name} value={s.name}>
              {t('composer.shards', { count: s.shardCount })}
            </option>
          ))}
        </datalist>
      )}
      {browsing && (
        <StreamBrowser
          profile={profile}
          onUse={onChange}
          onCreated={(c) => onCreated(c.name, c.sandbox)}
          onClose={() => setBrowsing(false)}
        />
      )}
      {creating && (
        <NewStreamDialog
          profile={profile}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            onCreated(c.name, c.sandbox);
          }}
        />
      )}
    </div>
  );
}
