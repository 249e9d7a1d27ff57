/**
 * The `Content-Disposition` of every download (exports, import templates and reports, attachments): one
 * header for all, so each route names its file alike — `filename` for old clients (ASCII, quotes and
 * backslashes replaced) and `filename*` (RFC 5987/6266) for the real, often Chinese, name.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
