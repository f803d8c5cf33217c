// Things main needs the user to know at start (a corrupt store moved aside, skipped history
// lines, a weak secret store), each dismissible for this session.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../electron/contract';

export function NoticeBanner({ notices }: { notices: Notice[] }) {
  const { t, i18n } = useTranslation();
  const [dismissed, setDismissed] = useState<Set<number>>(new Set());
  const visible = notices.map((notice, index) => ({ notice, index })).filter(({ index }) => !dismissed.has(index));
  if (visible.length === 0) return null;
  return (
    <div className="notices">
      {visible.map(({ notice, index }) => (
        <div key={index} className="notice" role="status">
          <div className="notice-text">
            {/* Main's English text only for a code this build does not know; the path says which file. */}
            <strong>{i18n.exists(`notices.${notice.code}`) ? t(`notices.${notice.code}`) : notice.message}</strong>
            {notice.path && <code className="notice-path">{notice.path}</code>}
          </div>
          <button type="button" className="small" onClick={() => setDismissed((d) => new Set(d).add(index))}>
            {t('notices.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
