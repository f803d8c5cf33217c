// Picking how a record is decoded: the layers in order (added from the list, removed by their
// chip), or back to what the bytes announce.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodeLayer } from '../../../electron/contract';
import { DECODE_LAYERS } from '../../../electron/shared/names';
import { Menu } from '../../ui/Menu';

/** Twice the list, as the contract takes: base64 inside base64 is a real thing. */
const MAX_CHAIN = DECODE_LAYERS.length * 2;

interface Props {
  /** The layers that decoded the record now: where the draft starts (the caller keys the menu on them). */
  current: readonly DecodeLayer[];
  onApply: (layers: DecodeLayer[]) => void;
  onAuto: () => void;
}

export function ChainMenu({ current, onApply, onAuto }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecodeLayer[]>([...current]);

  return (
    <Menu label={t('decode.change')} className="menu decode-menu" buttonClassName="button small">
      <div className="menu-list decode-menu-list" role="group" aria-label={t('decode.editTitle')}>
        <p className="decode-menu-title">{t('decode.editTitle')}</p>
        <div className="decode-chips" data-testid="decode-draft">
          {draft.length === 0 && <span className="muted">{t('decode.draftEmpty')}</span>}
          {draft.map((layer, i) => (
            <button
              key={`${i}-${layer}`}
              type="button"
              className="decode-chip decode-chip-remove"
              aria-label={t('decode.remove', { layer: t(`decode.layer.${layer}`) })}
              onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
            >
              {t(`decode.layer.${layer}`)}
            </button>
          ))}
        </div>
        <p className="decode-menu-title">{t('decode.add')}</p>
        <div className="decode-add" role="group" aria-label={t('decode.add')}>
          {DECODE_LAYERS.map((layer) => (
            <button
              key={layer}
              type="button"
              className="small"
              disabled={draft.length >= MAX_CHAIN}
              onClick={() => setDraft((d) => [...d, layer])}
            >
              {t(`decode.layer.${layer}`)}
            </button>
          ))}
        </div>
        <div className="decode-menu-actions">
          <button
            type="button"
            className="menu-item primary"
            disabled={draft.length === 0}
            onClick={() => onApply(draft)}
          >
            {t('decode.apply')}
          </button>
          <button type="button" className="menu-item" onClick={onAuto}>
            {t('decode.auto')}
          </button>
        </div>
      </div>
    </Menu>
  );
}
