// Creates a stream on the profile's target: the sandbox, a YDS database (the composer's cloud and
// database, or a full path), AWS or another endpoint. Outside the sandbox the stream is real and
// billed, which the dialog says before anything is created. An AWS-style stream may be raised to
// large records (a maximum record size up to 10 MiB); not on YDS, nor where the connection's probe
// found that its streams do not take them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ProfileView, SandboxStatus, Target } from '../../../electron/contract';
import { buildYdsStreamName, isYdsStreamName } from '../../../electron/shared/addressing';
import { LIMITS } from '../../../electron/shared/limits';
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

const KiB = 1024;
const MiB = 1024 * KiB;
type SizeUnit = 'KiB' | 'MiB';

export function NewStreamDialog({ profile, ydsScope, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shards, setShards] = useState('1');
  const [maxSize, setMaxSize] = useState('1');
  const [unit, setUnit] = useState<SizeUnit>('MiB');
  const [largeRecords, setLargeRecords] = useState<'yes' | 'no' | 'unknown'>('unknown');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ status: string; created: CreatedStream } | null>(null);
  const scope = ydsScope?.cloudId.trim() && ydsScope.databaseId.trim() ? ydsScope : null;
  const isSandbox = profile.kind === 'sandbox';

  useEffect(() => {
    let current = true;
    // The probe's last answer, if the connection was checked this session: no call to the endpoint.
    void call('connectionCapabilities', { profileId: profile.id }).then(
      (r) => current && r.ok && r.value && setLargeRecords(r.value.calls.largeRecords),
    );
    return () => {
      current = false;
    };
  }, [profile.id]);

  // Why the maximum record size stays at 1 MiB, if it must.
  const sizeLocked =
    profile.kind === 'yds' || scope !== null || isYdsStreamName(name.trim())
      ? t('recordSizeMeter.newStreamYds')
      : largeRecords === 'no'
        ? t('recordSizeMeter.newStreamNotSupported')
        : null;
  const maxRecordSizeKiB = Math.round((Number(maxSize) * (unit === 'MiB' ? MiB : KiB)) / KiB);

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
    const raised = sizeLocked === null && maxRecordSizeKiB * KiB !== LIMITS.aws.maxRecordBytes;
    const result = await call('createStream', {
      profileId: profile.id,
      target: target(),
      shardCount: Number(shards),
      // Main checks the range (1 to 10 MiB) and says which field is wrong.
      ...(raised ? { maxRecordSizeKiB } : {}),
    });
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
        <Field
          id="new-stream-max-record"
          label={t('recordSizeMeter.newStreamLabel')}
          error={fieldError('maxRecordSizeKiB')}
          hint={sizeLocked ?? t('recordSizeMeter.newStreamHint')}
        >
          <span className="size-with-unit">
            <input
              id="new-stream-max-record"
              type="number"
              min={unit === 'MiB' ? 1 : LIMITS.aws.maxRecordBytes / KiB}
              max={LIMITS.aws.largestRecordBytes / (unit === 'MiB' ? MiB : KiB)}
              step="any"
              disabled={busy || pending !== null || sizeLocked !== null}
              aria-describedby={messageId('new-stream-max-record')}
              value={sizeLocked === null ? maxSize : '1'}
              onChange={(e) => setMaxSize(e.target.value)}
            />
            <select
              aria-label={t('recordSizeMeter.newStreamUnit')}
              disabled={busy || pending !== null || sizeLocked !== null}
              value={sizeLocked === null ? unit : 'MiB'}
              onChange={(e) => {
                const next = e.target.value as SizeUnit;
                // The same size in the other unit, so switching never changes what is asked for.
                const bytes = Number(maxSize) * (unit === 'MiB' ? MiB : KiB);
                setMaxSize(String(Math.round((bytes / (next === 'MiB' ? MiB : KiB)) * 1000) / 1000));
                setUnit(next);
              }}
            >
              <option value="KiB">{t('recordSizeMeter.kib')}</option>
              <option value="MiB">{t('recordSizeMeter.mib')}</option>
            </select>
          </span>
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
