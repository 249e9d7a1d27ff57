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

/** Builds the i18n provider with the model's labels in both languages. */
export function buildI18nProvider(model: Model): I18nProvider {
  const catalogues = {
    zh: merge({ ...chineseMessages, crc: { ...consoleMessages.zh, analysis: analysisMessages.zh } }, modelMessages(model, 'zh')),
    en: merge({ ...englishMessages, crc: { ...consoleMessages.en, analysis: analysisMessages.en } }, modelMessages(model, 'en')),
  } as Record<Language, TranslationMessages>;
  return polyglotI18nProvider((locale) => catalogues[locale === 'en' ? 'en' : 'zh'], rememberedLanguage(), languages);
}
