/** Lookups over the model registry that the generated API needs: targets, stored fields, columns, titles. */
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { and, ident, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { inflection } from '../../schema/shared/inflection.js';

export function targetOf(field: FieldMeta): ModelMeta {
  if (!field.target) throw new Error(`${field.name} is not a relation`);
  return modelOf(field.target());
}

/** Fields with a column of their own (everything but to-many lists). */
export function storedFields(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind !== 'referenceList');
}

/** A model's natural keys: its unique text fields (a region's code, a person's ID number), by which an import finds a record. */
export function naturalKeys(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.unique && field.kind === 'text');
}

export function relationLists(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind === 'referenceList');
}

export function references(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind === 'reference');
}

/** The key a row carries for a reference: `person` → `personId`. */
export function referenceKey(field: FieldMeta): string {
  return inflection.referenceInput(field.name);
}

/** The field a to-many list joins on: the join entity's reference pointing back. */
export function backReference(list: FieldMeta): { child: ModelMeta; field: FieldMeta } {
  const child = targetOf(list);
  const field = child.fields.find((candidate) => candidate.name === list.mappedBy);
  if (!field?.column) throw new Error(`${child.name}.${list.mappedBy} is not a reference`);
  return { child, field };
}

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
