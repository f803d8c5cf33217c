// YDS addressing: cloud/folder id, database id and stream, or a pasted full path that fills all
// three; the StreamName they make is shown as YDS will receive it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePastedYdsPath, parseYdsPath, YDS_REGION, ydsPathLooksUnusual } from '../../../electron/shared/addressing';
import type { ProfileView } from '../../../electron/contract';
import { Field, IdInput } from '../../ui/Field';
import { StreamBrowser } from '../streams/StreamBrowser';
import type { Draft } from './draft';

interface Props {
  profile: ProfileView;
  draft: Draft;
  streamName: string;
  errors: Partial<Record<'cloudId' | 'databaseId' | 'stream', string>>;
  /** A problem main reported for the stream as a whole. */
  streamError: string | null;
  onChange: (patch: Partial<Draft>) => void;
}

export function YdsTargetFields({ profile, draft, streamName, errors, streamError, onChange }: Props) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [pasteNote, setPasteNote] = useState<{
    kind: 'ok' | 'error' | 'warning';
    key: string;
    params?: Record<string, string>;
  } | null>(null);

  /** Fills the three fields from a path, or says at once that it is not one and what is expected. */
  const fillFrom = (value: string) => {
    const parsed = parsePastedYdsPath(value);
    if (!parsed) {
      setPasted(value);
      setPasteNote({ kind: 'error', key: 'composer.pasteInvalid' });
      return;
    }
    onChange({ cloudId: parsed.cloudId, databaseId: parsed.databaseId, stream: parsed.stream });
    setPasted('');
    setPasteNote(
      parsed.region === YDS_REGION
        ? { kind: 'ok', key: 'composer.pasteFilled' }
        : { kind: 'warning', key: 'composer.pasteRegion', params: { region: parsed.region, expected: YDS_REGION } },
    );
  };

  const complete = Boolean(draft.cloudId.trim() && draft.databaseId.trim() && draft.stream.trim());
  const unusual = complete && ydsPathLooksUnusual(streamName);

  return (
    <div className="target yds-target">
      <Field
        id="yds-paste"
        label={t('composer.pastePath')}
        className="span-3"
        error={pasteNote?.kind === 'error' ? t(pasteNote.key) : null}
        hint={
          pasteNote ? (
            <span className={`${pasteNote.kind}-text`}>{t(pasteNote.key, pasteNote.params)}</span>
          ) : (
            t('composer.pastePathHint')
          )
        }
      >
        <IdInput
          id="yds-paste"
          invalid={pasteNote?.kind === 'error'}
          placeholder="/ru-central1/b1g…/etn…/my-stream"
          value={pasted}
          onPaste={(e) => {
            // What the field holds once the paste lands: the clipboard in place of the selection.
            const el = e.currentTarget;
            const text = e.clipboardData.getData('text');
            e.preventDefault();
            fillFrom(
              el.value.slice(0, el.selectionStart ?? el.value.length) +
                text +
                el.value.slice(el.selectionEnd ?? el.value.length),
            );
          }}
          onChange={(e) => {
            setPasted(e.target.value);
            setPasteNote(null);
          }}
          onBlur={() => {
            if (pasted.trim()) fillFrom(pasted);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || !pasted.trim()) return;
            e.preventDefault();
            fillFrom(pasted);
          }}
        />
      </Field>
      <Field id="yds-cloud" label={t('composer.cloudId')} error={errors.cloudId}>
        <IdInput
          id="yds-cloud"
          placeholder="b1g…"
          invalid={Boolean(errors.cloudId)}
          value={draft.cloudId}
          onChange={(e) => onChange({ cloudId: e.target.value })}
        />
      </Field>
      <Field id="yds-database" label={t('composer.databaseId')} error={errors.databaseId}>
        <IdInput
          id="yds-database"
          placeholder="etn…"
          invalid={Boolean(errors.databaseId)}
          value={draft.databaseId}
          onChange={(e) => onChange({ databaseId: e.target.value })}
        />
      </Field>
      <Field id="yds-stream" label={t('composer.stream')} error={errors.stream} className="span-3">
        <div className="input-with-button">
          <IdInput
            id="yds-stream"
            invalid={Boolean(errors.stream)}
            value={draft.stream}
            onChange={(e) => onChange({ stream: e.target.value })}
          />
          <button type="button" onClick={() => setBrowsing(true)}>
            {t('streams.browse')}
          </button>
        </div>
      </Field>
      {browsing && (
        <StreamBrowser
          profile={profile}
          scope={{ cloudId: draft.cloudId, databaseId: draft.databaseId }}
          onUse={(name) => {
            const parsed = parseYdsPath(name);
            onChange(
              parsed
                ? { cloudId: parsed.cloudId, databaseId: parsed.databaseId, stream: parsed.stream }
                : { stream: name },
            );
          }}
          onCreated={(created) => {
            const parsed = parseYdsPath(created.streamName);
            onChange(
              parsed
                ? { cloudId: parsed.cloudId, databaseId: parsed.databaseId, stream: parsed.stream }
                : { stream: created.name },
            );
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
      <div className="resolved-name span-3">
        <span className="resolved-caption">{t('composer.resolvedName')}</span>
        <code className="resolved-value">{streamName}</code>
        {streamError ? (
          <span className="error-text">{streamError}</span>
        ) : (
          unusual && <span className="warning-text">{t('composer.pathUnusual')}</span>
        )}
      </div>
    </div>
  );
}
