/**
 * What deleting a record does to the records that point at it, as each reference declares (`onDelete` in
 * schema/model/fields.ts): refused while a live record points at it, cascaded (they are soft-deleted with
 * it, and restored with it), or cleared. Enforced by the writer in the delete's own transaction; published
 * through `deletionEffects`, so the console says what will happen before the user confirms.
 *
 * A cascade marks what it deleted with the deleting record's own time of deletion (`deleted_at`, the same
 * instant to the microsecond): a restore brings back exactly those, not records deleted on their own before.
 */
import type { DeleteRule, FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { AppError } from '../graphql/errors.js';
import { and, idArray, ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { references, targetOf } from '../../schema/model/relations.js';

/** A relation pointing at a model: the model holding the reference, the reference, and its rule. */
export type Dependent = { model: ModelMeta; field: FieldMeta; rule: DeleteRule };

/** Runs a statement in the writing transaction (or the reading connection, for a preview) and returns its rows. */
export type RunStatement = <T>(statement: Sql) => Promise<T[]>;

/** One relation's share of a delete: which records of `dependent.model` it reaches, pointing at which `parents`. */
export type DeletionEffect = { dependent: Dependent; parent: ModelMeta; parentIds: string[]; ids: string[]; depth: number };

/** Cascades deeper than this are a modelling error, not data (no declared cascade forms a cycle). */
const maxDepth = 8;

/**
 * Every reference of the server's models (`models`: schema/'s entities, and a fixture when a test serves one) that
 * points at `model`, with the rule it declares. The server's, not every model the process has registered: a process
 * may hold a fixture another server of it serves, whose table this server's database does not have.
 */
export function dependentsOf(model: ModelMeta, models: readonly ModelMeta[]): Dependent[] {
  return models.flatMap((candidate) =>
    references(candidate)
      .filter((field) => targetOf(field) === model)
      .map((field) => ({ model: candidate, field, rule: field.onDelete ?? 'REFUSE' })),
  );
}

/**
 * The live records a delete of `ids` reaches, relation by relation, following cascades down: what it
 * would refuse on, delete with them and clear. Counts every record, whoever may read it: a delete is
 * refused for a seat the user cannot see as surely as for one they can.
 */
export async function deletionEffects(run: RunStatement, models: readonly ModelMeta[], model: ModelMeta, ids: readonly string[], depth = 0): Promise<DeletionEffect[]> {
  if (depth > maxDepth) throw new Error(`deleting ${model.name} cascades deeper than ${maxDepth} levels`);
  const effects: DeletionEffect[] = [];
  for (const dependent of dependentsOf(model, models)) {
    const { model: child, field } = dependent;
    const rows = await run<{ id: string }>(
      sql`select c."id"::text as id from ${ident(child.table)} c where c.${ident(field.column!)} = any(${idArray(ids)}) and c."deleted_at" is null order by c."id"`,
    );
    if (rows.length === 0) continue;
    const reached = rows.map((row) => row.id);
    effects.push({ dependent, parent: model, parentIds: [...ids], ids: reached, depth });
    if (dependent.rule === 'CASCADE') effects.push(...(await deletionEffects(run, models, child, reached, depth + 1)));
  }
  return effects;
}

/** The refusal of a delete that live records still point at, naming them and how many. */
export function referencedRefusal(effect: DeletionEffect, path: string): AppError {
  const { dependent, parent, parentIds, ids } = effect;
  const one = parentIds.length === 1 ? parentIds[0] : null;
  const holderZh = effect.depth > 0 ? `连带删除的${parent.labelZh}记录` : one ? `${parent.labelZh}（编号 ${one}）` : `所选的${parent.labelZh}记录`;
  const holderEn =
    effect.depth > 0 ? `A ${parent.labelEn.toLowerCase()} record the delete would take with it` : one ? `${parent.labelEn} ${one}` : `The selected ${parent.labelEn.toLowerCase()} records`;
  return new AppError(
    'BAD_USER_INPUT',
    {
      zh: `${holderZh}仍有 ${ids.length} 条${dependent.model.labelZh}记录（${dependent.field.labelZh}）指向它，不能删除；请先删除或修改这些记录`,
      en: `${holderEn} still has ${ids.length} ${dependent.model.labelEn.toLowerCase()} record${ids.length === 1 ? '' : 's'} pointing at it (${dependent.field.labelEn}); delete or change them first`,
    },
    { field: path, referencedBy: { entity: dependent.model.name, field: dependent.field.name, count: ids.length } },
  );
}

/**
 * Applies the rules to a delete of `ids` (already marked deleted at `at`, so records deleted together do
 * not hold each other back): refuses if any live record still points where it may not, else deletes the
 * cascades (at the same instant, with the same reason) and clears the cleared references.
 */
export async function applyDeleteRules(run: RunStatement, models: readonly ModelMeta[], model: ModelMeta, ids: readonly string[], at: Date, reason: string | null, path: string): Promise<void> {
  const effects = await deletionEffects(run, models, model, ids);
  const refused = effects.find((effect) => effect.dependent.rule === 'REFUSE');
  if (refused) throw referencedRefusal(refused, path);
  for (const { dependent, ids: reached } of effects) {
    const { model: child, field, rule } = dependent;
    const change = rule === 'CASCADE' ? sql`"deleted_at" = ${at}, "deleted_reason" = ${reason}` : sql`${ident(field.column!)} = null`;
    await run(sql`update ${ident(child.table)} set ${change}, "version" = "version" + 1, "updated_at" = now() where "id" = any(${idArray(reached)})`);
  }
}

/** Every reference of `model` but `except` is empty or names a live record: a cascaded record restored only then. */
function parentsLive(model: ModelMeta, alias: string, except: FieldMeta): Sql {
  return and(
    references(model)
      .filter((field) => field !== except)
      .map((field) => {
        const column = sql`${raw(alias)}.${ident(field.column!)}`;
        return sql`(${column} is null or exists (select 1 from ${ident(targetOf(field).table)} p where p."id" = ${column} and p."deleted_at" is null))`;
      }),
  );
}

/**
 * Brings back what the delete of `ids` at `at` cascaded to, all the way down — only records whose other
 * references are live again (a membership comes back with its seat only if its group is not deleted).
 */
export async function restoreCascaded(run: RunStatement, models: readonly ModelMeta[], model: ModelMeta, ids: readonly string[], at: Date, depth = 0): Promise<void> {
  if (depth > maxDepth) throw new Error(`restoring ${model.name} cascades deeper than ${maxDepth} levels`);
  for (const dependent of dependentsOf(model, models).filter((candidate) => candidate.rule === 'CASCADE')) {
    const { model: child, field } = dependent;
    const rows = await run<{ id: string }>(
      sql`update ${ident(child.table)} c set "deleted_at" = null, "deleted_reason" = null, "version" = c."version" + 1, "updated_at" = now()
        where ${join([sql`c.${ident(field.column!)} = any(${idArray(ids)})`, sql`c."deleted_at" = ${at}`, parentsLive(child, 'c', field)], ' and ')}
        returning c."id"::text as id`,
    );
    if (rows.length)
      await restoreCascaded(
        run,
        models,
        child,
        rows.map((row) => row.id),
        at,
        depth + 1,
      );
  }
}

/** A record restored while a record it points to is still deleted would point at nothing: refused, naming it. */
export async function checkParentsLive(run: RunStatement, model: ModelMeta, id: string, path: string): Promise<void> {
  for (const field of references(model)) {
    const target = targetOf(field);
    const [found] = await run<{ id: string }>(
      sql`select p."id"::text as id from ${ident(model.table)} c join ${ident(target.table)} p on p."id" = c.${ident(field.column!)}
        where c."id" = ${id} and p."deleted_at" is not null`,
    );
    if (found) {
      throw new AppError(
        'BAD_USER_INPUT',
        {
          zh: `它的${field.labelZh}（${target.labelZh}，编号 ${found.id}）已被删除，请先恢复那条记录`,
          en: `Its ${field.labelEn.toLowerCase()} (${target.labelEn} ${found.id}) is deleted; restore that record first`,
        },
        { field: path },
      );
    }
  }
}
