// The shell's layout: top bar, notices, and three panels — the request composer, the response (of
// the latest send, a picked history entry, or the run followed) and the history list — plus the
// tail when one is docked beside the composer (shell/TailDock.tsx). State lives
// in the store (store/), which main's events and the operations' answers feed.
import type { AppInfo } from '../electron/contract';
import { HistoryPanel } from './features/history/HistoryPanel';
import { NoticeBanner } from './features/notices/NoticeBanner';
import { AppError } from './shell/AppError';
import { ComposerPanel } from './shell/ComposerPanel';
import { MiddlePanel } from './shell/MiddlePanel';
import { ProfileEditorHost } from './shell/ProfileEditorHost';
import { FoldTabs, NARROW_WORKSPACE, TailDock, useFold } from './shell/TailDock';
import { TopBar } from './shell/TopBar';
import { StoreProvider, useStore } from './store/StoreProvider';
import { useStartup } from './store/useStartup';
import { useMediaQuery } from './ui/useMediaQuery';

export function App({ initialInfo }: { initialInfo: AppInfo }) {
  return (
    <StoreProvider initialInfo={initialInfo}>
      <Layout />
    </StoreProvider>
  );
}

function Layout() {
  useStartup();
  const { state } = useStore();
  const narrow = useMediaQuery(NARROW_WORKSPACE);
  const folded = state.tail !== null && narrow;
  const fold = useFold(folded);
  const classes = ['workspace', state.tail && 'workspace-tail', folded && `workspace-folded-${fold.front}`];
  return (
    <div className="app">
      <TopBar />
      <NoticeBanner notices={state.info.notices} />
      <AppError />
      <main className={classes.filter(Boolean).join(' ')}>
        <ComposerPanel />
        <TailDock />
        {folded && <FoldTabs front={fold.front} unseen={fold.unseen} onFront={fold.setFront} />}
        <MiddlePanel />
        <HistoryPanel />
      </main>
      <ProfileEditorHost />
    </div>
  );
}
