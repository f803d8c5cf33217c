// The app-wide operations of the handler table: what the window needs at start (version,
// settings, notices), the settings kept beside the profiles, and opening a link outside.
import type { AppInfo, Implementations } from '../contract';
import type { HandlerDeps } from '../handler-deps';
import { ServiceError } from '../services';

export function appHandlers(
  deps: Pick<HandlerDeps, 'app' | 'profiles' | 'history' | 'saved' | 'startNotices' | 'openExternal'>,
): Implementations<'getAppInfo' | 'setLanguage' | 'setVerifySends' | 'openExternal' | 'setTheme'> {
  const { profiles, history } = deps;
  const appInfo = (): AppInfo => ({
    version: deps.app.version,
    systemLocale: deps.app.systemLocale,
    language: profiles.language(),
    verifySends: profiles.verifySends(),
    historyRetention: profiles.historyRetention(),
    secretStorage: deps.app.secretStorage,
    notices: [...profiles.notices(), ...history.notices(), ...deps.saved.notices(), ...deps.startNotices],
    theme: profiles.theme(),
  });
  return {
    getAppInfo: () => appInfo(),
    setLanguage: ({ language }) => {
      profiles.setLanguage(language);
      return appInfo();
    },
    setVerifySends: ({ on }) => {
      profiles.setVerifySends(on);
      return appInfo();
    },
    openExternal: async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ServiceError('notAUrl', { url });
      }
      if (parsed.protocol !== 'https:') throw new ServiceError('httpsOnly', {});
      await deps.openExternal(parsed.href);
      return { opened: true };
    },
    setTheme: ({ theme }) => {
      profiles.setTheme(theme);
      return appInfo();
    },
  };
}
