// i18next with both languages bundled (they are small) so the first paint is already translated.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../electron/contract';
import en from './en.json';
import ru from './ru.json';

export type UiLanguage = 'en' | 'ru';

/** 'system' follows the OS locale; any Russian locale gets Russian, everything else English. */
export function resolveLanguage(language: Language, systemLocale: string): UiLanguage {
  const tag = language === 'system' ? systemLocale : language;
  return tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export async function initI18n(language: UiLanguage): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
}

export async function applyLanguage(language: UiLanguage): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Numbers grouped the way the UI language writes them (1,048,576 / 1 048 576). */
export function formatNumber(n: number): string {
  return n.toLocaleString(i18n.language);
}
