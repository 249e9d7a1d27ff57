/**
 * The console's side of /import (server/import/import.routes.ts): the entity's template as a download; a file
 * sent as a background job (a dry run, then the commit of the same file without sending it again), followed
 * by its progress until it ends; the user's running job found again after a reload; a job cancelled; its
 * refused rows downloaded as a workbook — each refusal in the console's language.
 */
import type { ImportIssue, ImportJob, ImportMode, ImportReport } from '../../../schema/shared/import-report';
import { importUrl } from '../config';
import { saveBlob } from '../download';

export type { ImportIssue, ImportJob, ImportMode, ImportReport };

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

async function answered<T>(response: Response): Promise<T> {
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

const request = (path: string, acceptLanguage: string, init: RequestInit = {}) =>
  fetch(`${importUrl}${path}`, { credentials: 'same-origin', ...init, headers: { 'accept-language': acceptLanguage, ...init.headers } });

export async function downloadTemplate(entity: string, acceptLanguage: string, filename: string): Promise<void> {
  const response = await request(`/${entity}/template`, acceptLanguage);
  if (!response.ok) throw await refusal(response);
  saveBlob(await response.blob(), filename);
}

/** A finished job's refused rows as a workbook (each offending cell marked), from the file the server kept. */
export async function downloadErrorReport(job: string, acceptLanguage: string, filename: string): Promise<void> {
  const response = await request(`/jobs/${job}/problems.xlsx`, acceptLanguage);
  if (!response.ok) throw await refusal(response);
  saveBlob(await response.blob(), filename);
}

/** Sends the file as a new job; `upsert`: a row naming an existing record by its natural key updates it. */
export async function startImport(entity: string, file: File, mode: ImportMode, mapping: Record<string, string>, upsert: boolean, acceptLanguage: string): Promise<ImportJob> {
  const response = await request(`/${entity}?mode=${mode}&async=1${upsert ? '&upsert=1' : ''}`, acceptLanguage, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-filename': encodeURIComponent(file.name),
      'x-import-mapping': encodeURIComponent(JSON.stringify(mapping)),
    },
    body: file,
  });
  return answered<ImportJob>(response);
}

/** Saves what a finished dry run checked, from its kept file. */
export async function commitImport(job: string, mode: Exclude<ImportMode, 'dry-run'>, acceptLanguage: string): Promise<ImportJob> {
  return answered<ImportJob>(await request(`/jobs/${job}/commit?mode=${mode}&async=1`, acceptLanguage, { method: 'POST' }));
}

export async function cancelImport(job: string, acceptLanguage: string): Promise<ImportJob> {
  return answered<ImportJob>(await request(`/jobs/${job}/cancel`, acceptLanguage, { method: 'POST' }));
}

export async function importJob(job: string, acceptLanguage: string): Promise<ImportJob> {
  return answered<ImportJob>(await request(`/jobs/${job}`, acceptLanguage));
}

/** The user's import of this entity still running (after a reload, say), if any. */
export async function runningImport(entity: string, acceptLanguage: string): Promise<ImportJob | undefined> {
  const jobs = await answered<ImportJob[]>(await request(`/jobs?entity=${encodeURIComponent(entity)}`, acceptLanguage));
  return jobs.find((job) => job.state === 'running');
}

/** Follows a job until it ends, telling `onProgress` each state on the way (about twice a second). */
export async function followImport(job: ImportJob, acceptLanguage: string, onProgress: (job: ImportJob) => void, signal?: AbortSignal): Promise<ImportJob> {
  let current = job;
  onProgress(current);
  while (current.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (signal?.aborted) return current;
    current = await importJob(current.id, acceptLanguage);
    onProgress(current);
  }
  return current;
}
