// The request form: target, partition key, optional explicit hash key, payload, Send/Cancel.
// Problems show live, except "required" ones, which wait until the field was left or a send tried.
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ProfileView } from '../../../electron/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { formatNumber } from '../../i18n';
import { errorText, fieldErrorText } from '../../i18n/mainError';
import { Field, IdInput } from '../../ui/Field';
import { CopyAsCode } from '../response/CopyAsCode';
import { streamNameOf, targetOf, toRequest, type Draft } from './draft';
import { issueText } from './issueText';
import { PayloadField } from './PayloadField';
import { StreamNameField } from './StreamNameField';
import { useShardPreview } from './useShardPreview';
import { checkDraft, type FieldKey } from './validate';
import { YdsTargetFields } from './YdsTargetFields';
import { ModeTabs } from '../batch/ModeTabs';
import { AssertionsEditor } from '../assertions/AssertionsEditor';
import { ErrorBox } from '../../ui/ErrorBox';
import { useActions } from '../../store/actions';
import { useStore } from '../../store/StoreProvider';
import { selectedVariables } from '../../store/state';
import { lazyPart } from '../../ui/lazyPart';

const BatchComposer = lazyPart(() => import('../batch/BatchComposer').then((m) => m.BatchComposer));

/** Where main's field paths land in the form. */
function fieldOfPath(path: string, yds: boolean): FieldKey | 'streamAll' | null {
  const map: Record<string, FieldKey | 'streamAll'> = {
    partitionKey: 'partitionKey',
    explicitHashKey: 'explicitHashKey',
    payload: 'payload',
    'payload.text': 'payload',
    'target.cloudId': 'cloudId',
    'target.databaseId': 'databaseId',
    'target.stream': 'stream',
    'target.streamName': 'streamName',
    stream: yds ? 'streamAll' : 'streamName',
  };
  return map[path] ?? null;
}

const FOCUS_ORDER: FieldKey[] = [
  'cloudId',
  'databaseId',
  'stream',
  'streamName',
  'partitionKey',
  'explicitHashKey',
  'payload',
];
const INPUT_IDS: Record<FieldKey, string> = {
  cloudId: 'yds-cloud',
  databaseId: 'yds-database',
  stream: 'yds-stream',
  streamName: 'stream-name',
  partitionKey: 'partition-key',
  explicitHashKey: 'explicit-hash-key',
  payload: '',
};

