// History, newest first, narrowed by a search and filters (HistoryFilters), in a virtualized list
// (HistoryList) whose selection (useHistorySelection) can be exported or compared. Main's `history`
// events bump the store's revision: the list fetches the pages it shows again, whoever changed
// the history (a send, a run, an import, retention).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryExportFormat } from '../../../electron/contract';
import { call } from '../../api';
import { formatNumber } from '../../i18n';
import { useActions } from '../../store/actions';
import { useStore } from '../../store/StoreProvider';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { lazyPart } from '../../ui/lazyPart';
import { HistoryFilters } from './HistoryFilters';
import { useHistoryFilter } from './useHistoryFilter';
import { useHistoryPages } from './useHistoryPages';
import { useHistorySelection } from './useHistorySelection';

// The virtualized list (and its library) arrives right after the first paint, like the payload editor.
const HistoryList = lazyPart(() => import('./HistoryList').then((m) => m.HistoryList));
const CompareDialog = lazyPart(() => import('./CompareDialog').then((m) => m.CompareDialog), 'overlay');
const HistorySettingsDialog = lazyPart(
  () => import('./HistorySettingsDialog').then((m) => m.HistorySettingsDialog),
  'overlay',
);

export function HistoryPanel() {
  const { t } = useTranslation();
  const { state } = useStore();
  const actions = useActions();
  const [confirming, setConfirming] = useState(false);
  const [dialog, setDialog] = useState<'compare' | 'settings' | null>(null);
  const [format, setFormat] = useState<HistoryExportFormat>('ndjson');
  const [status, setStatus] = useState('');
  // The ↻ button: fetched again though main told of no change, with the notices.
  const [refreshes, setRefreshes] = useState(0);
  const refresh = () => {
    setRefreshes((n) => n + 1);
    void actions.refreshNotices();
  };

  const filterState = useHistoryFilter();
  const { filter, filtered } = filterState;
  const filterKey = JSON.stringify(filter);
  const history = useHistoryPages(filter, state.historyRevision + refreshes, (error) =>
    actions.failed('listHistory', error),
  );
  const selection = useHistorySelection(filterKey, history.idsBetween);
  const { chosen } = selection;
  const count = history.matched;
  const selectedIds = [...chosen];
  const { shown } = state;
  const currentId =
    shown?.type === 'history' ? shown.entry.id : shown?.type === 'outcome' ? shown.outcome.historyId : null;

  const exportEntries = async (ids?: string[]) => {
    setStatus('');
    const result = await call('exportHistory', ids ? { format, ids } : { format, filter });
    if (!result.ok) return actions.failed('exportHistory', result.error);
    if (result.value.path) setStatus(t('history.exported', { count: result.value.count, path: result.value.path }));
  };

  // The entries it adds reach the list as a `history` event.
  const importEntries = async () => {
    setStatus('');
    const result = await call('importHistory', {});
    if (!result.ok) return actions.failed('importHistory', result.error);
    if (!result.value.path) return;
    setStatus(t('history.imported', { count: result.value.imported, skipped: result.value.skipped }));
  };

  return (
    <section className="panel history-panel">
      <header className="panel-header">
        <h2 id="history-title">
          {t('history.title')}{' '}
          <span className="count">
            {filtered ? `${formatNumber(count)} / ${formatNumber(history.total)}` : formatNumber(history.total)}
          </span>
        </h2>
        {/* Icons for the lesser actions keep the header on one line in the narrow column. */}
        <button
          type="button"
          className="small"
          aria-label={t('history.refresh')}
          title={t('history.refresh')}
          onClick={refresh}
        >
          <span aria-hidden="true">↻</span>
        </button>
        <button
          type="button"
          className="small danger-outline"
          disabled={history.total === 0}
          onClick={() => setConfirming(true)}
        >
          {t('history.clear')}
        </button>
        <button
          type="button"
          className="small"
          aria-label={t('history.retention.open')}
          title={t('history.retention.open')}
          onClick={() => setDialog('settings')}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </header>
      <HistoryFilters state={filterState} facets={history} />
      <div className="history-transfer">
        <select
          aria-label={t('history.exportFormat')}
          value={format}
          onChange={(e) => setFormat(e.target.value as HistoryExportFormat)}
        >
          <option value="ndjson">NDJSON</option>
          <option value="json">JSON</option>
        </select>
        <button type="button" className="small" disabled={count === 0} onClick={() => void exportEntries()}>
          {t('history.exportMatching', { count })}
        </button>
        <button
          type="button"
          className="small"
          disabled={chosen.size === 0}
          onClick={() => void exportEntries(selectedIds)}
        >
          {t('history.exportSelected', { count: chosen.size })}
        </button>
        <button
          type="button"
          className="small"
          disabled={chosen.size !== 2}
          title={chosen.size === 2 ? undefined : t('history.compareHint')}
          onClick={() => setDialog('compare')}
        >
          {t('history.compare')}
        </button>
        <button type="button" className="small" onClick={() => void importEntries()}>
          {t('history.import')}
        </button>
        <span className="history-status muted" role="status">
          {status}
        </span>
      </div>
      <HistoryList
        count={count}
        rowAt={history.rowAt}
        want={history.want}
        selection={selection}
        currentId={currentId}
        onOpen={(id) => void actions.openHistory(id)}
        emptyText={filtered ? t('history.noMatch') : t('history.empty')}
      />
      {dialog === 'compare' && selectedIds.length === 2 && (
        <CompareDialog
          ids={[selectedIds[0], selectedIds[1]]}
          onClose={() => setDialog(null)}
          onError={(error) => actions.failed('getHistoryEntry', error)}
        />
      )}
      {dialog === 'settings' && (
        <HistorySettingsDialog
          retention={state.info.historyRetention}
          onSaved={actions.retentionSaved}
          onChanged={refresh}
          onClose={() => setDialog(null)}
          onError={actions.failed}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('history.clearTitle')}
          message={t('history.clearMessage', { count: history.total })}
          confirmLabel={t('history.clearConfirm')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void actions.clearHistory();
          }}
        />
      )}
    </section>
  );
}
