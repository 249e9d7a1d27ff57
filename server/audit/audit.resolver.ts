/**
 * The audit trail through GraphQL: `auditEntries` (the log, administrators: a scoped one sees what the users
 * of their region did), `recordHistory` (one record's entries, for whoever may read the record, personal
 * identifiers masked as the user reads them) and `revertRecord` (administrators: the record back to its state
 * after an entry, itself recorded as a REVERT). Who may read the log and revert is the capability table's
 * (server/access/policy.ts).
 */
import { auditOperations, creatingOperations } from '../../schema/shared/audit-operations.js';
import { GraphQLID, GraphQLInt, GraphQLString } from 'graphql';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ModelMeta } from '../../schema/model/registry.js';
import { DateTimeScalar, JSONScalar } from '../../schema/model/scalars.js';
import { subtreeSql } from '../access/region-scope.js';
import { checkId } from '../api/filter.builder.js';
import { paging } from '../api/page-args.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { and, ident, raw, sql, type Sql } from '../sql/sql.js';
import { maskChanges, revertInput, shownChanges, stateAfter, type Changes } from './history.js';
import { recordPersonalInEntries } from './personal-reads.js';
import { notFound } from '../api/writer.js';

@ObjectType('AuditEntry', { description: '审计记录：谁在何时对哪条记录做了什么 / Who did what to which record, when', simpleResolvers: true })
class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => ID, { nullable: true, description: '用户编号；系统操作为空 / The user; null for system work (seeds, loads)' }) actorId!: string | null;
  @Field(() => String, { description: '用户名或 system:… / Username, or system:… for seeds and loads' }) actorName!: string;
  @Field(() => String, { nullable: true }) actorRole!: string | null;
  @Field(() => String, { nullable: true, description: '请求编号 / The request that wrote it' }) requestId!: string | null;
  @Field(() => String, { description: '实体名 / Entity name' }) entity!: string;
  @Field(() => String, { nullable: true }) recordId!: string | null;
  @Field(() => String, { description: auditOperations.join(', ') }) operation!: string;
  @Field(() => JSONScalar, { description: '各字段的修改前后值 / Each changed field: { before, after }' }) changes!: Changes;
  @Field(() => String, { description: '本条的哈希（链接上一条）/ This entry’s hash, chained to the one before' }) hash!: string;
}

@ObjectType('AuditEntryList', { simpleResolvers: true })
class AuditEntryList {
  @Field(() => [AuditEntry]) nodes!: AuditEntry[];
  @Field(() => Int) totalCount!: number;
}

@InputType('AuditFilter', { description: '审计日志筛选 / Filters of the audit log' })
class AuditFilter {
  @Field(() => String, { nullable: true }) entity?: string | null;
  @Field(() => ID, { nullable: true }) recordId?: string | null;
  @Field(() => String, { nullable: true, description: '用户名 / Username' }) actorName?: string | null;
  @Field(() => String, { nullable: true }) operation?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '起（含）/ From (inclusive)' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '止（不含）/ To (exclusive)' }) to?: Date | null;
}

@ObjectType('RevertResult', { simpleResolvers: true })
class RevertResult {
  @Field(() => String) entity!: string;
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '还原后的版本 / The record’s version after the revert' }) version!: number;
}

const columns = raw(`a.id::text as id, a.at, a.actor_id::text as "actorId", a.actor_name as "actorName", a.actor_role as "actorRole",
  a.request_id as "requestId", a.entity, a.record_id as "recordId", a.operation, a.changes, a.hash`);

function entryConditions(where: AuditFilter | null | undefined): Sql[] {
  const conditions: Sql[] = [];
  if (where?.entity) conditions.push(sql`a.entity = ${where.entity}`);
  if (where?.recordId) conditions.push(sql`a.record_id = ${checkId(where.recordId, 'where.recordId')}`);
  if (where?.actorName) conditions.push(sql`a.actor_name = ${where.actorName}`);
  if (where?.operation) conditions.push(sql`a.operation = ${where.operation}`);
  if (where?.from) conditions.push(sql`a.at >= ${where.from}`);
  if (where?.to) conditions.push(sql`a.at < ${where.to}`);
  return conditions;
}

/**
 * The audit log's entries the user reads: all for a whole reach over it (a super administrator's); else, a region
 * reach (policy.ts `capabilityTable.readAuditLog`), what the users of their region did.
 */
function actorBound(context: Context): Sql {
  if (context.access.coversWhole('readAuditLog')) return raw('');
  const { regionCode } = context.access.actor;
  if (regionCode === null) return raw('false');
  return sql`a.actor_id in (select u.id from app_user u join region r on r.id = u.region_id where ${subtreeSql('r', regionCode)})`;
}

/** A record the user may not read is, to them, a record that does not exist (the same answer, word for word). */
async function requireReadable(context: Context, model: ModelMeta, id: string): Promise<void> {
  const statement = sql`select 1 from ${ident(model.table)} t where ${and([sql`t."id" = ${checkId(id, 'id')}`, context.access.readScope(model, 't')])}`;
  const [readable] = await context.readPool.rows(statement);
  if (!readable) throw notFound(model, id, 'id');
}

