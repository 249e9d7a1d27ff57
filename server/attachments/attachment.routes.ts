/**
 * Attachments over HTTP, beside /import and /export (the bytes never pass through GraphQL; their descriptions
 * are the Attachment model's, listed and read by the API):
 * - `POST /attachments?suggestionId=<id>[&handlingId=<id>]` with the file as the body (any content type; its
 *   name in `X-Filename`, URI-encoded) keeps it (201, its description) — if the user may act on that suggestion
 *   or handling in the workflow, the file is not empty nor over the limit (ATTACHMENT_MAX_BYTES), and its bytes
 *   are a PDF, an image, a .docx or an .xlsx, whatever its name says;
 * - `GET /attachments/<id>/content` — the file, to whoever may read its suggestion (else 404, as if absent),
 *   each download recorded in the audit trail (operation DOWNLOAD).
 * Refusals are `{ errors: [...] }` in the request's language, as GraphQL's are.
 */
import express from 'express';
import { Attachment } from '../../schema/entities/attachment.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { notFound } from '../api/writer.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { answering, contextOf, refuseTooLarge, signedInFirst } from '../http/route-errors.js';
import { isRecordId } from '../api/filter.builder.js';
import { contentDisposition } from '../http/content-disposition.js';
import type { AttachmentLimits } from './attachment-limits.js';
import { cleanFileName, idParameter, openAttachment, saveAttachment } from './attachment-store.js';

export function attachmentRoutes(contextFor: (request: express.Request) => Promise<Context>, limits: AttachmentLimits): express.Router {
  const router = express.Router();

  // Signed in first: an upload's body is read only for someone who may be heard.
  router.use(signedInFirst(contextFor));
  /** A route's work in the signed-in user's context. */
  const withContext = (work: (request: express.Request, response: express.Response, context: Context) => Promise<unknown>) =>
    answering((request, response) => work(request, response, contextOf<Context>(response)));

  router.post(
    '/',
    express.raw({ type: () => true, limit: limits.maxBytes }),
    withContext(async (request, response, { writer, access }) => {
      const suggestionId = request.query.suggestionId === undefined && request.query.handlingId !== undefined ? '' : idParameter(request.query.suggestionId, 'suggestionId');
      const handlingId = request.query.handlingId === undefined ? null : idParameter(request.query.handlingId, 'handlingId');
      let fileName: string;
      try {
        fileName = cleanFileName(decodeURIComponent(request.get('x-filename') ?? ''));
      } catch {
        throw new AppError('BAD_USER_INPUT', { zh: '文件名格式不正确（X-Filename 应经 URI 编码）', en: 'The file name is malformed (X-Filename is URI-encoded)' }, { field: 'fileName' });
      }
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      response.status(201).json(await saveAttachment(writer, access, { suggestionId, handlingId }, { fileName, bytes }));
    }),
  );

  router.get(
    '/:id/content',
    withContext(async (request, response, { writer, access }) => {
      const id = String(request.params.id);
      // Not a record id: as absent as any record the user may not read.
      if (!isRecordId(id)) throw notFound(modelOf(Attachment), id, 'id');
      const file = await openAttachment(writer, access, id);
      response
        .status(200)
        .set({
          'content-type': file.contentType,
          'content-disposition': contentDisposition(file.fileName),
          'x-content-type-options': 'nosniff',
          // A file opened in place runs nothing and reaches nothing of ours; nobody between keeps a copy.
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        })
        .send(file.bytes);
    }),
  );

  // A body over the limit is refused before it is read, in the user's language.
  router.use(refuseTooLarge(limits.maxBytes, (megabytes) => ({ zh: `附件不能超过 ${megabytes} MB`, en: `An attachment may not be larger than ${megabytes} MB` }), 'file'));
  return router;
}
