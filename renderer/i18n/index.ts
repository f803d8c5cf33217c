// i18next with the UI language's texts loaded before the first paint, so it is already translated.
// Each language is a file of its own, fetched when first used: a window never loads both at start.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../electron/contract';

export type UiLanguage = 'en' | 'ru';

/** 'system' follows the OS locale; any Russian locale gets Russian, everything else English. */
export function resolveLanguage(language: Language, systemLocale: string): UiLanguage {
  const tag = language === 'system' ? systemLocale : language;
  return tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const TEXTS: Record<UiLanguage, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./en.json'),
  ru: () => import('./ru.json'),
};

async function texts(language: UiLanguage) {
  return { translation: (await TEXTS[language]()).default };
}

export async function initI18n(language: UiLanguage): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { [language]: await texts(language) },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
}

export async function applyLanguage(language: UiLanguage): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation'))
    i18n.addResourceBundle(language, 'translation', (await texts(language)).translation);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Numbers grouped the way the UI language writes them (1,048,576 / 1 048 576). */
export function formatNumber(n: number): string {
  return n.toLocaleString(i18n.language);
}
