/** The console's current language, as the model's labels are keyed. */
import { useLocaleState } from 'react-admin';
import type { Language } from '../metadata/types';

export function useLanguage(): Language {
  const [locale] = useLocaleState();
  return locale === 'en' ? 'en' : 'zh';
}
