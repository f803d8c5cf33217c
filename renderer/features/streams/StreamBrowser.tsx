// The stream browser: the profile's streams (on YDS those under the composer's database) with
// status, open shards and retention; a stream opens onto its shards and its enhanced fan-out
// consumers. Either view can hand the stream to the composer. Above both, what the connection's
// probe found; where DescribeStream stood in for a missing call, the view says so once.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppError,
  ProfileView,
  StreamConsumerView,
  StreamShardView,
  StreamSummaryView,
} from '../../../electron/contract';
import { call } from '../../api';
import { errorText } from '../../i18n/mainError';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatTime } from '../history/formatTime';
import { CapabilityChips } from './CapabilityChips';
import { TailView } from './TailView';
import { NewStreamDialog, type CreatedStream } from '../composer/NewStreamDialog';
import { shown } from '../../ui/emptyValue';
import { lazyPart } from '../../ui/lazyPart';

const ReplayDialog = lazyPart(() => import('../replay/ReplayDialog').then((m) => m.ReplayDialog), 'overlay');

interface Props {
  profile: ProfileView;
  /** The composer's YDS cloud and database, to narrow the list to that database. */
  scope?: { cloudId: string; databaseId: string };
  onUse: (streamName: string) => void;
  /** A stream created from here; the browser closes after handing it over. */
  onCreated: (created: CreatedStream) => void;
  onClose: () => void;
}

type Load<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: AppError };

export function StreamBrowser({ profile, scope, onUse, onCreated, onClose }: Props) {
  const profileId = profile.id;
  const { t } = useTranslation();
  const [streams, setStreams] = useState<Load<{ list: StreamSummaryView[]; summaryFromDescribeStream: boolean }>>({
    state: 'loading',
  });
  const [opened, setOpened] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [tailing, setTailing] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<string | null>(null);
  const cloudId = scope?.cloudId.trim() ?? '';
  const databaseId = scope?.databaseId.trim() ?? '';

  const fetchStreams = useCallback(async (): Promise<
    Load<{ list: StreamSummaryView[]; summaryFromDescribeStream: boolean }>
  > => {
    const r = await call('listStreams', { profileId, ...(cloudId && databaseId ? { cloudId, databaseId } : {}) });
    return r.ok
      ? {
          state: 'done',
          value: { list: r.value.streams, summaryFromDescribeStream: r.value.summaryFromDescribeStream },
        }
      : { state: 'failed', error: r.error };
  }, [profileId, cloudId, databaseId]);

  const load = () => {
    setStreams({ state: 'loading' });
    void fetchStreams().then(setStreams);
  };

  // The list starts as loading, so the first fetch needs no state change of its own.
  useEffect(() => {
    void fetchStreams().then(setStreams);
  }, [fetchStreams]);

  const use = (name: string) => {
    onUse(name);
    onClose();
  };

  return (
    <>
      <Dialog
        wide
        title={opened ? t('streams.shardsTitle', { name: opened }) : t('streams.title')}
        onClose={onClose}
        footer={
          <>
            {opened ? (
              <>
                <button type="button" onClick={() => setOpened(null)}>
                  {t('streams.back')}
                </button>
                <button type="button" className="primary" onClick={() => use(opened)}>
                  {t('streams.use')}
                </button>
              </>
            ) : (
              <>
                <button type="button" onClick={() => setCreating(true)}>
                  {t('streams.create')}
                </button>
                <button type="button" onClick={() => void load()} disabled={streams.state === 'loading'}>
                  {t('streams.refresh')}
                </button>
              </>
            )}
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        }
      >
        <CapabilityChips profileId={profileId} />
        {opened ? (
          <>
            <ShardList profileId={profileId} streamName={opened} />
            <ConsumerList profileId={profileId} streamName={opened} />
          </>
        ) : (
          <>
            {cloudId && databaseId && <p className="muted">{t('streams.scoped', { cloudId, databaseId })}</p>}
            <Loaded load={streams}>
              {({ list, summaryFromDescribeStream }) =>
                list.length === 0 ? (
                  <p className="empty-state">{t('streams.empty')}</p>
                ) : (
                  <>
                    {summaryFromDescribeStream && (
                      <p className="hint-text" data-testid="summary-fallback">
                        {t('connectionProbe.summaryFallback')}
                      </p>
                    )}
                    <table className="data-table" aria-label={t('streams.title')}>
                      <thead>
                        <tr>
                          <th scope="col">{t('streams.name')}</th>
                          <th scope="col">{t('streams.status')}</th>
                          <th scope="col">{t('streams.shards')}</th>
                          <th scope="col">{t('streams.retention')}</th>
                          <th scope="col" />
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((s) => (
                          <tr key={s.name} data-testid="stream-row">
                            <td>
                              <button
                                type="button"
                                className="link-button"
                                title={t('streams.openShards')}
                                onClick={() => setOpened(s.name)}
                              >
                                <code>{s.name}</code>
                              </button>
                            </td>
                            <td>{s.status}</td>
                            <td data-testid="stream-shards">{s.shardCount}</td>
                            <td>{t('streams.hours', { count: s.retentionHours })}</td>
                            <td>
                              <button
                                type="button"
                                aria-label={t('streams.useNamed', { name: s.name })}
                                onClick={() => use(s.name)}
                              >
                                {t('streams.use')}
                              </button>{' '}
                              <button
                                type="button"
                                aria-label={t('tail.openNamed', { name: s.name })}
                                onClick={() => setTailing(s.name)}
                              >
                                {t('tail.openShort')}
                              </button>{' '}
                              <button
                                type="button"
                                aria-label={t('replay.openNamed', { name: s.name })}
                                onClick={() => setReplaying(s.name)}
                              >
                                {t('replay.open')}
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </>
                )
              }
            </Loaded>
          </>
        )}
      </Dialog>
      {tailing && (
        <TailView
          profileId={profileId}
          target={{ type: 'name', streamName: tailing }}
          streamLabel={tailing}
          onClose={() => setTailing(null)}
        />
      )}
      {replaying && (
        <ReplayDialog
          profileId={profileId}
          source={{ type: 'name', streamName: replaying }}
          streamLabel={replaying}
          onClose={() => setReplaying(null)}
          onStarted={onClose}
        />
      )}
      {creating && (
        <NewStreamDialog
          profile={profile}
          ydsScope={scope}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            onCreated(created);
            onClose();
          }}
        />
      )}
    </>
  );
}

