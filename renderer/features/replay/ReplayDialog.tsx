// "Replay…": sends records of one stream to another stream on any connection, through a load
// run that main reads the records for (the renderer names them, never sends their bytes). The
// source is a tail selection, a shard's sequence-number range or a time window of every shard;
// then the target, the keys (kept or made anew), an optional transform and a rate. Once started,
// the run panel follows the run (progress, fate report, export / re-send of the undelivered).
// "Replay again" from history opens it filled with an earlier replay's request, to check (the
// target may be a real stream; a time window may want moving) before it starts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, KeyStrategyInput, ReplayRequest, ReplaySelection, Target } from '../../../electron/contract';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { targetStreamName } from '../../../electron/shared/addressing';
import { errorText, fieldErrorText } from '../../i18n/mainError';
import { useActions } from '../../store/actions';
import { useStore } from '../../store/StoreProvider';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field, messageId } from '../../ui/Field';

type Picked = Extract<ReplaySelection, { type: 'records' }>['records'];
const RECORD_FIELDS = ['data', 'key', 'json.field', 'sequenceNumber', 'arrival']
  .map((f) => `{{record.${f}}}`)
  .join(', ');
type KeyChoice = 'row' | 'random' | 'sequential' | 'fixed' | 'template';

interface Props {
  profileId: string;
  /** The source stream as the tail or the stream browser addresses it. */
  source: Target;
  streamLabel: string;
  /** Records picked in the tail; without them the dialog offers a range or a time window. */
  picked?: Picked;
  /** How the tail picked them: the records the user selected, or those it shows. */
  pickedHow?: 'selected' | 'shown';
  /** An earlier replay's request, for "Replay again": every field starts as it was. */
  again?: ReplayRequest;
  onClose: () => void;
  /** The run has started and the run panel shows it: what opened the dialog may close too. */
  onStarted?: () => void;
}

/** The value a datetime-local input wants for `d` in local time: to the minute, or to the second for `seconds`. */
const localInput = (d: Date, seconds = false) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, seconds ? 19 : 16);
const localNow = (offsetMs: number) => localInput(new Date(Date.now() + offsetMs));

/** The text of the key field for a strategy that has one. */
function keyValueOf(keys: KeyStrategyInput): string {
  if (keys.type === 'fixed') return keys.value;
  if (keys.type === 'sequential') return keys.prefix ?? '';
  if (keys.type === 'template') return keys.template;
  return '';
}

