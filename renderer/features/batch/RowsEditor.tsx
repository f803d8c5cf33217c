// Rows typed in the app: a partition key and a payload each. Plain inputs: a few hundred rows
// stay responsive, and every cell is labelled with its row number for keyboard and screen readers.
import { useTranslation } from 'react-i18next';
import type { BatchRow } from './batchDraft';

interface Props {
  rows: BatchRow[];
  /** Whether the row's own key is used (otherwise the key column is greyed out). */
  ownKeys: boolean;
  /** 1-based row numbers the preview found a problem in. */
  badRows: Set<number>;
  onRows: (rows: BatchRow[]) => void;
}

export const MAX_ROWS = 10_000;

export function RowsEditor({ rows, ownKeys, badRows, onRows }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<BatchRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const focusCell = (index: number) => setTimeout(() => document.getElementById(`batch-row-${index}-payload`)?.focus());

  return (
    <div className="batch-rows">
      <div className="batch-rows-scroller">
        <table className="data-table batch-rows-table">
          <thead>
            <tr>
              <th className="batch-num">#</th>
              <th title={t('batch.rows.key')}>{t('batch.rows.key')}</th>
              <th title={t('batch.rows.payload')}>{t('batch.rows.payload')}</th>
              <th>
                <span className="sr-only">{t('batch.rows.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={badRows.has(i + 1) ? 'batch-row-bad' : undefined}>
                <td className="batch-num">{i + 1}</td>
                <td>
                  <input
                    type="text"
                    className="mono"
                    spellCheck={false}
                    aria-label={t('batch.rows.keyOf', { row: i + 1 })}
                    disabled={!ownKeys}
                    value={row.partitionKey}
                    onChange={(e) => set(i, { partitionKey: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    id={`batch-row-${i}-payload`}
                    type="text"
                    className="mono"
                    spellCheck={false}
                    aria-label={t('batch.rows.payloadOf', { row: i + 1 })}
                    aria-invalid={badRows.has(i + 1) || undefined}
                    value={row.payload}
                    onChange={(e) => set(i, { payload: e.target.value })}
                  />
                </td>
                <td className="batch-row-actions">
                  <button
                    type="button"
                    className="small icon"
                    aria-label={t('batch.rows.duplicate', { row: i + 1 })}
                    title={t('batch.rows.duplicate', { row: i + 1 })}
                    disabled={rows.length >= MAX_ROWS}
                    onClick={() => {
                      onRows([...rows.slice(0, i + 1), { ...row }, ...rows.slice(i + 1)]);
                      focusCell(i + 1);
                    }}
                  >
                    <svg className="icon-svg" viewBox="0 0 16 16" aria-hidden="true">
                      <rect x="5" y="5" width="9" height="9" rx="1.5" />
                      <path d="M3 11V3.5C3 2.7 3.7 2 4.5 2H11" />
                    </svg>
                  </button>
                  <button
                    type="button"
                    className="small icon"
                    aria-label={t('batch.rows.remove', { row: i + 1 })}
                    title={t('batch.rows.remove', { row: i + 1 })}
                    disabled={rows.length <= 1}
                    onClick={() => onRows(rows.filter((_, j) => j !== i))}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="batch-rows-footer">
        <button
          type="button"
          className="small"
          disabled={rows.length >= MAX_ROWS}
          onClick={() => {
            onRows([...rows, { partitionKey: '', payload: '' }]);
            focusCell(rows.length);
          }}
        >
          {t('batch.rows.add')}
        </button>
        <span className="muted">{t('batch.rows.count', { count: rows.length })}</span>
      </div>
    </div>
  );
}
