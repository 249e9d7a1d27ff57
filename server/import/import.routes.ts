/**
 * The import over HTTP, for the console and for scripts:
 * - `GET /import/<Entity>/template` — the entity's xlsx template, in the request's language;
 * - `POST /import/<Entity>?mode=dry-run|all|valid-only` with the file as the body (any content type; its
 *   name in `X-Filename`, URI-encoded; column corrections as JSON `{ "<header>": "<input key>" | "" }` in
 *   `X-Import-Mapping`) starts an import job (import-jobs.ts). With `&async=1` the answer is the job at once
 *   (202), to follow at `GET /import/jobs/<id>`; without, the request waits for the job's report (import-run.ts),
 *   as a script expects. A dry run first is the console's way; `all` saves nothing unless every row passes;
 *   `valid-only` saves the rows that pass; `&upsert=1`: a row naming a record by its natural key (a region's
 *   code, a person's ID number) updates it instead of failing as a duplicate. With `&report=xlsx`, the answer is
 *   the refused rows as a workbook (error-report.ts) instead of the JSON report.
 * - `GET /import/jobs[?entity=<Entity>]` — the user's latest jobs; `GET /import/jobs/<id>` — one, with its progress
 *   and, once done, its report; `GET /import/jobs/<id>/problems.xlsx` — its refused rows as a workbook;
 *   `POST /import/jobs/<id>/commit?mode=all|valid-only[&async=1]` — commits a dry run's file without sending it
 *   again; `POST /import/jobs/<id>/cancel` — stops a running job, nothing saved.
 * Only those who may create the entity's records import them, each row within their reach as a single create
 * would be; one import per user at a time; the file's size is bounded before it is read.
 */
import { contentDisposition } from '../http/content-disposition.js';
import express from 'express';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import type { ImportJob, ImportMode, ImportReport } from '../../schema/shared/import-report.js';
import { answering, contextOf, refuseTooLarge, signedInFirst } from '../http/route-errors.js';
import type { ImportJobs, JobEnd } from './import-jobs.js';
import { readSheet, type SheetLimits } from './read-sheet.js';
import { writeTemplate } from './template.js';
import { writeErrorReport } from './error-report.js';

const modes: ImportMode[] = ['dry-run', 'all', 'valid-only'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importRoutes(contextFor: (request: express.Request) => Promise<Context>, jobs: ImportJobs, limits: SheetLimits): express.Router {
  const router = express.Router();
  // Signed in first: a spreadsheet is read only for someone who may be heard.
  router.use(signedInFirst(contextFor));

  /** The signed-in user's context and the model they may create records of, or the refusal. */
  const admit = (response: express.Response, entity: string): { context: Context; model: ModelMeta } => {
    const context = contextOf<Context>(response);
    return { context, model: jobs.importable(context.access, entity) };
  };
  /** The refused rows of a job's report as a workbook, from the file it read (kept with the job). */
  const sendProblems = async (response: express.Response, context: Context, model: ModelMeta, report: ImportReport, file: { bytes: Buffer; filename: string }) => {
    const title = context.language === 'en' ? `${model.labelEn} import problems` : `${model.labelZh}导入问题`;
    response
      .status(200)
      .set({ 'content-type': xlsxType, 'content-disposition': contentDisposition(`${title}.xlsx`) })
      .send(await writeErrorReport(readSheet(file.bytes, file.filename, limits), report, title, context.language));
  };
  /** A started job's answer: the job at once (`async=1`), or, once it ends, its report (or workbook of problems), or its refusal. */
  const answer = async (request: express.Request, response: express.Response, context: Context, model: ModelMeta, started: { job: ImportJob; ended: Promise<JobEnd> }) => {
    if (request.query.async === '1') return void response.status(202).json(started.job);
    const end = await started.ended;
    if ('error' in end) throw end.error;
    if (request.query.report !== 'xlsx') return void response.status(200).json({ ...end.report, job: started.job.id });
    await sendProblems(response, context, model, end.report, await jobs.file(context.access, started.job.id));
  };

  router.get(
    '/jobs',
    answering(async (request, response) => {
      const context = contextOf<Context>(response);
      response.json(await jobs.list(context.access, typeof request.query.entity === 'string' ? request.query.entity : null));
    }),
  );
  router.get(
    '/jobs/:id',
    answering(async (request, response) => {
      const context = contextOf<Context>(response);
      response.json(await jobs.get(context.access, String(request.params.id)));
    }),
  );
  router.get(
    '/jobs/:id/problems.xlsx',
    answering(async (request, response) => {
      const context = contextOf<Context>(response);
      const job = await jobs.get(context.access, String(request.params.id));
      const model = jobs.modelNamed(job.entity)!;
      if (!job.report) throw new AppError('BAD_USER_INPUT', { zh: '这次导入还没有报告', en: 'That import has no report yet' }, { field: 'job' });
      await sendProblems(response, context, model, job.report, await jobs.file(context.access, job.id));
    }),
  );
  router.post(
    '/jobs/:id/commit',
    answering(async (request, response) => {
      const context = contextOf<Context>(response);
      const mode = request.query.mode ?? 'all';
      if (mode !== 'all' && mode !== 'valid-only') throw new AppError('BAD_USER_INPUT', { zh: '提交方式应为 all 或 valid-only', en: 'The mode is all or valid-only' }, { field: 'mode' });
      const started = await jobs.commit(context.access, String(request.params.id), mode);
      await answer(request, response, context, jobs.modelNamed(started.job.entity)!, started);
    }),
  );
  router.post(
    '/jobs/:id/cancel',
    answering(async (request, response) => {
      const context = contextOf<Context>(response);
      response.json(await jobs.cancel(context.access, String(request.params.id)));
    }),
  );

  router.get(
    '/:entity/template',
    answering(async (request, response) => {
      const { context, model } = admit(response, String(request.params.entity));
      const name = `${context.language === 'en' ? `${model.labelEn} import template` : `${model.labelZh}导入模板`}.xlsx`;
      response
        .status(200)
        .set({ 'content-type': xlsxType, 'content-disposition': contentDisposition(name) })
        .send(await writeTemplate(model, context.language));
    }),
  );

  router.post(
    '/:entity',
    express.raw({ type: () => true, limit: limits.maxBytes }),
    answering(async (request, response) => {
      const { context, model } = admit(response, String(request.params.entity));
      const mode = (request.query.mode ?? 'dry-run') as ImportMode;
      if (!modes.includes(mode)) throw new AppError('BAD_USER_INPUT', { zh: '导入方式应为 dry-run、all 或 valid-only', en: 'The mode is dry-run, all or valid-only' }, { field: 'mode' });
      let mapping: Record<string, string> = {};
      try {
        mapping = JSON.parse(decodeURIComponent(request.get('x-import-mapping') ?? '%7B%7D')) as Record<string, string>;
      } catch {
        throw new AppError('BAD_USER_INPUT', { zh: '列的对应关系格式不正确', en: 'The column mapping is malformed' }, { field: 'mapping' });
      }
      const file = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const filename = decodeURIComponent(request.get('x-filename') ?? 'upload');
      await answer(request, response, context, model, await jobs.start(context.access, { model, file, filename, mode, upsert: request.query.upsert === '1', mapping }));
    }),
  );

  // A body over the limit is refused before it is read, in the user's language.
  router.use(
    refuseTooLarge(limits.maxBytes, (megabytes) => ({
      zh: `文件超过 ${megabytes} MB，请拆分后分批导入`,
      en: `The file is larger than ${megabytes} MB: split it and import the parts`,
    })),
  );
  return router;
}
