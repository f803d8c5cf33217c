// How the run goes: how many records and/or for how long (templates only; rows and files send
// each record once), the rate, the calls in flight, the attempts per record, and what becomes of a
// call that gets no answer (at least once or at most once), and KPL aggregation (AWS targets).
import { useTranslation } from 'react-i18next';
import type { BatchDraft, PlanField } from './batchDraft';

interface Props {
  draft: BatchDraft;
  problem: PlanField | null;
  /** The target is a YDS stream, whose readers do not split KPL records. */
  aggregateRefused: boolean;
  onChange: (patch: Partial<BatchDraft>) => void;
}

export function RunPlanFields({ draft, problem, aggregateRefused, onChange }: Props) {
  const { t } = useTranslation();
  const number = (
    id: string,
    key: 'count' | 'durationSec' | 'rate' | 'concurrency' | 'maxAttempts',
    label: string,
    disabled = false,
  ) => (
    <input
      id={id}
      // Text, not a number input: a plan's number may be `{{env.NAME}}`.
      type="text"
      inputMode="numeric"
      spellCheck={false}
      className="batch-number"
      aria-label={label}
      aria-invalid={problem === key || undefined}
      disabled={disabled}
      value={draft[key]}
      onChange={(e) => onChange({ [key]: e.target.value })}
    />
  );
  const limited = draft.rate.trim() !== '';

  return (
    <fieldset className="batch-plan">
      <legend>{t('batch.plan.title')}</legend>
      {draft.source === 'template' && (
        <div className="batch-inline-fields">
          <span className="keep-together">
            <label className="inline-label">
              <input
                type="checkbox"
                checked={draft.useCount}
                onChange={(e) => onChange({ useCount: e.target.checked })}
              />
              {t('batch.plan.send')}
            </label>
            {number('batch-count', 'count', t('batch.plan.countLabel'), !draft.useCount)}
            <span>{t('batch.plan.records')}</span>
          </span>
          <span className="keep-together">
            <label className="inline-label">
              <input
                type="checkbox"
                checked={draft.useDuration}
                onChange={(e) => onChange({ useDuration: e.target.checked })}
              />
              {t('batch.plan.for')}
            </label>
            {number('batch-duration', 'durationSec', t('batch.plan.durationLabel'), !draft.useDuration)}
            <span>{t('batch.plan.seconds')}</span>
          </span>
        </div>
      )}
      <div className="batch-inline-fields" role="radiogroup" aria-label={t('batch.plan.rate')}>
        <span className="label">{t('batch.plan.rate')}</span>
        <label className="inline-label">
          <input type="radio" name="batch-rate" checked={!limited} onChange={() => onChange({ rate: '' })} />
          {t('batch.plan.fast')}
        </label>
        <span className="keep-together">
          <label className="inline-label">
            <input
              type="radio"
              name="batch-rate"
              checked={limited}
              onChange={() => onChange({ rate: draft.rate || '100' })}
            />
            {t('batch.plan.limited')}
          </label>
          {limited && (
            <>
              {number('batch-rate', 'rate', t('batch.plan.rateLabel'))}
              <span>{t('batch.plan.perSecond')}</span>
            </>
          )}
        </span>
      </div>
      <div className="batch-inline-fields">
        <span className="keep-together">
          <label className="inline-label" htmlFor="batch-concurrency">
            {t('batch.plan.concurrency')}
          </label>
          {number('batch-concurrency', 'concurrency', t('batch.plan.concurrency'))}
        </span>
        <span className="keep-together">
          <label className="inline-label" htmlFor="batch-attempts">
            {t('batch.plan.attempts')}
          </label>
          {number('batch-attempts', 'maxAttempts', t('batch.plan.attempts'))}
        </span>
      </div>
      <div className="batch-inline-fields" role="radiogroup" aria-label={t('batch.plan.unanswered')}>
        <span className="label">{t('batch.plan.unanswered')}</span>
        <label className="inline-label">
          <input
            type="radio"
            name="batch-unanswered"
            checked={draft.unansweredCalls === 'resend'}
            onChange={() => onChange({ unansweredCalls: 'resend' })}
          />
          {t('batch.plan.unansweredResend')}
        </label>
        <label className="inline-label">
          <input
            type="radio"
            name="batch-unanswered"
            checked={draft.unansweredCalls === 'giveUp'}
            onChange={() => onChange({ unansweredCalls: 'giveUp' })}
          />
          {t('batch.plan.unansweredGiveUp')}
        </label>
      </div>
      <p className="muted" data-testid="batch-unanswered-help">
        {t(`batch.plan.unansweredHelp.${draft.unansweredCalls}`)}
      </p>
      <div className="batch-inline-fields">
        <label className="inline-label">
          <input
            type="checkbox"
            data-testid="batch-aggregate"
            checked={draft.aggregate && !aggregateRefused}
            disabled={aggregateRefused}
            aria-describedby="batch-aggregate-help"
            onChange={(e) => onChange({ aggregate: e.target.checked })}
          />
          {t('aggregation.switch')}
        </label>
      </div>
      <p className="muted" id="batch-aggregate-help" data-testid="batch-aggregate-help">
        {t(aggregateRefused ? 'aggregation.refusedYds' : 'aggregation.help')}
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {t(`batch.plan.problem.${problem}`)}
        </p>
      )}
    </fieldset>
  );
}
