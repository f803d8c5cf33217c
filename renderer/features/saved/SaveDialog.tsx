// Names a composed request and picks its folder. When the composer holds a request opened from the
// saved ones, saving replaces it unless the user unticks "Replace"; otherwise it is a new one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Assertion, SavedList, SavedRequestBody, SavedRequestView } from '../../../electron/contract';
import { call } from '../../api';
import { errorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { Field, messageId } from '../../ui/Field';
import { ErrorBox } from '../../ui/ErrorBox';

interface Props {
  list: SavedList;
  /** What is saved; null with `problem` saying why the composer's request cannot be saved as it is. */
  body: SavedRequestBody | null;
  problem: string | null;
  /** The composer's assertions, saved with the request. */
  assertions: Assertion[];
  profileId: string;
  /** The saved request the composer was opened from, if any. */
  opened: { id: string; name: string; folderId: string | null } | null;
  onSaved: (saved: SavedRequestView, list: SavedList) => void;
  onClose: () => void;
}

export function SaveDialog({ list, body, problem, assertions, profileId, opened, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(opened?.name ?? '');
  const [folderId, setFolderId] = useState(opened?.folderId ?? '');
  const [replace, setReplace] = useState(opened !== null);
  const [error, setError] = useState<AppError | null>(null);
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  const nameError = nameTouched && !name.trim() ? t('saved.nameRequired') : null;

  const save = async () => {
    setNameTouched(true);
    if (!name.trim() || busy || !body) return;
    setBusy(true);
    const result = await call('saveRequest', {
      ...(replace && opened ? { id: opened.id } : {}),
      name: name.trim(),
      folderId: folderId || null,
      profileId,
      request: body,
      assertions,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onSaved(result.value.saved, result.value.list);
  };

  const shown = error && errorText(t, error);

  return (
    <Dialog
      title={t('saved.saveTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="save-request-form" className="primary" disabled={busy || !body}>
            {t('saved.save')}
          </button>
        </>
      }
    >
      <form
        id="save-request-form"
        className="save-request-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id="saved-name" label={t('saved.name')} error={nameError}>
          <input
            id="saved-name"
            autoFocus
            maxLength={200}
            value={name}
            aria-invalid={Boolean(nameError)}
            aria-describedby={messageId('saved-name')}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setNameTouched(true)}
          />
        </Field>
        <Field id="saved-folder" label={t('saved.folder')}>
          <select
            id="saved-folder"
            value={folderId}
            aria-describedby={messageId('saved-folder')}
            onChange={(e) => setFolderId(e.target.value)}
          >
            <option value="">{t('saved.noFolder')}</option>
            {list.folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </Field>
        {opened && (
          <label className="inline-label">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />{' '}
            {t('saved.replace', { name: opened.name })}
          </label>
        )}
        {problem && (
          <p className="warning-box" role="alert">
            {problem}
          </p>
        )}
        {shown && <ErrorBox text={shown} />}
      </form>
    </Dialog>
  );
}
