/**
 * The console's side of /import (server/import/import.routes.ts): the entity's template as a download, and a
 * file sent for a dry run or a commit, answered with the report — or refused, in the console's language.
 */
import type { ImportIssue, ImportMode, ImportReport } from '../../../schema/shared/import-report';
import { importUrl } from '../config';
import { saveBlob } from '../download';

export type { ImportIssue, ImportMode, ImportReport };

/** The server refused the file or the request (too large, not a spreadsheet, not allowed …), saying why. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<ImportRefused> {
  const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
  return new ImportRefused(body.errors?.map((error) => error.message).join('；') || `HTTP ${response.status}`, response.status);
}

export async function downloadTemplate(entity: string, acceptLanguage: string, filename: string): Promise<void> {
  const response = await fetch(`${importUrl}/${entity}/template`, { credentials: 'same-origin', headers: { 'accept-language': acceptLanguage } });
  if (!response.ok) throw await refusal(response);
  saveBlob(await response.blob(), filename);
}

/** The file checked again, answered by its refused rows as a workbook (each offending cell marked), downloaded. */
export async function downloadErrorReport(entity: string, file: File, mapping: Record<string, string>, upsert: boolean, acceptLanguage: string, filename: string): Promise<void> {
  const response = await post(entity, file, `dry-run&report=xlsx${upsert ? '&upsert=1' : ''}`, mapping, acceptLanguage);
  if (!response.ok) throw await refusal(response);
  saveBlob(await response.blob(), filename);
}

/** `upsert`: a row naming an existing record by its natural key updates it (rather than being refused as a duplicate). */
export async function sendImport(entity: string, file: File, mode: ImportMode, mapping: Record<string, string>, upsert: boolean, acceptLanguage: string): Promise<ImportReport> {
  const response = await post(entity, file, `${mode}${upsert ? '&upsert=1' : ''}`, mapping, acceptLanguage);
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as ImportReport;
}

function post(entity: string, file: File, query: string, mapping: Record<string, string>, acceptLanguage: string): Promise<Response> {
  return fetch(`${importUrl}/${entity}?mode=${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      'accept-language': acceptLanguage,
      'x-filename': encodeURIComponent(file.name),
      'x-import-mapping': encodeURIComponent(JSON.stringify(mapping)),
    },
    body: file,
  });
}
