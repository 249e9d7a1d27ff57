/**
 * Imports as background jobs: a file sent is answered at once with its job, which reads, checks and writes
 * it (import-run.ts) while the user watches its progress — or closes the page and comes back to it. Each job
 * is a row of `import_job` (migration …_import_job): its progress is written there at most once a second, so
 * any server process answers for it and a reload finds it; a user runs one at a time (a unique index, across
 * processes); a job whose process died (its heartbeat older than `abandonedAfterMs`) is found and said to be
 * interrupted. A dry run's file is kept with its job for a day, so that the commit reuses it (`commit`) and the
 * error report reads it again, without a second upload. A job is cancelled between two rows, and on shutdown
 * every running job is stopped the same way; either way its transaction rolls back and nothing is saved.
 */
import crypto from 'node:crypto';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { ImportJob, ImportJobState, ImportMode, ImportReport } from '../../schema/shared/import-report.js';
import type { Access } from '../access/access.js';
import type { ReadPool } from '../db/read-pool.js';
import { AppError } from '../graphql/errors.js';
import { log } from '../log.js';
import { sql } from '../sql/sql.js';
import { importableModels } from './columns.js';
import { runImport, type ImportContext, type ImportProgress } from './import-run.js';
import { declaredRows, readSheet, type SheetLimits } from './read-sheet.js';

/** How often a running job writes its progress (and learns whether it was cancelled), at most. */
const progressEveryMs = 1_000;
/** A running job's heartbeat, written even while a long chunk keeps its progress still. */
const heartbeatMs = 10_000;
/** A running job not heard of for this long belongs to a process that died. */
const abandonedAfterMs = 60_000;

type Messages = { zh: string; en: string };
type JobError = { code: AppError['code']; messages: Messages; extensions?: Record<string, unknown> };

type JobRow = {
  id: string;
  entity: string;
  filename: string;
  mode: ImportMode;
  upsert: boolean;
  mapping: Record<string, string>;
  source_id: string | null;
  state: ImportJobState;
  rows_read: number;
  rows_done: number;
  rows_total: number | null;
  report: ImportReport | null;
  error: JobError | null;
  started_at: string;
  finished_at: string | null;
  has_file: boolean;
};

const columns = sql`id::text, entity, filename, mode, upsert, mapping, source_id::text, state, rows_read, rows_done, rows_total, report, error,
  to_json(started_at)#>>'{}' as started_at, to_json(finished_at)#>>'{}' as finished_at, file is not null as has_file`;

const viewOf = (row: JobRow): ImportJob => ({
  id: row.id,
  entity: row.entity,
  filename: row.filename,
  mode: row.mode,
  upsert: row.upsert,
  source: row.source_id,
  state: row.state,
  read: row.rows_read,
  done: row.rows_done,
  total: row.rows_total,
  report: row.report,
  error: row.error ? row.error.messages : null,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  fileKept: row.has_file,
});

const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

const messages = {
  busy: { zh: '您的上一个导入尚未完成，请等它完成或取消后再导入', en: 'Your previous import is still running: wait for it, or cancel it, before importing again' },
  notFound: { zh: '没有找到这次导入（导入记录保留 30 天，只有导入人本人可以查看）', en: 'No such import (imports are kept 30 days, and only the one who imported sees theirs)' },
  cancelled: { zh: '导入已取消，未保存任何记录', en: 'The import was cancelled; nothing was saved' },
  shutdown: { zh: '服务器停止时导入尚未完成，已中止，未保存任何记录；请重新导入', en: 'The server stopped before the import finished: it was stopped and nothing was saved; please import again' },
  interrupted: { zh: '导入因服务器故障中断，未保存任何记录；请重新导入', en: 'The import was interrupted by a server failure and nothing was saved; please import again' },
  interruptedAfterCommit: {
    zh: '导入已保存，但服务器在报告前中断；记录已写入，可在审计日志中按批次查看',
    en: 'The import was saved, but the server stopped before reporting: its records are written (see the audit log by batch)',
  },
  internal: { zh: '导入时服务器内部出错，未保存任何记录', en: 'The server failed during the import; nothing was saved' },
  notCommittable: { zh: '只有已完成的预检可以据此提交', en: 'Only a finished dry run can be committed' },
  fileGone: { zh: '这次预检的文件已不再保留（保留一天），请重新上传', en: 'The file of that dry run is no longer kept (files are kept a day): please upload it again' },
  finished: { zh: '这次导入已经结束，无法取消', en: 'That import has already finished and cannot be cancelled' },
};

