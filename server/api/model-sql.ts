/** A model's fields as SQL: columns under an alias, every stored column under its API name, a record's title. */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { referenceKey, storedFields, targetOf } from '../../schema/model/relations.js';
import { and, ident, raw, sql, tableAlias, type Sql } from '../sql/sql.js';

const selectLists = new WeakMap<ModelMeta, string>();

/** `t."code" as "code", t."parent_id" as "parentId", …`: every stored column under its API name. */
export function selectColumns(model: ModelMeta, alias: string): Sql {
  let text = selectLists.get(model);
  if (!text) {
    text = storedFields(model)
      .map((field) => `%A."${field.column}" as "${field.kind === 'reference' ? referenceKey(field) : field.name}"`)
      .join(', ');
    selectLists.set(model, text);
  }
  return raw(text.replaceAll('%A', alias));
}

export function column(alias: string, field: FieldMeta): Sql {
  return ident(alias, field.column!);
}

/**
 * SQL for a record's title: its title field, or the title of the record a title reference points to;
 * `scope` bounds every record the title passes through (a title names only records the user may read).
 */
export function titleExpression(model: ModelMeta, alias: string, scope: (model: ModelMeta, alias: string) => Sql, depth = 0): Sql {
  const field = model.fields.find((candidate) => candidate.name === model.titleField);
  if (!field) return sql`${ident(alias, 'id')}::text`;
  if (field.kind !== 'reference') return column(alias, field);
  if (depth > 2) return sql`${column(alias, field)}::text`;
  const target = targetOf(field);
  const inner = tableAlias('tt');
  return sql`(select ${titleExpression(target, inner, scope, depth + 1)} from ${ident(target.table)} ${raw(inner)} where ${and([sql`${ident(inner, 'id')} = ${column(alias, field)}`, scope(target, inner)])})`;
}
