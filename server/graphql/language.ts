/** The request's language: Chinese unless the client prefers English (Accept-Language, weights honoured). */
export type Language = 'zh' | 'en';

/** A text in each language the API speaks. */
export type Messages = { zh: string; en: string };

/**
 * The first of zh and en among the languages the client accepts, by weight (`en;q=0.1, zh-CN;q=0.9` is
 * Chinese), in the order given where weights tie; Chinese when it names neither.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((entry, position) => {
      const [tag, ...parameters] = entry.trim().toLowerCase().split(';');
      const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), position };
    })
    .filter((entry) => entry.weight > 0 && (entry.tag.startsWith('en') || entry.tag.startsWith('zh')))
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}
