/**
 * The import over HTTP, for the console and for scripts:
 * - `GET /import/<Entity>/template` — the entity's xlsx template, in the request's language;
 * - `POST /import/<Entity>?mode=dry-run|all|valid-only` with the file as the body (any content type; its
 *   name in `X-Filename`, URI-encoded; column corrections as JSON `{ "<header>": "<input key>" | "" }` in
 *   `X-Import-Mapping`) — the report (import-run.ts). A dry run first is the console's way; `all` saves
 *   nothing unless every row passes; `valid-only` saves the rows that pass; `&upsert=1`: a row naming a record
 *   by its natural key (a region's code, a person's ID number) updates it instead of failing as a duplicate. With `&report=xlsx`, the answer is
 *   the refused rows as a workbook (error-report.ts) instead of the JSON report.
 * Only those who may create the entity's records import them, each row within their reach as a single create
 * would be; one import per user at a time; the file's size is bounded before it is read.
 */
import express from 'express';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Context } from '../graphql/context.js';
import { AppError, formatError } from '../graphql/errors.js';
import { languageOf } from '../graphql/language.js';
import type { ImportMode } from '../../schema/shared/import-report.js';
import { importableModels } from './columns.js';
import { runImport } from './import-run.js';
import { readSheet, type SheetLimits } from './read-sheet.js';
import { writeTemplate } from './template.js';
import { writeErrorReport } from './error-report.js';

const modes: ImportMode[] = ['dry-run', 'all', 'valid-only'];

const statusOf = (error: AppError) =>
  (error.extensions as { reason?: string }).reason === 'FILE_TOO_LARGE'
    ? 413
    : ({ UNAUTHENTICATED: 401, FORBIDDEN: 403, SERVICE_UNAVAILABLE: 503, RATE_LIMITED: 429 } as Record<string, number>)[error.code] ?? 400;

export function importRoutes(contextFor: (request: express.Request) => Promise<Context>, limits: SheetLimits): express.Router {
  const router = express.Router();
  const models = new Map(importableModels().map((model) => [model.name, model]));
  // Who is importing now: one import per user at a time (this server's; the router is made once per app).
  const running = new Set<string>();

  const fail = (request: express.Request, response: express.Response, error: unknown) => {
    const language = languageOf(request.headers['accept-language']);
    // The refusal's own extensions (the field, the reason) go with it, as GraphQL answers carry them.
    const extensions = error instanceof AppError ? (error.extensions as Record<string, unknown>) : undefined;
    const formatted = formatError({ message: (error as Error).message, extensions }, error, language, 'import');
    response.status(error instanceof AppError ? statusOf(error) : 500).json({ errors: [formatted] });
  };
  /** The signed-in user's context and the model they may create records of, or the refusal. */
  const admit = async (request: express.Request): Promise<{ context: Context; model: ModelMeta }> => {
    const context = await contextFor(request);
    const model = models.get(String(request.params.entity));
    if (!model) {
      throw new AppError('BAD_USER_INPUT', { zh: `不能导入“${String(request.params.entity)}”：没有这类记录`, en: `Nothing to import as "${String(request.params.entity)}"` }, { field: 'entity' });
    }
    context.access.require(model, 'create');
    return { context, model };
  };

  router.get('/:entity/template', async (request, response) => {
    try {
      const { context, model } = await admit(request);
      const name = `${context.language === 'en' ? `${model.labelEn} import template` : `${model.labelZh}导入模板`}.xlsx`;
      response
        .status(200)
        .set({ 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` })
        .send(await writeTemplate(model, context.language));
    } catch (error) {
      fail(request, response, error);
    }
  });

  router.post('/:entity', express.raw({ type: () => true, limit: limits.maxBytes }), async (request, response) => {
    let user: string | undefined;
    try {
      const { context, model } = await admit(request);
      const mode = (request.query.mode ?? 'dry-run') as ImportMode;
      if (!modes.includes(mode)) throw new AppError('BAD_USER_INPUT', { zh: '导入方式应为 dry-run、all 或 valid-only', en: 'The mode is dry-run, all or valid-only' }, { field: 'mode' });
      let overrides: Record<string, string> = {};
      try {
        overrides = JSON.parse(decodeURIComponent(request.get('x-import-mapping') ?? '%7B%7D')) as Record<string, string>;
      } catch {
        throw new AppError('BAD_USER_INPUT', { zh: '列的对应关系格式不正确', en: 'The column mapping is malformed' }, { field: 'mapping' });
      }
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new AppError('BAD_USER_INPUT', { zh: '没有收到文件', en: 'No file received' }, { field: 'file' });
      if (running.has(context.access.actor.id)) {
        throw new AppError('RATE_LIMITED', { zh: '您的上一个导入尚未完成，请稍候', en: 'Your previous import is still running; please wait' });
      }
      user = context.access.actor.id;
      running.add(user);
      const filename = decodeURIComponent(request.get('x-filename') ?? 'upload');
      const report = await runImport({ rows: context.readPool, access: context.access, writer: context.writer, requestId: context.requestId }, model, readSheet(bytes, filename, limits), { mode, overrides, upsert: request.query.upsert === '1' });
      if (request.query.report !== 'xlsx') return void response.status(200).json(report);
      // The refused rows as a workbook to correct and send again (the file is read a second time, as sent).
      const title = context.language === 'en' ? `${model.labelEn} import problems` : `${model.labelZh}导入问题`;
      response
        .status(200)
        .set({ 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}` })
        .send(await writeErrorReport(readSheet(bytes, filename, limits), report, title, context.language));
    } catch (error) {
      fail(request, response, error);
    } finally {
      if (user) running.delete(user);
    }
  });

  // A body over the limit is refused before it is read, in the user's language.
  router.use((error: { type?: string }, request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (error?.type !== 'entity.too.large') return next(error);
    const megabytes = Math.round(limits.maxBytes / 1_048_576);
    fail(request, response, new AppError('BAD_USER_INPUT', { zh: `文件超过 ${megabytes} MB，请拆分后分批导入`, en: `The file is larger than ${megabytes} MB: split it and import the parts` }, { reason: 'FILE_TOO_LARGE' }));
  });
  return router;
}
