// Things main needs the user to know (a corrupt store moved aside, a data file that cannot be
// used, skipped history lines, a failed write), each dismissible for this session.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../electron/contract';

export function NoticeBanner({ notices }: { notices: Notice[] }) {
  const { t, i18n } = useTranslation();
  // By what the notice is about, not its place: notices arriving later may come before it in the list.
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const visible = notices
    .map((notice) => ({ notice, key: `${notice.code}:${notice.path ?? ''}` }))
    .filter(({ key }) => !dismissed.has(key));
  if (visible.length === 0) return null;
  return (
    <div className="notices">
      {visible.map(({ notice, key }) => (
        <div key={key} className="notice" role="status" data-code={notice.code}>
          <div className="notice-text">
            {/* Main's English text only for a code this build does not know; the path says which file. */}
            <strong>
              {i18n.exists(`notices.${notice.code}`)
                ? t(`notices.${notice.code}`, { reason: notice.reason ?? '' })
                : notice.message}
            </strong>
            {notice.path && <code className="notice-path">{notice.path}</code>}
          </div>
          <button type="button" className="small" onClick={() => setDismissed((d) => new Set(d).add(key))}>
            {t('notices.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
