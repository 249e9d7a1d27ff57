/**
 * `deletionEffects`: what deleting records would do, before the user confirms (server/api/deletion.ts) —
 * which relations refuse it, what it deletes with them and which references it clears, with counts.
 */
import { GraphQLID, GraphQLString } from 'graphql';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { and, idArray, ident, sql } from '../sql/sql.js';
import { deletionEffects } from './deletion.js';
import { checkId } from './filter.builder.js';
import { notFound } from './writer.js';

/** As many records as one bulk delete of a list page may name. */
const maxIds = 1000;

@ObjectType('DeletionEffect', { description: '删除的连带影响 / What a delete does to records pointing at the deleted ones', simpleResolvers: true })
class DeletionEffectType {
  @Field(() => String, { description: '指向被删记录的实体 / The entity whose records point at the deleted ones' }) entity!: string;
  @Field(() => String, { description: '指向它的关联字段 / Their reference to it' }) field!: string;
  @Field(() => String, { description: 'REFUSE（不能删除）、CASCADE（一并删除）、CLEAR（清空关联）/ REFUSE, CASCADE or CLEAR' }) rule!: string;
  @Field(() => Int, { description: '受影响的记录数 / How many records' }) count!: number;
  @Field(() => Int, { description: '0：直接指向被删记录；1 起：经由一并删除的记录 / 0: pointing at the deleted records; 1 and more: through cascaded ones' }) depth!: number;
}

export function deletionResolver(models: readonly ModelMeta[]): Function {
  const byName = new Map(models.map((model) => [model.name, model]));

  @Resolver()
  class DeletionResolver {
    @Query(() => [DeletionEffectType], {
      description: '删除这些记录会怎样：被拒绝、一并删除或清空关联的记录数 / What deleting these records would refuse on, take with them and clear',
    })
    async deletionEffects(@Ctx() context: Context, @Arg('entity', () => GraphQLString) entity: string, @Arg('ids', () => [GraphQLID]) ids: string[]): Promise<DeletionEffectType[]> {
      const model = byName.get(entity);
      if (!model) throw new AppError('BAD_USER_INPUT', { zh: `没有名为 ${entity} 的实体`, en: `There is no entity named ${entity}` }, { field: 'entity' });
      context.access.require(model, 'delete');
      if (ids.length === 0 || ids.length > maxIds) {
        throw new AppError('BAD_USER_INPUT', { zh: `请给出 1 至 ${maxIds} 条记录`, en: `Name between 1 and ${maxIds} records` }, { field: 'ids' });
      }
      const checked = ids.map((id, index) => checkId(id, `ids.${index}`));
      // As the delete itself answers: a record the user may not read is a missing one (the same words as
      // everywhere), one they read but may not write is refused — so nobody counts what points at records
      // they could not delete (a region of another county: its people, to the unit).
      const reach = await context.readPool.rows<{ id: string; writable: boolean }>(
        sql`select t."id"::text as id, ${context.access.writeScope(model, 't')} as writable from ${ident(model.table)} t
          where ${and([sql`t."id" = any(${idArray(checked)})`, context.access.readScope(model, 't')])}`,
      );
      const found = new Map(reach.map((row) => [row.id, row.writable]));
      const missing = checked.find((id) => !found.has(id));
      if (missing) throw notFound(model, missing, `ids.${checked.indexOf(missing)}`);
      const unwritable = checked.find((id) => !found.get(id));
      if (unwritable) throw context.writer.writeRefusal(model, `ids.${checked.indexOf(unwritable)}`);
      const effects = await deletionEffects((statement) => context.readPool.rows(statement), models, model, checked);
      // One line per relation and depth, however many records it passes through.
      const lines = new Map<string, DeletionEffectType>();
      for (const effect of effects) {
        const key = `${effect.dependent.model.name}.${effect.dependent.field.name}.${effect.depth}`;
        const line = lines.get(key) ?? { entity: effect.dependent.model.name, field: effect.dependent.field.name, rule: effect.dependent.rule, count: 0, depth: effect.depth };
        line.count += effect.ids.length;
        lines.set(key, line);
      }
      return [...lines.values()];
    }
  }
  return DeletionResolver;
}
