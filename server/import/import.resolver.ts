/**
 * `undoImport(batch, reason)`: an administrator takes back a whole import — every record its rows wrote (the
 * audit trail's IMPORT entries under the import's request id, which the report gives as `batch`) deleted as a
 * bulk delete deletes them: soft, with the reason, within the administrator's reach, all or none, each delete
 * in the trail (and restorable). Records that others have come to point at since are refused by the delete rules.
 */
import { GraphQLInt, GraphQLString } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { ident, sql } from '../sql/sql.js';
import { importableModels } from './columns.js';

@Resolver()
export class ImportResolver {
  private readonly models = new Map<string, ModelMeta>(importableModels().map((model) => [model.name, model]));

  @Mutation(() => GraphQLInt, { description: '撤销一次导入：删除该批导入写入的全部记录（可恢复），仅限管理员 / Undo an import: delete (restorably) every record it wrote; administrators only' })
  async undoImport(
    @Arg('batch', () => GraphQLString, { description: '导入报告中的批次号 / The batch id the import report gave' }) batch: string,
    @Arg('reason', () => GraphQLString, { nullable: true }) reason: string | null,
    @Ctx() context: Context,
  ): Promise<number> {
    if (context.access.actor.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', { zh: '只有管理员可以撤销导入', en: 'Only administrators may undo an import' });
    }
    const written = await context.readPool.rows<{ entity: string; id: string }>(
      sql`select distinct a.entity, a.record_id as id from audit_entry a where a.operation = 'IMPORT' and a.request_id = ${batch}`,
    );
    const model = written[0] && this.models.get(written[0].entity);
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