/** What starts a job: the file and what to do with it. */
export type ImportRequest = { model: ModelMeta; file: Buffer; filename: string; mode: ImportMode; upsert: boolean; mapping: Record<string, string> };

/** A job's end in this process: its report, or the refusal that ended it (a hostile file's, with its reason). */
export type JobEnd = { report: ImportReport } | { error: AppError };

export type ImportJobsDeps = {
  /** The application's pool (jobs are the application's own rows). */
  pool: () => ReadPool | undefined;
  /** Reads and writes as `access`, audited under `requestId` (the job's id: the batch an administrator may undo). */
  contextFor: (access: Access, requestId: string) => ImportContext;
  limits: SheetLimits;
};

export class ImportJobs {
  /** This process's running jobs: how to stop each, and when it ends. */
  private readonly running = new Map<string, { controller: AbortController; ended: Promise<JobEnd> }>();
  /** The models a user may import, by name. */
  private readonly models = new Map(importableModels().map((model) => [model.name, model]));

  constructor(private readonly deps: ImportJobsDeps) {}

  /** The importable model of that name, if any. */
  modelNamed(entity: string): ModelMeta | undefined {
    return this.models.get(entity);
  }

  /** The model `entity` names, if `access`'s user may create its records — for HTTP and GraphQL alike. */
  importable(access: Access, entity: string): ModelMeta {
    const model = this.models.get(entity);
    if (!model) throw new AppError('BAD_USER_INPUT', { zh: `不能导入“${entity}”：没有这类记录`, en: `Nothing to import as "${entity}"` }, { field: 'entity' });
    access.require(model, 'create');
    return model;
  }

  private get pool(): ReadPool {
    const pool = this.deps.pool();
    if (!pool) throw new AppError('SERVICE_UNAVAILABLE', { zh: '数据库尚未就绪，请稍后重试', en: 'The database is not ready yet; please try again shortly' });
    return pool;
  }

  /** Starts a job for `access`'s user, refused while another of theirs runs; answers it as it stands at once. */
  async start(access: Access, request: ImportRequest, sourceId: string | null = null): Promise<{ job: ImportJob; ended: Promise<JobEnd> }> {
    if (request.file.length === 0) throw new AppError('BAD_USER_INPUT', { zh: '没有收到文件', en: 'No file received' }, { field: 'file' });
    await this.tidy(access.actor.id, true);
    const id = crypto.randomUUID();
    try {
      await this.pool.rows(sql`insert into import_job (id, user_id, entity, filename, mode, upsert, mapping, file, source_id, rows_total)
        values (${id}::uuid, ${access.actor.id}::bigint, ${request.model.name}, ${request.filename}, ${request.mode}, ${request.upsert}, ${JSON.stringify(request.mapping)}::jsonb,
                ${request.file}, ${sourceId}::uuid, ${declaredRows(request.file)})`);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('RATE_LIMITED', messages.busy);
      throw error;
    }
    const controller = new AbortController();
    const ended = this.run(id, access, request, controller.signal);
    this.running.set(id, { controller, ended });
    void ended.finally(() => this.running.delete(id));
    return { job: await this.get(access, id), ended };
  }

