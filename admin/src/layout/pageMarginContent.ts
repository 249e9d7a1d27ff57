/**
 * What prints in a sheet's margins — the header line and the page number — as the value of CSS `content` in
 * the @page margin boxes, the only place a browser prints on every sheet outside the page's content (an
 * element positioned into the margin is clipped). Text becomes CSS strings, `%{page}` and `%{pages}` the
 * counters the browser keeps per sheet. Pure and free of imports, so `npm test` covers it.
 */

/** A CSS string literal: quotes and backslashes escaped, line breaks as CSS escapes. */
export const cssString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;

/** `content` for a sentence with `%{page}` and `%{pages}` ("第 %{page} 页，共 %{pages} 页"): its words as strings, the placeholders as counters. */
export function pageCounterContent(template: string): string {
  const parts = template.split(/(%\{pages?\})/).filter((part) => part !== '');
  if (parts.length === 0) return 'counter(page)';
  return parts.map((part) => (part === '%{page}' ? 'counter(page)' : part === '%{pages}' ? 'counter(pages)' : cssString(part))).join(' ');
}
