/**
 * Imports through GraphQL, for scripts: `startImport` (the file as base64, within the GraphQL request's size
 * limit — larger files go to POST /import/<Entity>), `importJob` / `importJobs` to follow it, `commitImport`
 * to save what a dry run checked, `cancelImport` (import-jobs.ts runs them all, as for HTTP).
 *
 * `undoImport(batch, reason)`: an administrator takes back a whole import — every record its rows wrote (the
 * audit trail's IMPORT entries under the import's request id, which the report gives as `batch`) deleted as a
 * bulk delete deletes them: soft, with the reason, within the administrator's reach, all or none, each delete
 * in the trail (and restorable). Records that others have come to point at since are refused by the delete rules.
 */
import { GraphQLBoolean, GraphQLInt, GraphQLString } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { ImportIssue, ImportJob, ImportMode, ImportReport } from '../../schema/shared/import-report.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { ident, sql } from '../sql/sql.js';

enum ImportModeValue {
  DRY_RUN = 'dry-run',
  ALL = 'all',
  VALID_ONLY = 'valid-only',
}
registerEnumType(ImportModeValue, { name: 'ImportMode', description: '预检（不保存）、全部通过才保存、只保存通过的行 / Check only; save only if every row passes; save the rows that pass' });

enum ImportJobStateValue {
  RUNNING = 'running',
  DONE = 'done',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(ImportJobStateValue, { name: 'ImportJobState' });

@ObjectType('ImportIssue', { description: '一行（或整个文件）的一个问题 / One problem of a row (or of the file)', simpleResolvers: true })
class ImportIssueType {
  @Field(() => Int, { nullable: true, description: '表格中的行号（含表头行）；整个文件的问题为空 / The spreadsheet row (header included); null for the file' })
  row!: number | null;

  @Field(() => GraphQLString, { nullable: true, description: '列标题 / The column header' })
  column!: string | null;

  @Field(() => GraphQLString, { description: '用请求的语言说明 / In the request’s language' })
  message!: string;

  @Field(() => GraphQLString)
  zh!: string;

  @Field(() => GraphQLString)
  en!: string;
}

@ObjectType('ImportColumnMapping', { simpleResolvers: true })
class ImportColumnMappingType {
  @Field(() => GraphQLString)
  header!: string;

  @Field(() => GraphQLString, { nullable: true, description: '对应的输入字段，未对应为空 / The input key it fills, null when none' })
  field!: string | null;
}

@ObjectType('ImportReport', { description: '导入的结果：计数与每个被拒绝的行 / What an import found or did: counts and every refused row', simpleResolvers: true })
class ImportReportType {
  @Field(() => GraphQLString)
  entity!: string;

  @Field(() => ImportModeValue)
  mode!: ImportMode;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => GraphQLBoolean)
  committed!: boolean;

  @Field(() => GraphQLString, { nullable: true, description: '可由管理员撤销的批次号（undoImport）/ The batch an administrator may undo (undoImport)' })
  batch!: string | null;

  @Field(() => [ImportColumnMappingType])
  mapping!: { header: string; field: string | null }[];

  @Field(() => [GraphQLString])
  unmatched!: string[];

  @Field(() => [ImportIssueType])
  issues!: ImportIssueType[];

  @Field(() => GraphQLBoolean)
  exampleSkipped!: boolean;
}

@ObjectType('ImportJob', { description: '后台运行的一次导入 / An import running in the background, or ended', simpleResolvers: true })
class ImportJobType {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLString)
  entity!: string;

  @Field(() => GraphQLString)
  filename!: string;

  @Field(() => ImportModeValue)
  mode!: ImportMode;

  @Field(() => GraphQLBoolean)
  upsert!: boolean;

  @Field(() => ID, { nullable: true, description: '据以提交的预检 / The dry run this commit imports' })
  source!: string | null;

  @Field(() => ImportJobStateValue)
  state!: string;

  @Field(() => Int, { description: '已读取的行 / Rows read' })
  read!: number;

  @Field(() => Int, { description: '已校验、写入（预检时为试写）的行 / Rows checked and written (tried, in a dry run)' })
  done!: number;

  @Field(() => Int, { nullable: true, description: '文件声明的行数 / The rows the file declares' })
  total!: number | null;

  @Field(() => ImportReportType, { nullable: true })
  report!: ImportReportType | null;

  @Field(() => GraphQLString, { nullable: true, description: '失败或取消的原因（请求的语言）/ Why it failed or was cancelled (in the request’s language)' })
  error!: string | null;

  @Field(() => GraphQLString)
  startedAt!: string;

  @Field(() => GraphQLString, { nullable: true })
  finishedAt!: string | null;

  @Field(() => GraphQLBoolean, { description: '文件仍保留（一天），可据此提交 / The file is still kept (a day): the dry run can be committed' })
  fileKept!: boolean;
}