  /** A new job committing what a finished dry run of the user's checked: its file, mapping and upsert choice. */
  async commit(access: Access, sourceId: string, mode: Exclude<ImportMode, 'dry-run'>): Promise<{ job: ImportJob; ended: Promise<JobEnd> }> {
    const source = await this.row(access, sourceId);
    if (source.state !== 'done' || source.mode !== 'dry-run') throw new AppError('BAD_USER_INPUT', messages.notCommittable, { field: 'job' });
    const model = this.importable(access, source.entity);
    const file = await this.file(access, sourceId);
    return this.start(access, { model, file: file.bytes, filename: source.filename, mode, upsert: source.upsert, mapping: source.mapping }, sourceId);
  }

  /** The user's job (only theirs: another's answers as one that does not exist). */
  async get(access: Access, id: string): Promise<ImportJob> {
    await this.tidy(access.actor.id);
    return viewOf(await this.row(access, id));
  }

  /** The user's latest jobs, newest first (of one entity, if given): the console finds a running one after a reload. */
  async list(access: Access, entity?: string | null, limit = 10): Promise<ImportJob[]> {
    await this.tidy(access.actor.id);
    const rows = await this.pool.rows<JobRow>(
      sql`select ${columns} from import_job where user_id = ${access.actor.id}::bigint and (${entity ?? null}::text is null or entity = ${entity ?? null}::text)
        order by started_at desc limit ${Math.max(1, Math.min(limit, 50))}`,
    );
    return rows.map(viewOf);
  }

  /** The file a job of the user's read, while it is kept (for the error report, or a commit). */
  async file(access: Access, id: string): Promise<{ bytes: Buffer; filename: string }> {
    const [found] = await this.pool.rows<{ file: Buffer | null; filename: string }>(
      sql`select file, filename from import_job where id = ${this.checkedId(id)}::uuid and user_id = ${access.actor.id}::bigint`,
    );
    if (!found) throw new AppError('NOT_FOUND', messages.notFound, { field: 'job' });
    if (!found.file) throw new AppError('BAD_USER_INPUT', messages.fileGone, { field: 'job' });
    return { bytes: found.file, filename: found.filename };
  }

  /** Asks the user's running job to stop (in whichever process runs it); it ends cancelled, nothing saved. */
  async cancel(access: Access, id: string): Promise<ImportJob> {
    const [found] = await this.pool.rows<{ id: string }>(
      sql`update import_job set cancel_requested = true where id = ${this.checkedId(id)}::uuid and user_id = ${access.actor.id}::bigint and state = 'running' returning id::text`,
    );
    if (!found) {
      const job = await this.get(access, id);
      throw new AppError('BAD_USER_INPUT', messages.finished, { field: 'job', state: job.state });
    }
    const local = this.running.get(id);
    if (local) {
      local.controller.abort('cancelled');
      await local.ended;
    }
    return this.get(access, id);
  }

