// The composer's "Assertions" section: one row per check, a type and its own fields, added and
// removed freely; a row still being written is marked and left out of the checks until whole.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreProvider';
import { messageId } from '../../ui/Field';
import {
  ASSERTION_TYPES,
  JSON_FIELD_OPS,
  newRow,
  rowProblem,
  type AssertionRow,
  type AssertionType,
} from './assertionDraft';

export function AssertionsEditor() {
  const { t } = useTranslation();
  const { state, dispatch } = useStore();
  const rows = state.assertions;
  const set = (next: AssertionRow[]) => dispatch({ type: 'assertionsChanged', assertions: next });
  const change = (key: string, patch: Partial<AssertionRow>) =>
    set(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <details className="advanced assertions" open={rows.length > 0 || undefined} data-testid="assertions">
      <summary>{rows.length > 0 ? t('assertions.titleCount', { count: rows.length }) : t('assertions.title')}</summary>
      <p className="hint-text">{t('assertions.hint')}</p>
      <ul className="assertion-rows">
        {rows.map((row, n) => {
          const id = `assertion-${n}`;
          const problem = rowProblem(row);
          return (
            <li key={row.key} className="assertion-row" data-testid="assertion-row">
              <select
                id={`${id}-type`}
                aria-label={t('assertions.typeLabel', { n: n + 1 })}
                value={row.type}
                onChange={(e) => {
                  const type = e.target.value as AssertionType;
                  change(row.key, { ...newRow(type), key: row.key, path: row.path, value: row.value, op: row.op });
                }}
              >
                {ASSERTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`assertions.type.${type}`)}
                  </option>
                ))}
              </select>
              <RowFields row={row} id={id} invalid={problem !== null} onChange={(patch) => change(row.key, patch)} />
              <button
                type="button"
                className="small"
                aria-label={t('assertions.removeLabel', { n: n + 1 })}
                title={t('assertions.remove')}
                onClick={() => set(rows.filter((r) => r.key !== row.key))}
              >
                ×
              </button>
              <span id={messageId(id)} className="field-message">
                {problem && <span className="error-text">{t(`assertions.problem.${problem}`)}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="small" onClick={() => set([...rows, newRow()])}>
        {t('assertions.add')}
      </button>
    </details>
  );
}

function RowFields({
  row,
  id,
  invalid,
  onChange,
}: {
  row: AssertionRow;
  id: string;
  invalid: boolean;
  onChange: (patch: Partial<AssertionRow>) => void;
}) {
  const { t } = useTranslation();
  const numberInput = (label: string, placeholder?: string) => (
    <input
      id={`${id}-number`}
      type="number"
      inputMode="decimal"
      className="assertion-number"
      aria-label={label}
      aria-describedby={messageId(id)}
      aria-invalid={invalid || undefined}
      placeholder={placeholder}
      value={row.number}
      onChange={(e) => onChange({ number: e.target.value })}
    />
  );
  switch (row.type) {
    case 'readBackEqual':
      return numberInput(t('assertions.sample'), t('assertions.samplePlaceholder'));
    case 'latencyP95':
      return numberInput(t('assertions.maxMs'));
    case 'throttledPercent':
      return numberInput(t('assertions.maxPercent'));
    case 'jsonField':
      return (
        <>
          <input
            id={`${id}-path`}
            type="text"
            className="mono assertion-path"
            spellCheck={false}
            autoComplete="off"
            aria-label={t('assertions.path')}
            aria-describedby={messageId(id)}
            aria-invalid={invalid || undefined}
            placeholder="$.order.id"
            value={row.path}
            onChange={(e) => onChange({ path: e.target.value })}
          />
          <select
            id={`${id}-op`}
            aria-label={t('assertions.op')}
            value={row.op}
            onChange={(e) => onChange({ op: e.target.value as AssertionRow['op'] })}
          >
            {JSON_FIELD_OPS.map((op) => (
              <option key={op} value={op}>
                {t(`assertions.ops.${op}`)}
              </option>
            ))}
          </select>
          {row.op !== 'exists' && (
            <input
              id={`${id}-value`}
              type="text"
              className="mono assertion-value"
              spellCheck={false}
              autoComplete="off"
              aria-label={row.op === 'matches' ? t('assertions.pattern') : t('assertions.expected')}
              placeholder={row.op === 'matches' ? '^ord-[0-9]+$' : '1'}
              value={row.value}
              onChange={(e) => onChange({ value: e.target.value })}
            />
          )}
        </>
      );
    default:
      return null;
  }
}
