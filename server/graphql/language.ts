/** The request's language: Chinese unless the client asks for English first. */
export type Language = 'zh' | 'en';

export function languageOf(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
