import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call, hasBridge } from './api';
import { initI18n, resolveLanguage } from './i18n';
import { applyTheme } from './theme';
import { preloadLazyParts } from './ui/lazyPart';
import './styles.css';

async function start(root: HTMLElement) {
  // The page is only useful inside the app (Electron or the test harness), which provides the bridge.
  if (!hasBridge()) {
    root.textContent = 'Stream Composer must be opened from the app: window.composer is missing.';
    return;
  }
  const info = await call('getAppInfo', {});
  if (!info.ok) {
    root.textContent = `Stream Composer could not start: ${info.error.message}`;
    return;
  }
  await initI18n(resolveLanguage(info.value.language, info.value.systemLocale));
  applyTheme(info.value.theme);
  createRoot(root).render(
    <StrictMode>
      <App initialInfo={info.value} />
    </StrictMode>,
  );
  preloadLazyParts();
}

void start(document.getElementById('root')!);
