// An entry's outcome as a small badge: a mark for those who do not read the colour, and the word.
import { useTranslation } from 'react-i18next';
import type { HistoryOutcome } from '../../../electron/contract';

const BADGES: Record<HistoryOutcome, { className: string; mark: string }> = {
  ok: { className: 'status-ok', mark: '✓' },
  failed: { className: 'status-error', mark: '✕' },
  cancelled: { className: 'status-cancelled', mark: '■' },
  running: { className: 'status-running', mark: '▶' },
  interrupted: { className: 'status-unknown', mark: '!' },
};

export function OutcomeBadge({ outcome }: { outcome: HistoryOutcome }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge ${BADGES[outcome].className}`} data-testid="history-outcome">
      <span aria-hidden="true">{BADGES[outcome].mark}</span> {t(`history.${outcome}`)}
    </span>
  );
}
