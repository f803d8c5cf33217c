// The tail's filter bar: a CEL expression (its error under it at once, with where and what to
// fix), "only matching" or "highlight matching", the count of matches, the filters saved for this
// stream, and the export of the tail (the matching records when a filter is on) as NDJSON.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Target, TailFilter as SavedFilter, TailRecordView } from '../../../electron/contract';
import { FILTER_LIMITS, FILTER_VARIABLES } from '../../../electron/shared/tail-filter';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { errorText } from '../../i18n/mainError';
import type { FilterMode, TailFilterState } from './useTailFilter';

interface Props {
  filter: TailFilterState;
  profileId: string;
  target: Target;
  streamLabel: string;
  /** The records the tail keeps now. */
  kept: TailRecordView[];
}

export function TailFilter({ filter, profileId, target, streamLabel, kept }: Props) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [picked, setPicked] = useState('');
  const [naming, setNaming] = useState<string | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [exported, setExported] = useState<{ count: number; path: string } | null>(null);

  useEffect(() => {
    let current = true;
    void call('listTailFilters', { profileId, target }).then((r) => {
      if (!current) return;
      if (r.ok) setSaved(r.value.filters);
      else setProblem(r.error);
    });
    return () => {
      current = false;
    };
    // The target is an object made anew by each render of the parent; its content is what counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId, JSON.stringify(target)]);

  const answered = (r: { ok: true; value: { filters: SavedFilter[] } } | { ok: false; error: AppError }) => {
    if (!r.ok) return void setProblem(r.error);
    setProblem(null);
    setSaved(r.value.filters);
  };

  const pick = (name: string) => {
    setPicked(name);
    const chosen = saved.find((f) => f.name === name);
    if (chosen) filter.setExpression(chosen.expression);
  };

  const save = async (name: string) => {
    const r = await call('saveTailFilter', { profileId, target, filter: { name, expression: filter.expression } });
    answered(r);
    if (r.ok) {
      setNaming(null);
      setPicked(name.trim());
    }
  };

  const remove = async () => {
    answered(await call('deleteTailFilter', { profileId, target, name: picked }));
    setPicked('');
  };

  const matching = filter.applied ? kept.filter((r) => filter.matches(r)) : kept;
  const exportRecords = async () => {
    setExported(null);
    const r = await call('exportTail', { streamLabel, records: matching });
    if (!r.ok) return void setProblem(r.error);
    setProblem(null);
    if (r.value.path) setExported({ count: r.value.count, path: r.value.path });
  };

  const error = filter.error && errorText(t, filter.error);
  const other = problem && errorText(t, problem);
  const expressionOk = filter.expression.trim() !== '' && !filter.error;

  return (
    <div className="tail-filter">
      <div className="tail-filter-row">
        <label className="inline-label" htmlFor="tail-filter">
          {t('tailFilter.label')}
        </label>
        <input
          id="tail-filter"
          className="mono tail-filter-input"
          type="text"
          spellCheck={false}
          autoComplete="off"
          maxLength={FILTER_LIMITS.chars * 2}
          placeholder={t('tailFilter.placeholder')}
          value={filter.expression}
          aria-invalid={Boolean(filter.error)}
          aria-describedby={error ? 'tail-filter-message' : undefined}
          title={t('tailFilter.help', { names: FILTER_VARIABLES.join(', ') })}
          onChange={(e) => filter.setExpression(e.target.value)}
        />
        <select
          aria-label={t('tailFilter.mode')}
          value={filter.mode}
          onChange={(e) => filter.setMode(e.target.value as FilterMode)}
        >
          <option value="only">{t('tailFilter.only')}</option>
          <option value="highlight">{t('tailFilter.highlight')}</option>
        </select>
        {filter.applied && (
          <span className="tail-filter-count" data-testid="tail-filter-count" role="status">
            {filter.pending > 0
              ? t('tailFilter.checking', { count: filter.pending, value: formatNumber(filter.pending) })
              : t('tailFilter.count', {
                  count: matching.length,
                  matched: formatNumber(matching.length),
                  total: formatNumber(kept.length),
                })}
          </span>
        )}
      </div>
      {error && (
        <p id="tail-filter-message" className="error-text tail-filter-message" role="alert">
          {error.message}
          {error.hint && <span className="error-hint">{error.hint}</span>}
        </p>
      )}
      <div className="tail-filter-row">
        <select aria-label={t('tailFilter.saved')} value={picked} onChange={(e) => pick(e.target.value)}>
          <option value="">{saved.length > 0 ? t('tailFilter.pickSaved') : t('tailFilter.noneSaved')}</option>
          {saved.map((f) => (
            <option key={f.name} value={f.name} title={f.expression}>
              {f.name}
            </option>
          ))}
        </select>
        {naming === null ? (
          <button type="button" disabled={!expressionOk} onClick={() => setNaming(picked)}>
            {t('tailFilter.save')}
          </button>
        ) : (
          <form
            className="keep-together"
            onSubmit={(e) => {
              e.preventDefault();
              void save(naming);
            }}
          >
            <input
              type="text"
              className="tail-filter-name"
              aria-label={t('tailFilter.name')}
              placeholder={t('tailFilter.name')}
              maxLength={FILTER_LIMITS.name}
              autoFocus
              value={naming}
              onChange={(e) => setNaming(e.target.value)}
            />
            <button type="submit" className="primary" disabled={!naming.trim()}>
              {t('tailFilter.saveConfirm')}
            </button>
            <button type="button" onClick={() => setNaming(null)}>
              {t('common.cancel')}
            </button>
          </form>
        )}
        <button type="button" disabled={!picked} onClick={() => void remove()}>
          {t('tailFilter.delete')}
        </button>
        <button
          type="button"
          className="tail-filter-export"
          disabled={matching.length === 0 || filter.pending > 0}
          onClick={() => void exportRecords()}
        >
          {filter.applied ? t('tailFilter.exportMatching') : t('tailFilter.export')}
        </button>
      </div>
      {other && (
        <div className="error-box" role="alert">
          {other.message}
          {other.hint && <span className="error-hint">{other.hint}</span>}
        </div>
      )}
      {exported && (
        <p className="hint-text" role="status">
          {t('tailFilter.exported', {
            count: exported.count,
            value: formatNumber(exported.count),
            path: exported.path,
          })}
        </p>
      )}
    </div>
  );
}
