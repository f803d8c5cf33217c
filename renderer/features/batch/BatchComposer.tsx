// "Batch & load": where the records come from (rows, a file, a template), their keys and payload
// mode, a live preview of the next records, the run plan, and the run itself with its report.
// The target fields above it are the composer's own, shared with single-record mode.
import { AssertionsEditor } from '../assertions/AssertionsEditor';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, BatchFileView, ProfileView, RunEvent, Target } from '../../../electron/contract';
import { FILE_LIMITS, formatBytes } from '../../../electron/shared/file-limits';
import { targetStreamName } from '../../../electron/shared/addressing';
import { limitFamilyOf, PAYLOAD_MODES, type PayloadMode } from '../../../electron/shared/limits';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { errorText, fieldErrorText, problemText, type ErrorSource } from '../../i18n/mainError';
import { BatchPreviewView } from './BatchPreviewView';
import { keysForSource, toBatchRequest, toPlan, type BatchDraft, type SourceKind } from './batchDraft';
import { FileSource } from './FileSource';
import { KeyStrategyFields } from './KeyStrategyFields';
import { RowsEditor } from './RowsEditor';
import { RunPlanFields } from './RunPlanFields';
import { TemplateSource } from './TemplateSource';
import { usePreview } from './usePreview';

interface Props {
  profile: ProfileView;
  target: Target;
  /** Whether the target fields say where to send. */
  targetComplete: boolean;
  batch: BatchDraft;
  onBatch: (patch: Partial<BatchDraft>) => void;
  /** The run started last from here (App follows it). */
  runEvent: RunEvent | null;
  onRunStarted: (runId: string) => void;
  /** Shows the run's progress or report in the middle panel again. */
  onShowRun: () => void;
}

const SOURCES: SourceKind[] = ['rows', 'file', 'template'];
// JSON first: a batch's records are mostly JSON.
const MODES: readonly PayloadMode[] = ['json', ...PAYLOAD_MODES.filter((m) => m !== 'json')];

