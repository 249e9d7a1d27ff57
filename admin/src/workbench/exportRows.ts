/**
 * Every row of a list query, as a file, through POST /export: a JSON body (which also keeps it clear of
 * cross-site form posts), the session cookie, the answer read as a blob and handed to the user as a
 * download — a plain link could carry neither the body nor the refusal's message.
 */
import { exportUrl } from '../config';
import { saveBlob } from '../download';
import type { Variables } from './variables';

/** The server's formats (server/workbench/export-formats.ts). */
export type ExportFormat = 'csv' | 'xlsx' | 'json';

export type ExportRequest = { query: string; variables: Variables; operationName: string | null; format: ExportFormat; filename: string };

/** The server refused the export (not a single list query, a lapsed session, …), saying why in the request's language. */
export class ExportRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Refusal = { errors?: { message?: string }[] };

export async function exportRows(request: ExportRequest, acceptLanguage: string): Promise<void> {
  const response = await fetch(exportUrl, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
    body: JSON.stringify(request),
  });
  if (!response.ok) {
    const refusal = (await response.json().catch(() => ({}))) as Refusal;
    throw new ExportRefused(refusal.errors?.map((error) => error.message).join('；') || `HTTP ${response.status}`, response.status);
  }
  saveBlob(await response.blob(), `${request.filename}.${request.format}`);
}
