/**
 * Attachments kept and handed out, each within the user's reach: an upload goes to a suggestion (or one of its
 * handlings) the user may act on in the workflow — the secretariat within its write reach, a handling unit's
 * staff on their own unit's handling (schema/shared/suggestion-workflow.ts, workflowParties) — and is kept
 * only if its bytes are one of the accepted types (file-type.ts); a download is answered only within the
 * reach of the suggestion (the Attachment model's paths are its suggestion's) and recorded in the audit trail
 * in the same transaction that reads the bytes.
 */
import crypto from 'node:crypto';
import { Attachment } from '../../schema/entities/attachment.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { workflowParties, type WorkflowParty } from '../../schema/shared/suggestion-workflow.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { actorLabel } from '../access/actor.js';
import { isRecordId } from '../api/filter.builder.js';
import { notFound, rowsOf, type Writer } from '../api/writer.js';
import { AppError } from '../graphql/errors.js';
import { and, sql } from '../sql/sql.js';
import { loadHandling, loadSuggestion, partyMismatch, type HandlingRow } from '../workflow/suggestion-workflow.js';
import { detectFileType, isRefusal } from './file-type.js';

/** An attachment's description, as the upload answers it (the API's names). */
export type AttachmentDescription = {
  id: string;
  suggestionId: string;
  handlingId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
};

export type AttachmentFile = { fileName: string; contentType: string; bytes: Buffer };

const description = sql`a."id"::text as id, a."suggestion_id"::text as "suggestionId", a."handling_id"::text as "handlingId", a."file_name" as "fileName",
  a."content_type" as "contentType", a."size" as size, a."sha256" as sha256, a."uploaded_by" as "uploadedBy", to_json(a."created_at") #>> '{}' as "createdAt"`;

const forbidden = (zh: string, en: string) => new AppError('FORBIDDEN', { zh, en }, { reason: 'ATTACHMENT_NOT_YOURS' });
const badInput = (field: string, reason: string, zh: string, en: string) => new AppError('BAD_USER_INPUT', { zh, en }, { field, reason });

/** A name to keep: no folders, no control characters, at most 255 characters; a blank one becomes 附件. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(clean || '附件')].slice(0, 255).join('');
}

/**
 * Checks that the user may add a file to the suggestion (or handling) named: absent if out of reach; refused unless
 * they are the workflow's party for it (partyMismatch: the secretariat within its write reach, a unit's staff on
 * their own unit's handling — a co-handler too, whose opinion goes to the lead). Locks the case as a step would.
 */
async function checkTarget(tx: EntityManager, access: Access, suggestionId: string, handlingId: string | null): Promise<{ suggestionId: string; handlingId: string | null }> {
  const { actor } = access;
  let handling: HandlingRow | undefined;
  if (handlingId !== null) {
    handling = await loadHandling(tx, access, handlingId);
    if (!handling) throw notFound(modelOf(SuggestionHandling), handlingId, 'handlingId');
    if (suggestionId && suggestionId !== handling.suggestionId)
      throw badInput('handlingId', 'HANDLING_OF_ANOTHER_SUGGESTION', '这一承办不属于所选的建议', 'That handling belongs to another suggestion');
    suggestionId = handling.suggestionId;
  }
  const suggestion = await loadSuggestion(tx, access, suggestionId);
  if (!suggestion) throw notFound(modelOf(Suggestion), suggestionId, 'suggestionId');
  const party: WorkflowParty = workflowParties.secretariat.roles.includes(actor.role) ? 'secretariat' : 'handler';
  if (party === 'handler' && handlingId === null && workflowParties.handler.roles.includes(actor.role))
    throw forbidden('承办单位的附件须附在本单位的承办上（请指明承办）', 'A handling unit attaches files to its own handling: name the handling');
  const mismatch = partyMismatch(access, party, suggestion, handling);
  if (mismatch === 'ROLE') throw forbidden('您的角色只能查看附件，不能上传', 'Your role may read attachments but not upload them');
  if (mismatch === 'REGION') throw forbidden(`这件建议不属于您的区划（${actor.regionName ?? '—'}）`, `The suggestion is not of your region (${actor.regionName ?? '—'})`);
  if (mismatch) throw forbidden('这不是本单位的承办', 'This handling is not your unit’s');
  return { suggestionId, handlingId };
}

/** An id from the request, or the refusal naming the parameter (its reason said for the upload's client). */
export function idParameter(value: unknown, field: string): string {
  if (isRecordId(value)) return value;
  throw badInput(field, 'BAD_ID', `${field} 应为记录编号`, `${field} must be a record id`);
}

/** Keeps a file for a suggestion (and handling): reach, role and unit first, then what the bytes are; nothing is saved if any check fails. */
export async function saveAttachment(
  writer: Writer,
  access: Access,
  target: { suggestionId: string; handlingId: string | null },
  file: { fileName: string; bytes: Buffer },
): Promise<AttachmentDescription> {
  return writer.transaction(async (tx) => {
    const { suggestionId, handlingId } = await checkTarget(tx, access, target.suggestionId, target.handlingId);
    if (file.bytes.length === 0) throw badInput('file', 'FILE_EMPTY', '文件是空的', 'The file is empty');
    const detected = detectFileType(file.bytes);
    if (isRefusal(detected)) throw new AppError('BAD_USER_INPUT', detected.messages, { field: 'file', reason: `FILE_TYPE_${detected.reason}` });
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    const uploadedBy = actorLabel(access.actor);
    const [created] = await rowsOf<{ id: string }>(
      tx,
      sql`insert into "attachment" ("suggestion_id", "handling_id", "file_name", "content_type", "size", "sha256", "uploaded_by")
          values (${suggestionId}, ${handlingId}, ${file.fileName}, ${detected.contentType}, ${file.bytes.length}, ${sha256}, ${uploadedBy}) returning "id"::text as id`,
    );
    await rowsOf(tx, sql`insert into "attachment_content" ("attachment_id", "bytes") values (${created.id}, ${file.bytes})`);
    const [saved] = await rowsOf<AttachmentDescription>(tx, sql`select ${description} from "attachment" a where a."id" = ${created.id}`);
    return saved;
  });
}

/** The file of an attachment the user may read (else NOT_FOUND, as for a missing one), its download recorded with it. */
export async function openAttachment(writer: Writer, access: Access, id: string): Promise<AttachmentFile> {
  const model = modelOf(Attachment);
  return writer.transaction(async (tx) => {
    const [file] = await rowsOf<AttachmentFile>(
      tx,
      sql`select a."file_name" as "fileName", a."content_type" as "contentType", c."bytes" as bytes
          from "attachment" a join "attachment_content" c on c."attachment_id" = a."id"
          where ${and([sql`a."id" = ${id}`, sql`a."deleted_at" is null`, access.readScope(model, 'a')])}`,
    );
    if (!file) throw notFound(model, id, 'id');
    await rowsOf(tx, sql`select crc_audit_download(${id}::bigint)`);
    return file;
  });
}
