import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, SandboxStatus } from '../../../electron/contract';
import { call } from '../../api';
import { errorText, fieldErrorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { Field, IdInput, messageId } from '../../ui/Field';

interface Props {
  onClose: () => void;
  onCreated: (status: SandboxStatus, name: string) => void;
}

export function NewStreamDialog({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shards, setShards] = useState('1');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const fieldError = (path: string) => {
    const field = error?.fields?.find((f) => f.path === path);
    return field ? fieldErrorText(t, 'createSandboxStream', field) : null;
  };
  const shownError = error && errorText(t, 'createSandboxStream', error);

  const create = async () => {
    setBusy(true);
    const result = await call('createSandboxStream', { name: name.trim(), shardCount: Number(shards) });
    setBusy(false);
    if (result.ok) onCreated(result.value, name.trim());
    else setError(result.error);
  };

  return (
    <Dialog
      title={t('newStream.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy || !name.trim()} onClick={create}>
            {t('newStream.create')}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void create();
        }}
      >
        <Field id="new-stream-name" label={t('newStream.name')} error={fieldError('name')} hint={t('newStream.nameHint')}>
          <IdInput
            id="new-stream-name"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="new-stream-shards" label={t('newStream.shards')} error={fieldError('shardCount')}>
          <input
            id="new-stream-shards"
            type="number"
            min={1}
            max={50}
            aria-describedby={messageId('new-stream-shards')}
            value={shards}
            onChange={(e) => setShards(e.target.value)}
          />
        </Field>
        {shownError && !error.fields?.length && (
          <p className="error-box" role="alert">
            {shownError.message}
            {shownError.hint && <span className="error-hint">{shownError.hint}</span>}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
