// Create or edit a connection profile (and, for a stored one, duplicate or delete it). Main
// validates again and answers field errors, which are shown next to their fields; when the OS has
// no real secret store, main asks first (NEEDS_CONFIRMATION) and the user decides here.
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ProfileKind, ProfileView } from '../../../electron/contract';
import { call } from '../../api';
import { PROFILE_KINDS } from '../../../electron/shared/names';
import { errorText, fieldErrorText, type ErrorSource } from '../../i18n/mainError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { Field, IdInput, messageId } from '../../ui/Field';
import {
  defaultEndpoint,
  defaultRegion,
  formOf,
  newProfileForm,
  regionRequired,
  sourceAfterKindChange,
  sourcesFor,
  toInput,
  type ProfileForm,
} from './profileForm';
import { ErrorBox } from '../../ui/ErrorBox';
import { ConnectionCapabilities } from './ConnectionCapabilities';

interface Props {
  /** The profile to edit; a new one when absent. */
  profile: ProfileView | null;
  onClose: () => void;
  onSaved: (profile: ProfileView) => void;
  onDuplicated: (profile: ProfileView) => void;
  onDeleted: (lastUsedId: string | null) => void;
}

const FIELD_OF_PATH: Record<string, keyof ProfileForm> = {
  name: 'name',
  kind: 'kind',
  endpoint: 'endpoint',
  region: 'region',
  ydsCloudId: 'ydsCloudId',
  ydsDatabaseId: 'ydsDatabaseId',
  'credentials.source': 'source',
  'credentials.sharedProfile': 'sharedProfile',
  'credentials.accessKeyId': 'accessKeyId',
  'credentials.secretAccessKey': 'secretAccessKey',
  timeoutMs: 'timeoutSeconds',
  maxAttempts: 'retries',
};

