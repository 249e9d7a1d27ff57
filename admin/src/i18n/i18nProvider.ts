/** Simplified Chinese by default, English switchable; react-admin remembers the choice in its store. */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import type { Model } from '../metadata/model';
import type { Language } from '../metadata/types';
import { analysisMessages } from './analysisMessages';
import { chineseMessages } from './chineseMessages';
import { consoleMessages } from './consoleMessages';
import { modelMessages } from './modelMessages';

export const languages: { locale: Language; name: string }[] = [
  { locale: 'zh', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

/** What the server is told, in `Accept-Language`, for each console language. */
export const acceptLanguageOf: Record<Language, string> = { zh: 'zh-CN', en: 'en' };

/** The language an i18n provider currently speaks. */
export const languageOf = (i18nProvider: I18nProvider): Language => (i18nProvider.getLocale() === 'en' ? 'en' : 'zh');

/** react-admin's English says "Logout"; the console pairs "Sign in" with "Sign out". */
const englishOverrides = { ra: { auth: { logout: 'Sign out' } } };

const storedLocaleKey = 'RaStore.locale';

/** The language react-admin's store remembered, read before react-admin starts. */
export function rememberedLanguage(): Language {
  try {
    const stored = JSON.parse(localStorage.getItem(storedLocaleKey) ?? 'null');
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function merge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const result = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = result[key];
    result[key] = value && typeof value === 'object' && existing && typeof existing === 'object' ? merge(existing as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return result;
}

/** Builds the i18n provider with the model's labels in both languages; without a model (signed out), the console's own words only. */
export function buildI18nProvider(model: Model | null): I18nProvider {
  const withModel = (messages: Record<string, unknown>, language: Language) => (model ? merge(messages, modelMessages(model, language)) : messages);
  const catalogues = {
    zh: withModel({ ...chineseMessages, crc: { ...consoleMessages.zh, analysis: analysisMessages.zh } }, 'zh'),
    en: withModel(merge({ ...englishMessages, crc: { ...consoleMessages.en, analysis: analysisMessages.en } }, englishOverrides), 'en'),
  } as Record<Language, TranslationMessages>;
  return polyglotI18nProvider((locale) => catalogues[locale === 'en' ? 'en' : 'zh'], rememberedLanguage(), languages);
}