/** The form of the current profile (the store's draft); "Batch & load" replaces the key and payload with the batch composer, the target shared. */
export function Composer({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation();
  const { state, dispatch, run } = useStore();
  const actions = useActions();
  const { draft, sandbox, mode, batch, submitted } = state;
  // The payload came from a history entry that kept only its start, and is unchanged since.
  const truncatedLoad = state.truncatedLoad?.text === draft.payloadText ? state.truncatedLoad : null;
  const busy = state.sending !== null;
  const yds = profile.kind === 'yds';
  const preview = useShardPreview(profile, draft);
  const check = checkDraft(profile.kind, draft, selectedVariables(state), preview.maxRecordBytes);
  const [shown, setShown] = useState<Set<FieldKey>>(new Set());
  const [serverErrors, setServerErrors] = useState<{
    fields: Partial<Record<FieldKey | 'streamAll', string>>;
    other: AppError | null;
  }>({
    fields: {},
    other: null,
  });
  const [advanced, setAdvanced] = useState(Boolean(draft.explicitHashKey));
  const focusPayload = useRef<(() => void) | null>(null);
  const tailTarget = targetOf(profile.kind, draft);
  const tailTargetComplete =
    tailTarget.type === 'yds'
      ? Boolean(tailTarget.cloudId && tailTarget.databaseId && tailTarget.stream)
      : Boolean(tailTarget.streamName);

  // How the latest submit ended (whoever asked for it: the button, Ctrl+Enter, a saved request's Run).
  // Only submits after this form was mounted: one before (on another profile's form) is not this form's.
  // Its state follows in the same render (React's "adjust state when a prop changes"); moving the
  // focus to the first invalid field is the one part done in an effect, below.
  const mountedAt = useRef(submitted?.seq ?? 0);
  const [seen, setSeen] = useState(submitted?.seq ?? 0);
  if (submitted && submitted.seq !== seen) {
    setSeen(submitted.seq);
    if (submitted.kind === 'sent') setServerErrors({ fields: {}, other: null });
    else {
      setShown(new Set(FOCUS_ORDER));
      if (submitted.kind === 'refused') {
        const { error } = submitted;
        const fields: Partial<Record<FieldKey | 'streamAll', string>> = {};
        for (const f of error.fields ?? []) {
          const key = fieldOfPath(f.path, yds);
          const text = fieldErrorText(t, f);
          if (key) fields[key] = fields[key] ? `${fields[key]} ${text}` : text;
        }
        const placed = Object.keys(fields).length > 0;
        setServerErrors({ fields, other: placed ? null : error });
      }
    }
  }

  const change = (patch: Partial<Draft>) => {
    const touched = Object.keys(patch) as (keyof Draft)[];
    // A server message about a field is stale once that field changes.
    setServerErrors((prev) => {
      const fields = { ...prev.fields };
      for (const key of touched) delete fields[key as FieldKey];
      if (touched.some((k) => k === 'cloudId' || k === 'databaseId' || k === 'stream')) delete fields.streamAll;
      if (touched.includes('payloadText') || touched.includes('payloadMode')) delete fields.payload;
      return { ...prev, fields };
    });
    dispatch({ type: 'draftChanged', change: (d) => ({ ...d, ...patch }) });
  };

  const show = (key: FieldKey) => setShown((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));

  // Main re-checks with the same shared rules, so the live issue says its field problem in the UI
  // language; main's English is left for what the live check cannot know.
  const errorOf = (key: FieldKey): string | null => {
    const issue = check.issues[key];
    const waits = issue && (issue.code === 'REQUIRED' || issue.code === 'KEY_EMPTY') && !shown.has(key);
    if (issue && !waits) return issueText(t, issue);
    return serverErrors.fields[key] ?? null;
  };

  const focusField = (key: FieldKey) => {
    if (key === 'explicitHashKey') setAdvanced(true);
    if (key === 'payload') focusPayload.current?.();
    else setTimeout(() => document.getElementById(INPUT_IDS[key])?.focus());
  };

  const focusFirstInvalid = useEffectEvent(() => {
    const invalid = FOCUS_ORDER.filter((k) => check.issues[k]);
    if (invalid.length > 0) focusField(invalid[0]);
  });
  useEffect(() => {
    if (submitted?.kind === 'invalid' && submitted.seq !== mountedAt.current) focusFirstInvalid();
  }, [submitted?.kind, submitted?.seq]);

  const submit = () => void actions.send(preview.maxRecordBytes);

  const onKeyDown = (e: KeyboardEvent) => {
    if (mode === 'single' && e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      submit();
    }
  };

  const limit = LIMITS[check.family];
  const otherError = serverErrors.other && errorText(t, serverErrors.other);
  const keyError = errorOf('partitionKey');
  const hashError = errorOf('explicitHashKey');

  return (
    <form className="composer" onSubmit={(e) => e.preventDefault()} onKeyDown={onKeyDown} noValidate>
      {yds ? (
        <YdsTargetFields
          profile={profile}
          draft={draft}
          streamName={check.streamName}
          errors={{
            cloudId: errorOf('cloudId') ?? undefined,
            databaseId: errorOf('databaseId') ?? undefined,
            stream: errorOf('stream') ?? undefined,
          }}
          streamError={serverErrors.fields.streamAll ?? null}
          onChange={change}
        />
      ) : (
        <StreamNameField
          profile={profile}
          value={draft.streamName}
          resolved={check.streamName}
          error={errorOf('streamName')}
          sandbox={sandbox}
          isSandbox={profile.kind === 'sandbox'}
          onChange={(streamName) => change({ streamName })}
          onCreated={(name, status) => {
            if (status) dispatch({ type: 'sandboxChanged', sandbox: status });
            change({ streamName: name });
          }}
        />
      )}
      <div className="tail-open">
        <button
          type="button"
          className="small"
          disabled={!tailTargetComplete}
          onClick={() =>
            dispatch({
              type: 'tailDocked',
              tail: { profileId: profile.id, target: tailTarget, streamLabel: streamNameOf(profile.kind, draft) },
            })
          }
        >
          {t('tail.open')}
        </button>
      </div>

      <ModeTabs mode={mode} onMode={(next) => dispatch({ type: 'modeChanged', mode: next })} />
      {mode === 'batch' ? (
        <BatchComposer
          profile={profile}
          target={tailTarget}
          targetComplete={tailTargetComplete}
          batch={batch}
          onBatch={(patch) => dispatch({ type: 'batchChanged', change: (b) => ({ ...b, ...patch }) })}
          runEvent={run.event}
          onRunStarted={actions.showRun}
          onShowRun={actions.showRunPanel}
        />
      ) : (
        <>
          <Field
            id="partition-key"
            label={t('composer.partitionKey')}
            error={keyError}
            hint={t(limit.keyUnit === 'bytes' ? 'composer.keyCounterBytes' : 'composer.keyCounterChars', {
              length: check.keyLength,
              limit: limit.maxKeyLength,
            })}
          >
            <IdInput
              id="partition-key"
              invalid={Boolean(keyError)}
              value={draft.partitionKey}
              onChange={(e) => change({ partitionKey: e.target.value })}
              onBlur={() => show('partitionKey')}
            />
          </Field>
          {preview.target && (
            <p className="shard-preview hint-text" data-testid="shard-preview">
              {t('composer.shardPreview', { shardId: preview.target.shardId })}
            </p>
          )}

          <details
            className="advanced"
            open={advanced || Boolean(draft.explicitHashKey)}
            onToggle={(e) => setAdvanced(e.currentTarget.open)}
          >
            <summary>{t('composer.advanced')}</summary>
            <Field
              id="explicit-hash-key"
              label={t('composer.explicitHashKey')}
              error={hashError}
              hint={t('composer.explicitHashKeyHint')}
            >
              <IdInput
                id="explicit-hash-key"
                inputMode="numeric"
                invalid={Boolean(hashError)}
                value={draft.explicitHashKey}
                onChange={(e) => change({ explicitHashKey: e.target.value })}
              />
            </Field>
            {preview.shards.length > 0 && (
              <select
                id="send-to-shard"
                aria-label={t('composer.sendToShard')}
                value=""
                onChange={(e) => {
                  const shard = preview.shards.find((s) => s.shardId === e.target.value);
                  // Loaded with the shards this list shows (useShardPreview).
                  if (shard)
                    void import('../../../electron/shared/shards').then((m) =>
                      change({ explicitHashKey: m.hashKeyInside(shard) }),
                    );
                }}
              >
                <option value="">{t('composer.sendToShard')}</option>
                {preview.shards.map((s) => (
                  <option key={s.shardId} value={s.shardId}>
                    {s.shardId}
                  </option>
                ))}
              </select>
            )}
          </details>

          <PayloadField
            mode={draft.payloadMode}
            text={draft.payloadText}
            error={errorOf('payload')}
            canReformat={draft.payloadMode === 'json' && check.issues.payload?.code !== 'INVALID_JSON'}
            size={check.size}
            family={check.family}
            maxRecordBytes={check.maxRecordBytes}
            streamLimit={check.streamLimit}
            onMode={(payloadMode) => change({ payloadMode })}
            onText={(payloadText) => change({ payloadText })}
            onSubmit={submit}
            focusRef={focusPayload}
          />

          {truncatedLoad && (
            <p className="warning-box" role="alert" data-testid="truncated-warning">
              {t('composer.truncatedLoad', {
                kept: formatNumber(truncatedLoad.kept),
                size: formatNumber(truncatedLoad.size),
              })}
            </p>
          )}

          <AssertionsEditor />

          {otherError && <ErrorBox text={otherError} />}

          <div className="composer-actions">
            <button
              type="button"
              className="primary send-button"
              onClick={submit}
              disabled={busy}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {t('composer.send')}
            </button>
            {busy && (
              <>
                <span className="busy-indicator" role="status">
                  <span className="spinner" aria-hidden="true" />
                  {t('composer.sending')}
                </span>
                <button type="button" onClick={actions.cancelSend}>
                  {t('common.cancel')}
                </button>
              </>
            )}
            <span className="shortcut-hint" title={t('composer.shortcut')}>
              {t('composer.shortcut')}
            </span>
            <span className="spacer" />
            <CopyAsCode
              source={() =>
                Object.keys(check.issues).length
                  ? null
                  : { type: 'composed', request: toRequest(profile.id, profile.kind, draft) }
              }
            />
          </div>
        </>
      )}
    </form>
  );
}
