/** Chinese first, English switchable; react-admin's own catalogue in Chinese comes with the console issue. */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';

const productName = { zh: '人大履职数据台', en: 'Congress Records Console' };

const catalogues = {
  zh: { ...englishMessages, crc: { productName: productName.zh, status: { ready: '服务就绪', unavailable: '数据库不可用' } } },
  en: { ...englishMessages, crc: { productName: productName.en, status: { ready: 'Service ready', unavailable: 'Database unavailable' } } },
};

export const i18nProvider = polyglotI18nProvider((locale) => catalogues[locale as keyof typeof catalogues] ?? catalogues.zh, 'zh', [
  { locale: 'zh', name: '简体中文' },
  { locale: 'en', name: 'English' },
]);