export function ProfileEditor({ profile, onClose, onSaved, onDuplicated, onDeleted }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ProfileForm>(() => (profile ? formOf(profile) : newProfileForm()));
  const [failure, setFailure] = useState<{ source: ErrorSource; error: AppError } | null>(null);
  const error = failure?.error ?? null;
  const [confirm, setConfirm] = useState<'weak' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...patch }));
  const errors: Partial<Record<keyof ProfileForm, string>> = {};
  for (const f of error?.fields ?? []) {
    const key = FIELD_OF_PATH[f.path];
    if (!key) continue;
    const text = fieldErrorText(t, f);
    // Two messages on one field may well translate to the same rule.
    if (!errors[key]?.includes(text)) errors[key] = errors[key] ? `${errors[key]} ${text}` : text;
  }
  const shownError = failure && errorText(t, failure.error);
  const unplaced =
    error && (error.code !== 'INVALID_INPUT' || !(error.fields ?? []).some((f) => FIELD_OF_PATH[f.path]));

  const save = async (allowWeak: boolean) => {
    setBusy(true);
    const result = await call('saveProfile', toInput(form, allowWeak));
    setBusy(false);
    if (result.ok) return onSaved(result.value);
    setFailure({ source: 'saveProfile', error: result.error });
    if (result.error.code === 'NEEDS_CONFIRMATION') setConfirm('weak');
  };

  const duplicate = async () => {
    const result = await call('duplicateProfile', { id: profile!.id });
    if (result.ok) onDuplicated(result.value);
    else setFailure({ source: 'duplicateProfile', error: result.error });
  };

  const remove = async () => {
    setConfirm(null);
    const result = await call('deleteProfile', { id: profile!.id });
    if (result.ok) onDeleted(result.value.lastUsedId);
    else setFailure({ source: 'deleteProfile', error: result.error });
  };

  const openYdsHelp = async () => {
    const result = await call('openExternal', { url: t('profiles.ydsHelpUrl') });
    if (!result.ok) setFailure({ source: 'openExternal', error: result.error });
  };

  const changeKind = (kind: ProfileKind) => {
    set({
      kind,
      // Only replace a region the user has not chosen: blank or the previous kind's default.
      region: !form.region || form.region === defaultRegion(form.kind) ? defaultRegion(kind) : form.region,
      source: sourceAfterKindChange(kind, form),
    });
  };

  const input = (key: keyof ProfileForm, id: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <IdInput
      id={id}
      invalid={Boolean(errors[key])}
      value={String(form[key] ?? '')}
      onChange={(e) => set({ [key]: e.target.value })}
      {...extra}
    />
  );

  const storedKeyHint = profile?.credentials.accessKeyIdHint;
  const secretStored = profile?.credentials.secretSet;

  return (
    <Dialog
      title={profile ? t('profiles.editTitle') : t('profiles.newTitle')}
      onClose={onClose}
      wide
      footer={
        <>
          {profile && (
            <>
              <button type="button" className="danger-outline" onClick={() => setConfirm('delete')}>
                {t('profiles.delete')}
              </button>
              <button type="button" onClick={() => void duplicate()}>
                {t('profiles.duplicate')}
              </button>
            </>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="profile-form" className="primary" disabled={busy}>
            {t('profiles.save')}
          </button>
        </>
      }
    >
      <form
        id="profile-form"
        className="form-grid two-columns"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <Field id="pf-name" label={t('profiles.name')} error={errors.name}>
          {input('name', 'pf-name', { autoFocus: true })}
        </Field>
        <Field id="pf-kind" label={t('profiles.kind')} error={errors.kind}>
          <select
            id="pf-kind"
            value={form.kind}
            aria-describedby={messageId('pf-kind')}
            onChange={(e) => changeKind(e.target.value as ProfileKind)}
          >
            {PROFILE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>

        {form.kind !== 'sandbox' && (
          <>
            <Field
              id="pf-endpoint"
              label={t('profiles.endpoint')}
              error={errors.endpoint}
              hint={t('profiles.endpointHint')}
            >
              {input('endpoint', 'pf-endpoint', { placeholder: defaultEndpoint(form.kind, form.region), type: 'url' })}
            </Field>
            <Field id="pf-region" label={t('profiles.region')} error={errors.region}>
              {/* Where a blank region is refused, no placeholder suggests it stands for a default. */}
              {input('region', 'pf-region', regionRequired(form.kind) ? {} : { placeholder: defaultRegion(form.kind) })}
            </Field>
          </>
        )}

        {form.kind === 'yds' && (
          <>
            <Field id="pf-cloud" label={t('profiles.ydsCloudId')} error={errors.ydsCloudId}>
              {input('ydsCloudId', 'pf-cloud', { placeholder: 'b1g…' })}
            </Field>
            <Field id="pf-database" label={t('profiles.ydsDatabaseId')} error={errors.ydsDatabaseId}>
              {input('ydsDatabaseId', 'pf-database', { placeholder: 'etn…' })}
            </Field>
            <p className="hint-text span-2 yds-help">
              {t('profiles.ydsHelp')}{' '}
              <button type="button" className="link-button" onClick={() => void openYdsHelp()}>
                {t('profiles.ydsHelpLink')}
              </button>
            </p>
          </>
        )}

        <fieldset className="span-2 credentials">
          <legend>{t('profiles.credentials')}</legend>
          <Field id="pf-source" label={t('profiles.source')} error={errors.source}>
            <select
              id="pf-source"
              value={form.source}
              aria-describedby={messageId('pf-source')}
              onChange={(e) => set({ source: e.target.value as ProfileForm['source'] })}
            >
              {sourcesFor(form.kind).map((s) => (
                <option key={s} value={s}>
                  {t(`profiles.sourceOption.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {form.source === 'static' && (
            <div className="form-grid two-columns">
              <Field
                id="pf-key-id"
                label={t('profiles.accessKeyId')}
                error={errors.accessKeyId}
                hint={storedKeyHint ? t('profiles.storedKeyHint', { last: storedKeyHint }) : undefined}
              >
                {input('accessKeyId', 'pf-key-id', { placeholder: storedKeyHint ? `…${storedKeyHint}` : '' })}
              </Field>
              <Field
                id="pf-secret"
                label={t('profiles.secretAccessKey')}
                error={errors.secretAccessKey}
                hint={secretStored ? t('profiles.storedSecretHint') : t('profiles.secretHint')}
              >
                {input('secretAccessKey', 'pf-secret', { type: 'password', autoComplete: 'new-password' })}
              </Field>
            </div>
          )}
          {form.source === 'shared' && (
            <Field
              id="pf-shared"
              label={t('profiles.sharedProfile')}
              error={errors.sharedProfile}
              hint={t('profiles.sharedHint')}
            >
              {input('sharedProfile', 'pf-shared', { placeholder: 'default' })}
            </Field>
          )}
          {form.source === 'env' && <p className="hint-text">{t('profiles.envHint')}</p>}
          {form.source === 'none' && <p className="hint-text">{t('profiles.noneHint')}</p>}
        </fieldset>

        <Field id="pf-timeout" label={t('profiles.timeout')} error={errors.timeoutSeconds}>
          {input('timeoutSeconds', 'pf-timeout', { type: 'number', min: 1, max: 600, inputMode: 'numeric' })}
        </Field>
        <Field id="pf-retries" label={t('profiles.retries')} error={errors.retries}>
          {input('retries', 'pf-retries', { type: 'number', min: 0, max: 9, inputMode: 'numeric' })}
        </Field>

        {unplaced && shownError && error.code !== 'NEEDS_CONFIRMATION' && (
          <ErrorBox text={shownError} className="span-2" />
        )}
        {profile && <ConnectionCapabilities profileId={profile.id} />}
      </form>

      {confirm === 'weak' && shownError && (
        <ConfirmDialog
          title={t('profiles.weakTitle')}
          message={shownError.message + (shownError.hint ? `\n\n${shownError.hint}` : '')}
          confirmLabel={t('profiles.weakConfirm')}
          onCancel={() => {
            setConfirm(null);
            setFailure(null);
          }}
          onConfirm={() => {
            setConfirm(null);
            setFailure(null);
            void save(true);
          }}
        />
      )}
      {confirm === 'delete' && profile && (
        <ConfirmDialog
          title={t('profiles.deleteTitle')}
          message={t('profiles.deleteMessage', { name: profile.name })}
          confirmLabel={t('profiles.delete')}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => void remove()}
        />
      )}
    </Dialog>
  );
}
