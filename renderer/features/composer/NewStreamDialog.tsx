// Creates a stream on the profile's target: the sandbox, a YDS database (the composer's cloud and
// database, or a full path), AWS or another endpoint. Outside the sandbox the stream is real and
// billed, which the dialog says before anything is created.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ProfileView, SandboxStatus, Target } from '../../../electron/contract';
import { buildYdsStreamName } from '../../../electron/shared/addressing';
import { shownEndpoint } from '../../../electron/shared/defaults';
import { call } from '../../api';
import { errorText, fieldErrorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field, IdInput, messageId } from '../../ui/Field';

export interface CreatedStream {
  /** The name as the composer's stream field takes it: the stream part for a YDS database, else the whole name. */
  name: string;
  streamName: string;
  sandbox: SandboxStatus | null;
}

interface Props {
  profile: ProfileView;
  /** The composer's YDS cloud and database: the stream is created in that database. */
  ydsScope?: { cloudId: string; databaseId: string };
  onClose: () => void;
  onCreated: (created: CreatedStream) => void;
}

export function NewStreamDialog({ profile, ydsScope, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shards, setShards] = useState('1');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ status: string; created: CreatedStream } | null>(null);
  const scope = ydsScope?.cloudId.trim() && ydsScope.databaseId.trim() ? ydsScope : null;
  const isSandbox = profile.kind === 'sandbox';

  const fieldError = (path: string) => {
    const field = error?.fields?.find((f) => f.path === path);
    return field ? fieldErrorText(t, field) : null;
  };
  const nameError = fieldError('target.streamName') ?? fieldError('target.stream');
  const shownError = error && errorText(t, error);

  const target = (): Target =>
    scope
      ? { type: 'yds', cloudId: scope.cloudId.trim(), databaseId: scope.databaseId.trim(), stream: name.trim() }
      : { type: 'name', streamName: name.trim() };

  const create = async () => {
    if (busy || !name.trim()) return;
    setBusy(true);
    setError(null);
    const result = await call('createStream', { profileId: profile.id, target: target(), shardCount: Number(shards) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const created = { name: name.trim(), streamName: result.value.streamName, sandbox: result.value.sandbox };
    // A stream that is not ACTIVE yet cannot take records: say so rather than close as if it could.
    if (result.value.status !== 'ACTIVE') return setPending({ status: result.value.status, created });
    onCreated(created);
  };

  const endpoint = shownEndpoint(profile);
  const title = isSandbox ? t('newStream.titleSandbox') : t('newStream.title', { profile: profile.name });

  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {pending === null ? (
            <button type="button" className="primary" disabled={busy || !name.trim()} onClick={() => void create()}>
              {busy ? t('newStream.creating') : t('newStream.create')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => onCreated(pending.created)}>
              {t('newStream.useAnyway')}
            </button>
          )}
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        {!isSandbox && (
          <p className="warning-box span-2" data-testid="new-stream-billing">
            {t('newStream.realStream', { endpoint })}
          </p>
        )}
        <Field
          id="new-stream-name"
          label={t('newStream.name')}
          error={nameError}
          hint={
            scope
              ? t('newStream.inDatabase', { path: buildYdsStreamName({ ...scope, stream: name.trim() || '…' }) })
              : t(isSandbox ? 'newStream.nameHintSandbox' : 'newStream.nameHint')
          }
        >
          <IdInput
            id="new-stream-name"
            autoFocus
            value={name}
            disabled={busy || pending !== null}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="new-stream-shards" label={t('newStream.shards')} error={fieldError('shardCount')}>
          <input
            id="new-stream-shards"
            type="number"
            min={1}
            max={200}
            disabled={busy || pending !== null}
            aria-describedby={messageId('new-stream-shards')}
            value={shards}
            onChange={(e) => setShards(e.target.value)}
          />
        </Field>
        {busy && (
          <p className="muted span-2" role="status">
            {t('newStream.waiting')}
          </p>
        )}
        {pending !== null && (
          <p className="warning-box span-2" role="status">
            {t('newStream.notActive', { status: pending.status })}
          </p>
        )}
        {shownError && !error.fields?.length && <ErrorBox text={shownError} className="span-2" />}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