function ShardList({ profileId, streamName }: { profileId: string; streamName: string }) {
  const { t } = useTranslation();
  const [shards, setShards] = useState<Load<{ list: StreamShardView[]; shardsFromDescribeStream: boolean }>>({
    state: 'loading',
  });

  useEffect(() => {
    let live = true;
    void call('describeStreamDetails', { profileId, target: { type: 'name', streamName } }).then((r) => {
      if (live)
        setShards(
          r.ok
            ? {
                state: 'done',
                value: { list: r.value.shards, shardsFromDescribeStream: r.value.shardsFromDescribeStream },
              }
            : { state: 'failed', error: r.error },
        );
    });
    return () => {
      live = false;
    };
  }, [profileId, streamName]);

  return (
    <Loaded load={shards}>
      {({ list, shardsFromDescribeStream }) => (
        <>
          {shardsFromDescribeStream && (
            <p className="hint-text" data-testid="shards-fallback">
              {t('connectionProbe.shardsFallback')}
            </p>
          )}
          <table className="data-table" aria-label={t('streams.shardsTitle', { name: streamName })}>
            <thead>
              <tr>
                <th scope="col">{t('streams.shardId')}</th>
                <th scope="col">{t('streams.hashRange')}</th>
                <th scope="col">{t('streams.sequenceRange')}</th>
                <th scope="col">{t('streams.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.shardId} data-testid="shard-row">
                  <td>
                    <code>{s.shardId}</code>
                  </td>
                  <td>
                    <code className="range">
                      {s.startingHashKey} – {s.endingHashKey}
                    </code>
                  </td>
                  <td>
                    <code className="range">
                      {s.startingSequenceNumber} – {shown(s.endingSequenceNumber)}
                    </code>
                  </td>
                  <td>{s.open ? t('streams.open') : t('streams.closed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Loaded>
  );
}

/** The stream's enhanced fan-out consumers; a connection without them gets a sentence, not an error. */
function ConsumerList({ profileId, streamName }: { profileId: string; streamName: string }) {
  const { t, i18n } = useTranslation();
  const [consumers, setConsumers] = useState<Load<StreamConsumerView[] | null>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void call('listStreamConsumers', { profileId, target: { type: 'name', streamName } }).then((r) => {
      if (!live) return;
      if (!r.ok) setConsumers({ state: 'failed', error: r.error });
      else setConsumers({ state: 'done', value: r.value.offered ? r.value.consumers : null });
    });
    return () => {
      live = false;
    };
  }, [profileId, streamName]);

  return (
    <section className="stream-consumers" aria-labelledby="stream-consumers-title" data-testid="stream-consumers">
      <h3 id="stream-consumers-title">{t('connectionProbe.consumersTitle')}</h3>
      <Loaded load={consumers}>
        {(list) =>
          list === null ? (
            <p className="hint-text" data-testid="consumers-not-offered">
              {t('connectionProbe.consumersNotOffered')}
            </p>
          ) : list.length === 0 ? (
            <p className="empty-state">{t('connectionProbe.consumersNone')}</p>
          ) : (
            <table className="data-table" aria-labelledby="stream-consumers-title">
              <thead>
                <tr>
                  <th scope="col">{t('connectionProbe.consumerName')}</th>
                  <th scope="col">{t('connectionProbe.consumerStatus')}</th>
                  <th scope="col">{t('connectionProbe.consumerCreated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.name} data-testid="consumer-row">
                    <td>
                      <code>{c.name}</code>
                    </td>
                    <td>{c.status}</td>
                    <td>{shown(c.createdAt && formatTime(c.createdAt, i18n.language))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function Loaded<T>({ load, children }: { load: Load<T>; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (load.state === 'loading')
    return (
      <p className="muted" role="status">
        {t('streams.loading')}
      </p>
    );
  if (load.state === 'failed') {
    const shown = errorText(t, load.error);
    return <ErrorBox text={shown} />;
  }
  return <>{children(load.value)}</>;
}