  /** Stops every job of this process (shutdown), each rolled back and marked so, before the database closes. */
  async stop(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) job.controller.abort('shutdown');
    await Promise.all(jobs.map((job) => job.ended));
  }

  private checkedId(id: string): string {
    if (!isUuid(id)) throw new AppError('NOT_FOUND', messages.notFound, { field: 'job' });
    return id;
  }

  private async row(access: Access, id: string): Promise<JobRow> {
    const [found] = await this.pool.rows<JobRow>(sql`select ${columns} from import_job where id = ${this.checkedId(id)}::uuid and user_id = ${access.actor.id}::bigint`);
    if (!found) throw new AppError('NOT_FOUND', messages.notFound, { field: 'job' });
    return found;
  }

  /**
   * The user's jobs whose process died, ended as interrupted (saved or not: the audit trail knows whether its
   * batch committed); and, as a job starts (not on every look at one), for everyone: files kept past a day
   * dropped and jobs past 30 days deleted.
   */
  private async tidy(userId: string, everyone = false): Promise<void> {
    const pool = this.pool;
    const abandoned = await pool.rows<{ id: string; started_at: string }>(
      sql`select id::text, started_at from import_job where user_id = ${userId}::bigint and state = 'running' and updated_at < now() - make_interval(secs => ${abandonedAfterMs / 1000})`,
    );
    for (const job of abandoned) {
      if (this.running.has(job.id)) continue;
      const [saved] = await pool.rows(sql`select 1 from audit_entry where at >= ${job.started_at}::timestamptz and request_id = ${job.id} and operation = 'IMPORT' limit 1`);
      const error: JobError = { code: 'INTERNAL_SERVER_ERROR', messages: saved ? messages.interruptedAfterCommit : messages.interrupted };
      await pool.rows(sql`update import_job set state = 'failed', error = ${JSON.stringify(error)}::jsonb, finished_at = now() where id = ${job.id}::uuid and state = 'running'`);
    }
    if (!everyone) return;
    await pool.rows(sql`update import_job set file = null where file is not null and state <> 'running' and finished_at < now() - interval '1 day'`);
    await pool.rows(sql`delete from import_job where started_at < now() - interval '30 days' and state <> 'running'`);
  }

  /** The job itself: the import, its progress written as it goes, its end written whatever it is. */
  private async run(id: string, access: Access, request: ImportRequest, signal: AbortSignal): Promise<JobEnd> {
    const pool = this.pool;
    let written = 0;
    // Progress and heartbeat both learn of a cancellation asked of another process.
    const beat = async (progress?: ImportProgress) => {
      const [state] = await pool.rows<{ cancel: boolean }>(
        progress
          ? sql`update import_job set rows_read = ${progress.read}, rows_done = ${progress.done}, rows_total = coalesce(${progress.total}::int, rows_total), updated_at = now() where id = ${id}::uuid returning cancel_requested as cancel`
          : sql`update import_job set updated_at = now() where id = ${id}::uuid returning cancel_requested as cancel`,
      );
      if (state?.cancel && !signal.aborted) this.running.get(id)?.controller.abort('cancelled');
    };
    const heartbeat = setInterval(() => void beat().catch(() => undefined), heartbeatMs);
    heartbeat.unref();
    let end: JobEnd;
    let row: { state: ImportJobState; report: ImportReport | null; error: JobError | null };
    try {
      const report = await runImport(this.deps.contextFor(access, id), request.model, readSheet(request.file, request.filename, this.deps.limits), {
        mode: request.mode,
        overrides: request.mapping,
        upsert: request.upsert,
        total: declaredRows(request.file),
        signal,
        progress: async (progress) => {
          if (Date.now() - written < progressEveryMs) return;
          written = Date.now();
          await beat(progress);
        },
      });
      end = { report };
      row = { state: 'done', report, error: null };
    } catch (error) {
      const reason = signal.aborted ? String(signal.reason) : undefined;
      const failure =
        error instanceof AppError
          ? error
          : reason === 'cancelled' || reason === 'shutdown'
            ? new AppError('BAD_USER_INPUT', reason === 'cancelled' ? messages.cancelled : messages.shutdown, { reason: reason.toUpperCase() })
            : new AppError('INTERNAL_SERVER_ERROR', messages.internal);
      if (!(error instanceof AppError) && !reason) log.error(`[import] job ${id} failed: ${(error as Error).stack ?? String(error)}`);
      end = { error: failure };
      row = {
        state: reason === 'cancelled' ? 'cancelled' : 'failed',
        report: null,
        error: { code: failure.code, messages: failure.messages, extensions: failure.extensions },
      };
    } finally {
      clearInterval(heartbeat);
    }
    // The file stays with the job (a dry run's commit and any error report read it) until tidy() drops it a day on.
    const rows = 'report' in end ? end.report.rows : null;
    await pool
      .rows(
        sql`update import_job set state = ${row.state}, report = ${row.report && JSON.stringify(row.report)}::jsonb, error = ${row.error && JSON.stringify(row.error)}::jsonb,
          rows_read = coalesce(${rows}::int, rows_read), rows_done = coalesce(${rows}::int, rows_done), rows_total = coalesce(${rows}::int, rows_total),
          finished_at = now(), updated_at = now() where id = ${id}::uuid`,
      )
      .catch((error: unknown) => log.error(`[import] job ${id}: its end could not be recorded: ${String(error)}`));
    return end;
  }
}
