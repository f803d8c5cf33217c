// The stream of a non-YDS profile. For the sandbox it suggests the streams that exist there and
// offers to create one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SandboxStatus } from '../../../electron/contract';
import { Field, IdInput } from '../../ui/Field';
import { StreamBrowser } from '../streams/StreamBrowser';
import { NewStreamDialog } from './NewStreamDialog';

interface Props {
  profileId: string;
  value: string;
  error: string | null;
  sandbox: SandboxStatus | null;
  isSandbox: boolean;
  onChange: (value: string) => void;
  onSandboxChanged: (status: SandboxStatus, createdStream: string) => void;
}

export function StreamNameField({ profileId, value, error, sandbox, isSandbox, onChange, onSandboxChanged }: Props) {
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
      {isSandbox && (
        <datalist id="sandbox-streams">
          {streams.map((s) => (
            <option key={s.name} value={s.name}>
              {t('composer.shards', { count: s.shardCount })}
            </option>
          ))}
        </datalist>
      )}
      {browsing && <StreamBrowser profileId={profileId} onUse={onChange} onClose={() => setBrowsing(false)} />}
      {creating && (
        <NewStreamDialog
          onClose={() => setCreating(false)}
          onCreated={(status, name) => {
            setCreating(false);
            onSandboxChanged(status, name);
          }}
        />
      )}
    </div>
  );
}
