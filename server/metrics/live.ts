/**
 * Which rows a metric counts: rows not deleted whose required parents are not deleted either (issue 17: a
 * seat whose person was deleted, or a membership of a deleted group, counts nowhere). The delete rules keep
 * such orphans from arising through the API; this keeps the figures right whatever wrote the data. Regions
 * are left out: the facts roll up only through live regions, and a region with live records is not deleted.
 */
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { references, targetOf } from '../../schema/model/relations.js';

function modelOfTable(table: string): ModelMeta {
  const model = servedEntities.map((entity) => modelOf(entity)).find((candidate) => candidate.table === table);
  if (!model) throw new Error(`no model is stored in "${table}"`);
  return model;
}

/** The required references of a table's rows whose targets can be deleted on their own (not regions). */
function requiredParents(table: string): FieldMeta[] {
  return references(modelOfTable(table)).filter((field) => field.required && targetOf(field).table !== 'region');
}

/** The tables whose deletions take a row of `table` out of the figures. */
export function parentTables(table: string): string[] {
  return requiredParents(table).map((field) => targetOf(field).table);
}

/**
 * `alias` (a row of `table`) counts: SQL text, for the catalog's parts. Parents whose tables the part checks
 * live itself (`checkedElsewhere`: it joins them, live) are not checked again.
 */
export function liveRow(table: string, alias: string, checkedElsewhere: readonly string[] = []): string {
  const parents = requiredParents(table)
    .filter((field) => !checkedElsewhere.includes(targetOf(field).table))
    .map((field) => `exists (select 1 from ${targetOf(field).table} lp where lp.id = ${alias}.${field.column} and lp.deleted_at is null)`);
  return [`${alias}.deleted_at is null`, ...parents].join(' and ');
}
