// The shell's layout: top bar, notices, and three panels — the request composer, the response (of
// the latest send, a picked history entry, or the run followed) and the history list. State lives
// in the store (store/), which main's events and the operations' answers feed.
import type { AppInfo } from '../electron/contract';
import { HistoryPanel } from './features/history/HistoryPanel';
import { NoticeBanner } from './features/notices/NoticeBanner';
import { AppError } from './shell/AppError';
import { ComposerPanel } from './shell/ComposerPanel';
import { MiddlePanel } from './shell/MiddlePanel';
import { ProfileEditorHost } from './shell/ProfileEditorHost';
import { TopBar } from './shell/TopBar';
import { StoreProvider, useStore } from './store/StoreProvider';
import { useStartup } from './store/useStartup';

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
  return (
    <div className="app">
      <TopBar />
      <NoticeBanner notices={state.info.notices} />
      <AppError />
      <main className="workspace">
        <ComposerPanel />
        <MiddlePanel />
        <HistoryPanel />
      </main>
      <ProfileEditorHost />
    </div>
  );
}