/** A job as GraphQL answers it: messages in the request's language. */
function jobOf(job: ImportJob, language: 'zh' | 'en'): ImportJobType {
  const issue = (item: ImportIssue): ImportIssueType => ({ ...item, message: item[language] });
  const report = (item: ImportReport): ImportReportType => ({ ...item, issues: item.issues.map(issue) });
  return { ...job, report: job.report && report(job.report), error: job.error && job.error[language] };
}

@Resolver()
export class ImportResolver {
  @Query(() => ImportJobType, { description: '我的一次导入：进度，结束后的报告 / One of my imports: its progress, and its report once done' })
  async importJob(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ImportJobType> {
    return jobOf(await context.imports.get(context.access, id), context.language);
  }

  @Query(() => [ImportJobType], { description: '我最近的导入，最新的在前 / My latest imports, newest first' })
  async importJobs(
    @Arg('entity', () => GraphQLString, { nullable: true }) entity: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 10 }) limit: number,
    @Ctx() context: Context,
  ): Promise<ImportJobType[]> {
    return (await context.imports.list(context.access, entity, limit)).map((job) => jobOf(job, context.language));
  }

  @Mutation(() => ImportJobType, { description: '开始导入一个表格（.xlsx 或 .csv，base64），在后台运行 / Start importing a spreadsheet (.xlsx or .csv, as base64), in the background' })
  async startImport(
    @Arg('entity', () => GraphQLString) entity: string,
    @Arg('filename', () => GraphQLString) filename: string,
    @Arg('content', () => GraphQLString, { description: '文件内容，base64 / The file, base64-encoded' }) content: string,
    @Arg('mode', () => ImportModeValue, { defaultValue: ImportModeValue.DRY_RUN }) mode: ImportModeValue,
    @Arg('upsert', () => GraphQLBoolean, { defaultValue: false }) upsert: boolean,
    @Arg('mapping', () => GraphQLJSONObject, { nullable: true, description: '列的更正：{ 列标题: 输入字段 或 "" } / Column corrections: { header: input key or "" }' })
    mapping: Record<string, unknown> | null,
    @Ctx() context: Context,
  ): Promise<ImportJobType> {
    const model = context.imports.importable(context.access, entity);
    const file = Buffer.from(content, 'base64');
    const corrections = Object.fromEntries(Object.entries(mapping ?? {}).map(([header, key]) => [header, String(key ?? '')]));
    const { job } = await context.imports.start(context.access, { model, file, filename, mode, upsert, mapping: corrections });
    return jobOf(job, context.language);
  }

  @Mutation(() => ImportJobType, { description: '保存一次预检检查过的文件（不必重新上传）/ Save what a dry run checked (without sending the file again)' })
  async commitImport(@Arg('job', () => ID) job: string, @Arg('mode', () => ImportModeValue) mode: ImportModeValue, @Ctx() context: Context): Promise<ImportJobType> {
    if (mode === ImportModeValue.DRY_RUN) throw new AppError('BAD_USER_INPUT', { zh: '提交方式应为 ALL 或 VALID_ONLY', en: 'The mode is ALL or VALID_ONLY' }, { field: 'mode' });
    const started = await context.imports.commit(context.access, job, mode);
    return jobOf(started.job, context.language);
  }

  @Mutation(() => ImportJobType, { description: '取消正在运行的导入，不保存任何记录 / Cancel a running import; nothing is saved' })
  async cancelImport(@Arg('job', () => ID) job: string, @Ctx() context: Context): Promise<ImportJobType> {
    return jobOf(await context.imports.cancel(context.access, job), context.language);
  }

  @Mutation(() => GraphQLInt, { description: '撤销一次导入：删除该批导入写入的全部记录（可恢复），仅限管理员 / Undo an import: delete (restorably) every record it wrote; administrators only' })
  async undoImport(
    @Arg('batch', () => GraphQLString, { description: '导入报告中的批次号 / The batch id the import report gave' }) batch: string,
    @Arg('reason', () => GraphQLString, { nullable: true }) reason: string | null,
    @Ctx() context: Context,
  ): Promise<number> {
    context.access.requireCapability('undoImports');
    const written = await context.readPool.rows<{ entity: string; id: string }>(
      sql`select distinct a.entity, a.record_id as id from audit_entry a where a.operation = 'IMPORT' and a.request_id = ${batch}`,
    );
    const model = written[0] && context.imports.modelNamed(written[0].entity);
    if (!model || written.some((entry) => entry.entity !== model.name)) {
      throw new AppError('BAD_USER_INPUT', { zh: '没有这一批导入的记录', en: 'No records were imported in that batch' }, { field: 'batch' });
    }
    const live = await context.readPool.rows<{ id: string; version: number }>(
      sql`select t."id"::text as id, t."version" from ${ident(model.table)} t where t."id" = any(${written.map((entry) => entry.id)}::bigint[]) and t."deleted_at" is null order by t."id"`,
    );
    if (live.length === 0) return 0;
    await context.writer.delete(model, live, reason ?? (context.language === 'en' ? `Import ${batch} undone` : `撤销导入（批次 ${batch}）`));
    return live.length;
  }
}