export function BatchComposer({
  profile,
  target,
  targetComplete,
  batch,
  onBatch,
  runEvent: event,
  onRunStarted,
  onShowRun,
}: Props) {
  const { t } = useTranslation();
  const templateRef = useRef<HTMLTextAreaElement>(null);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<{ source: ErrorSource; error: AppError } | null>(null);
  const [tried, setTried] = useState(false);
  const [starting, setStarting] = useState(false);

  const request = targetComplete ? toBatchRequest(profile.id, target, batch) : null;
  const previewState = usePreview(request);
  // YDS readers do not split KPL records: the switch is off there (and the draft keeps it for an AWS target).
  const aggregateRefused = limitFamilyOf(profile.kind, targetStreamName(target)) === 'yds';
  const planned = toPlan(aggregateRefused ? { ...batch, aggregate: false } : batch);
  const running = Boolean(event && !event.report && ['running', 'paused', 'cancelling'].includes(event.progress.state));

  const problems = previewState.preview?.problems ?? [];
  const badRows = new Set(
    batch.source === 'rows' ? problems.filter((p) => p.line !== undefined).map((p) => p.line!) : [],
  );
  const keyProblem = problems.find((p) => p.field?.startsWith('keys.'));
  const templateProblem = problems.some((p) => p.field === 'source.template');

  const change = (patch: Partial<BatchDraft>) => {
    setError(null);
    onBatch(patch);
  };

  const pickSource = (source: SourceKind) => change({ source, ...keysForSource(batch, source) });

  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = SOURCES[(SOURCES.indexOf(batch.source) + step + SOURCES.length) % SOURCES.length];
    pickSource(next);
    setTimeout(() => document.getElementById(`batch-source-${next}`)?.focus());
  };

  const takeFile = (file: BatchFileView, csv?: { csvPayloadColumn: string | null; csvTyped: boolean }) =>
    change({
      file,
      source: 'file',
      missingFile: null,
      ...(csv ?? {}),
      ...keysForSource(batch, 'file'),
    });

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (!dropped) return;
    // Checked before reading: a file of gigabytes would otherwise be read whole and sent to main.
    if (dropped.size > FILE_LIMITS.batchFileBytes) {
      const message = t('batch.file.tooLarge', {
        name: dropped.name,
        size: formatBytes(dropped.size),
        limit: formatBytes(FILE_LIMITS.batchFileBytes),
      });
      return setError({ source: 'loadBatchText', error: { code: 'INVALID_INPUT', message } });
    }
    const r = await call('loadBatchText', { name: dropped.name, text: await dropped.text() });
    if (r.ok) takeFile(r.value, { csvPayloadColumn: null, csvTyped: batch.csvTyped });
    else setError({ source: 'loadBatchText', error: r.error });
  };

  const showPosition = (field: string, line: number, column: number) => {
    const id = field === 'keys.template' ? 'batch-key-template' : 'batch-template';
    const el = document.getElementById(id) as HTMLTextAreaElement | HTMLInputElement | null;
    if (!el) return;
    const lines = el.value.split('\n');
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    el.focus();
    el.setSelectionRange(offset, offset + 1);
  };

  const run = async () => {
    setTried(true);
    if (running || starting || !request || !planned.plan) return;
    setStarting(true);
    const r = await call('startRun', { ...request, plan: planned.plan });
    setStarting(false);
    if (!r.ok) return setError({ source: 'startRun', error: r.error });
    setError(null);
    onRunStarted(r.value.runId);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  };

  const shownError = error && errorText(t, error.error);
  const previewError = previewState.error && errorText(t, previewState.error);
  const fieldErrors = [...(error?.error.fields ?? []), ...(previewState.error?.fields ?? [])];

  return (
    <div
      className={`batch-composer${dragging ? ' batch-dragging' : ''}`}
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
      data-testid="batch-composer"
    >
      {dragging && <div className="batch-drop-hint">{t('batch.file.dropHere')}</div>}
      <div className="tabs" role="tablist" aria-label={t('batch.source.label')}>
        {SOURCES.map((s) => (
          <button
            key={s}
            id={`batch-source-${s}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={batch.source === s}
            aria-controls="batch-source-panel"
            tabIndex={batch.source === s ? 0 : -1}
            onClick={() => pickSource(s)}
            onKeyDown={onTabKey}
          >
            {t(`batch.source.${s}`)}
          </button>
        ))}
      </div>
      <div id="batch-source-panel" role="tabpanel" aria-labelledby={`batch-source-${batch.source}`}>
        {batch.source === 'rows' && (
          <RowsEditor
            rows={batch.rows}
            ownKeys={batch.keyType === 'row'}
            badRows={badRows}
            onRows={(rows) => change({ rows })}
          />
        )}
        {batch.source === 'file' && (
          <FileSource
            file={batch.file}
            missingFile={batch.missingFile}
            csvPayloadColumn={batch.csvPayloadColumn}
            csvTyped={batch.csvTyped}
            busy={running}
            onFile={takeFile}
          />
        )}
        {batch.source === 'template' && (
          <TemplateSource
            template={batch.template}
            locale={batch.locale}
            invalid={templateProblem}
            editorRef={templateRef}
            onTemplate={(template) => change({ template })}
            onLocale={(locale) => change({ locale })}
          />
        )}
      </div>

      <div className="batch-inline-fields">
        <label htmlFor="batch-payload-mode" className="inline-label">
          {t('batch.payloadMode')}
        </label>
        <select
          id="batch-payload-mode"
          value={batch.payloadMode}
          onChange={(e) => change({ payloadMode: e.target.value as PayloadMode })}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`composer.mode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <KeyStrategyFields draft={batch} error={keyProblem ? problemText(t, keyProblem) : null} onChange={change} />

      {!targetComplete && <p className="hint-text">{t('batch.needTarget')}</p>}
      {previewError && (
        <div className="error-box" role="alert">
          <strong>{previewError.message}</strong>
          {fieldErrors.map((f) => (
            <span key={f.path} className="error-hint">
              <span className="mono">{f.path}</span>: {fieldErrorText(t, f)}
            </span>
          ))}
        </div>
      )}
      <BatchPreviewView
        preview={previewState.preview}
        pending={previewState.pending}
        source={batch.source}
        onShowPosition={showPosition}
      />

      <RunPlanFields
        draft={batch}
        problem={tried || planned.problem === 'stop' ? planned.problem : null}
        aggregateRefused={aggregateRefused}
        onChange={change}
      />
      <AssertionsEditor />

      {shownError && (
        <div className="error-box" role="alert">
          <strong>{shownError.message}</strong>
          {shownError.hint && <span className="error-hint">{shownError.hint}</span>}
          {error?.source === 'startRun' &&
            (error.error.fields ?? []).map((f) => (
              <span key={f.path} className="error-hint">
                <span className="mono">{f.path}</span>: {fieldErrorText(t, f)}
              </span>
            ))}
        </div>
      )}
      {/* Above the sticky bar, not in it: the bar stays one line high (see .composer-actions). */}
      {event && (
        <span className="batch-run-line" role="status">
          <span className={`run-state run-state-${event.progress.state}`}>
            {t(`batch.run.state.${event.progress.state}`)}
          </span>
          {t('batch.run.line', {
            count: event.progress.sent,
            acknowledged: formatNumber(event.progress.acknowledged),
            sent: formatNumber(event.progress.sent),
          })}
          <button type="button" className="small" onClick={onShowRun}>
            {t('batch.run.show')}
          </button>
        </span>
      )}
      <div className="composer-actions">
        <button
          type="button"
          className="primary send-button"
          disabled={running || starting || !request}
          onClick={() => void run()}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {t('batch.run.start')}
        </button>
        <span className="shortcut-hint" title={t('composer.shortcut')}>
          {t('composer.shortcut')}
        </span>
      </div>
    </div>
  );
}