export function ReplayDialog(props: Props) {
  const { profileId, source, streamLabel, again, onClose, onStarted } = props;
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const select = again?.select;
  const picked = select?.type === 'records' ? select.records : props.picked;
  const pickedHow = again ? 'again' : (props.pickedHow ?? 'shown');
  const [kind, setKind] = useState<'window' | 'range'>(select?.type === 'range' ? 'range' : 'window');
  const [from, setFrom] = useState(() =>
    select?.type === 'window' ? localInput(new Date(select.from), true) : localNow(-3_600_000),
  );
  const [to, setTo] = useState(() =>
    select?.type === 'window' ? localInput(new Date(select.to), true) : localNow(60_000),
  );
  const [shardId, setShardId] = useState(select?.type === 'range' ? select.shardId : '');
  const [fromSeq, setFromSeq] = useState(select?.type === 'range' ? select.from : '');
  const [toSeq, setToSeq] = useState(select?.type === 'range' ? (select.to ?? '') : '');
  const [targetProfile, setTargetProfile] = useState(again?.profileId ?? profileId);
  const [targetStream, setTargetStream] = useState(again ? targetStreamName(again.target) : '');
  const [keys, setKeys] = useState<KeyChoice>(again && again.keys.type !== 'field' ? again.keys.type : 'row');
  const [keyValue, setKeyValue] = useState(again ? keyValueOf(again.keys) : '');
  const [transform, setTransform] = useState(again?.transform?.template ?? '');
  const [mode, setMode] = useState<'json' | 'text'>(again?.transform?.mode ?? 'json');
  const [rate, setRate] = useState(again?.plan.ratePerSec ? String(again.plan.ratePerSec) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const selection = (): ReplaySelection => {
    if (picked) return { type: 'records', records: picked };
    if (kind === 'range')
      return { type: 'range', shardId: shardId.trim(), from: fromSeq.trim(), to: toSeq.trim() || null };
    return { type: 'window', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  };
  const keyStrategy = (): KeyStrategyInput => {
    switch (keys) {
      case 'fixed':
        return { type: 'fixed', value: keyValue };
      case 'sequential':
        return { type: 'sequential', prefix: keyValue };
      case 'template':
        return { type: 'template', template: keyValue };
      default:
        return { type: keys };
    }
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    const request: ReplayRequest = {
      from: { profileId, target: source },
      select: selection(),
      profileId: targetProfile,
      target: { type: 'name', streamName: targetStream.trim() },
      keys: keyStrategy(),
      transform: transform.trim() ? { template: transform, mode } : null,
      plan: {
        ...(again?.plan ?? { concurrency: 4, maxAttemptsPerRecord: 10 }),
        ratePerSec: rate.trim() ? Number(rate) : null,
      },
    };
    const r = await call('startReplay', request);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    actions.showRun(r.value.runId);
    onClose();
    onStarted?.();
  };

  const fieldError = (path: string) => {
    const f = error?.fields?.find((e) => e.path === path || e.path.startsWith(`${path}.`));
    return f ? fieldErrorText(t, f) : null;
  };
  const shownError = error && errorText(t, error);

  return (
    <Dialog
      wide
      className="dialog-replay"
      title={t('replay.title', { name: streamLabel })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || !targetStream.trim()}
            onClick={() => void start()}
          >
            {busy ? t('replay.starting') : t('replay.start')}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        data-testid="replay-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        {picked ? (
          <p className="muted span-2" data-testid="replay-picked">
            {t(`replayPick.${pickedHow}`, { count: picked.length, formatted: formatNumber(picked.length) })}
          </p>
        ) : (
          <>
            <Field id="replay-kind" label={t('replay.source')}>
              <select
                id="replay-kind"
                aria-describedby={messageId('replay-kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value as 'window' | 'range')}
              >
                <option value="window">{t('replay.window')}</option>
                <option value="range">{t('replay.range')}</option>
              </select>
            </Field>
            {kind === 'window' ? (
              <>
                <Field id="replay-from" label={t('replay.from')}>
                  <input
                    id="replay-from"
                    aria-describedby={messageId('replay-from')}
                    type="datetime-local"
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                  />
                </Field>
                <Field id="replay-to" label={t('replay.to')} error={fieldError('select.to')}>
                  <input
                    id="replay-to"
                    aria-describedby={messageId('replay-to')}
                    type="datetime-local"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                  />
                </Field>
              </>
            ) : (
              <>
                <Field id="replay-shard" label={t('replay.shard')} error={fieldError('select.shardId')}>
                  <input
                    id="replay-shard"
                    aria-describedby={messageId('replay-shard')}
                    className="mono"
                    value={shardId}
                    onChange={(e) => setShardId(e.target.value)}
                  />
                </Field>
                <Field id="replay-from-seq" label={t('replay.fromSeq')} error={fieldError('select.from')}>
                  <input
                    id="replay-from-seq"
                    aria-describedby={messageId('replay-from-seq')}
                    className="mono"
                    value={fromSeq}
                    onChange={(e) => setFromSeq(e.target.value)}
                  />
                </Field>
                <Field
                  id="replay-to-seq"
                  label={t('replay.toSeq')}
                  hint={t('replay.toSeqHint')}
                  error={fieldError('select.to')}
                >
                  <input
                    id="replay-to-seq"
                    aria-describedby={messageId('replay-to-seq')}
                    className="mono"
                    value={toSeq}
                    onChange={(e) => setToSeq(e.target.value)}
                  />
                </Field>
              </>
            )}
          </>
        )}
        <Field id="replay-target-profile" label={t('replay.connection')}>
          <select
            id="replay-target-profile"
            aria-describedby={messageId('replay-target-profile')}
            value={targetProfile}
            onChange={(e) => setTargetProfile(e.target.value)}
          >
            {state.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="replay-target-stream"
          label={t('replay.stream')}
          hint={t('replay.streamHint')}
          error={fieldError('target')}
        >
          <input
            id="replay-target-stream"
            aria-describedby={messageId('replay-target-stream')}
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={targetStream}
            onChange={(e) => setTargetStream(e.target.value)}
          />
        </Field>
        <Field id="replay-keys" label={t('replay.keys')}>
          <select
            id="replay-keys"
            aria-describedby={messageId('replay-keys')}
            value={keys}
            onChange={(e) => setKeys(e.target.value as KeyChoice)}
          >
            {(['row', 'random', 'sequential', 'fixed', 'template'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`replay.keyType.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {keys !== 'row' && keys !== 'random' && (
          <Field id="replay-key-value" label={t(`replay.keyValue.${keys}`)} error={fieldError('keys')}>
            <input
              id="replay-key-value"
              aria-describedby={messageId('replay-key-value')}
              className="mono"
              value={keyValue}
              onChange={(e) => setKeyValue(e.target.value)}
            />
          </Field>
        )}
        <Field
          id="replay-transform"
          className="span-2"
          label={t('replay.transform')}
          hint={t('replay.transformHint', { fields: RECORD_FIELDS })}
          error={fieldError('transform')}
        >
          <textarea
            id="replay-transform"
            aria-describedby={messageId('replay-transform')}
            className="mono"
            rows={3}
            spellCheck={false}
            placeholder='{"copy": {{record.json}}, "from": "{{record.sequenceNumber}}"}'
            value={transform}
            onChange={(e) => setTransform(e.target.value)}
          />
        </Field>
        {transform.trim() && (
          <Field id="replay-mode" label={t('replay.mode')}>
            <select
              id="replay-mode"
              aria-describedby={messageId('replay-mode')}
              value={mode}
              onChange={(e) => setMode(e.target.value as 'json' | 'text')}
            >
              <option value="json">JSON</option>
              <option value="text">{t('replay.modeText')}</option>
            </select>
          </Field>
        )}
        <Field
          id="replay-rate"
          label={t('replay.rate')}
          hint={t('replay.rateHint')}
          error={fieldError('plan.ratePerSec')}
        >
          <input
            id="replay-rate"
            aria-describedby={messageId('replay-rate')}
            type="number"
            min={1}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </Field>
        {shownError && !error.fields?.length && <ErrorBox text={shownError} className="span-2" />}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