export function auditResolver(models: readonly ModelMeta[]): Function {
  const byName = new Map(models.map((model) => [model.name, model]));
  const modelNamed = (name: string): ModelMeta => {
    const model = byName.get(name);
    if (!model) throw new AppError('BAD_USER_INPUT', { zh: `没有名为 ${name} 的实体`, en: `There is no entity named ${name}` }, { field: 'entity' });
    return model;
  };

  @Resolver()
  class AuditResolver {
    @Query(() => AuditEntryList, { description: '审计日志（管理员）/ The audit log (administrators), newest first' })
    async auditEntries(
      @Ctx() context: Context,
      @Arg('where', () => AuditFilter, { nullable: true }) where?: AuditFilter | null,
      @Arg('offset', () => Int, { nullable: true, defaultValue: 0 }) offset?: number,
      @Arg('limit', () => Int, { nullable: true, defaultValue: 25 }) limit?: number,
    ): Promise<AuditEntryList> {
      context.access.requireCapability('readAuditLog');
      const page = paging({ offset, limit });
      const condition = and([...entryConditions(where), actorBound(context)]);
      const [{ result }] = await context.readPool.rows<{ result: AuditEntryList }>(sql`select json_build_object(
        'nodes', coalesce((select json_agg(e) from (select ${columns} from audit_entry a where ${condition} order by a.id desc limit ${page.limit} offset ${page.offset}) e), '[]'::json),
        'totalCount', (select count(*)::int from audit_entry a where ${condition})) as result`);
      // The log is an overview: personal identifiers in it are masked for everyone (a record's history shows
      // them as its reader reads them, and records that read), so reading the log reveals and records nothing.
      const masked = (entry: AuditEntry) => {
        const model = byName.get(entry.entity);
        return model ? { ...entry, changes: maskChanges(model, shownChanges(model, entry.changes)) } : entry;
      };
      return { ...result, nodes: result.nodes.map(masked) };
    }

    @Query(() => [AuditEntry], { description: '一条记录的修改历史，按时间先后 / One record’s history, oldest first' })
    async recordHistory(@Ctx() context: Context, @Arg('entity', () => GraphQLString) entity: string, @Arg('id', () => GraphQLID) id: string): Promise<AuditEntry[]> {
      const model = modelNamed(entity);
      context.access.require(model, 'read');
      await requireReadable(context, model, id);
      // Sign-ins are the sign-in log's (the audit log, operation SIGN_IN), not changes to the account.
      const entries = await context.readPool.rows<AuditEntry>(
        sql`select ${columns} from audit_entry a where a.entity = ${model.name} and a.record_id = ${id} and a.operation <> 'SIGN_IN' order by a.id`,
      );
      const shown = entries.map((entry) => ({ ...entry, changes: shownChanges(model, entry.changes) }));
      if (context.access.masks) return shown.map((entry) => ({ ...entry, changes: maskChanges(model, entry.changes) }));
      await recordPersonalInEntries(context.readPool, context.access.actor, context.requestId, shown, (name) => byName.get(name));
      return shown;
    }

    @Mutation(() => RevertResult, { description: '把记录还原为某条审计记录之后的状态（管理员）/ Brings a record back to its state after an entry (administrators)' })
    async revertRecord(
      @Ctx() context: Context,
      @Arg('entity', () => GraphQLString) entity: string,
      @Arg('id', () => GraphQLID) id: string,
      @Arg('version', () => GraphQLInt) version: number,
      @Arg('entryId', () => GraphQLID, { description: '还原到此条之后的状态 / The entry whose resulting state to return to' }) entryId: string,
    ): Promise<RevertResult> {
      context.access.requireCapability('revertRecords');
      const model = modelNamed(entity);
      context.access.require(model, 'update');
      // A record outside the administrator's reach answers as a missing one, before its trail is looked at.
      await requireReadable(context, model, id);
      const entries = await context.readPool.rows<{ id: string; operation: string; changes: Changes }>(
        sql`select a.id::text as id, a.operation, a.changes from audit_entry a where a.entity = ${model.name} and a.record_id = ${checkId(id, 'id')} and a.id <= ${checkId(entryId, 'entryId')} order by a.id`,
      );
      if (entries.at(-1)?.id !== entryId) {
        throw new AppError('BAD_USER_INPUT', { zh: '该审计记录不属于这条记录', en: 'That audit entry is not about this record' }, { field: 'entryId' });
      }
      // A record that came in by a bulk load has no CREATE (or IMPORT) entry: its earlier state is not in the trail.
      if (!creatingOperations.has(entries[0].operation)) {
        throw new AppError(
          'BAD_USER_INPUT',
          { zh: '这条记录是批量导入的，审计记录中没有它的完整历史，不能还原', en: 'This record came in by a bulk load: the trail does not hold its whole history, so it cannot be reverted' },
          { field: 'entryId' },
        );
      }
      await context.writer.update(model, { id, version }, revertInput(model, stateAfter(entries)), { operation: 'REVERT' });
      const [row] = await context.readPool.rows<{ version: number }>(sql`select version from ${ident(model.table)} where id = ${id}`);
      return { entity: model.name, id, version: row.version };
    }
  }
  return AuditResolver;
}
