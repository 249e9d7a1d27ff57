/**
 * The console's side of /attachments (server/attachments/attachment.routes.ts): a file sent to a suggestion or
 * a handling, a kept one fetched and handed to the user (fetch + blob: the session cookie goes with it, and
 * the server records the download) — each refusal in the console's language.
 */
import { attachmentsUrl } from '../config';
import { saveBlob } from '../download';

/** The server refused the file or the request (too large, not an accepted type, not yours …), saying why. */
export class AttachmentRefused extends Error {}

async function refusal(response: Response): Promise<AttachmentRefused> {
  const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
  return new AttachmentRefused(body.errors?.map((error) => error.message).join('；') || `HTTP ${response.status}`);
}

/** Where a file goes: the suggestion itself (the secretariat), or one handling (its unit's answer letter). */
export type AttachmentTarget = { suggestionId: string } | { handlingId: string };

export async function uploadAttachment(target: AttachmentTarget, file: File, acceptLanguage: string): Promise<void> {
  const query = new URLSearchParams(target);
  const response = await fetch(`${attachmentsUrl}?${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'accept-language': acceptLanguage, 'x-filename': encodeURIComponent(file.name), 'content-type': 'application/octet-stream' },
    body: file,
  });
  if (!response.ok) throw await refusal(response);
}

export async function downloadAttachment(id: string, fileName: string, acceptLanguage: string): Promise<void> {
  const response = await fetch(`${attachmentsUrl}/${encodeURIComponent(id)}/content`, { credentials: 'same-origin', headers: { 'accept-language': acceptLanguage } });
  if (!response.ok) throw await refusal(response);
  saveBlob(await response.blob(), fileName);
}
