/**
 * The SQL condition "this record concerns the organisation `id`", built from the model's `organisationPaths`
 * (schema/model/registry.ts): each path walks references (`organisation`) and to-many lists
 * (`handlings.organisation`) to an organisation's id. What a handling unit's staff may read, and nothing else:
 * a deleted handling no longer gives its unit the suggestion.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { ident, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { backReference, targetOf } from '../../schema/model/relations.js';
import { column } from '../api/model-sql.js';

function walk(model: ModelMeta, alias: string, steps: string[], organisationId: string): Sql {
  const [name, ...rest] = steps;
  const field = model.fields.find((candidate) => candidate.name === name);
  const inner = tableAlias('o');
  if (field?.kind === 'reference') {
    // The last step names the organisation itself: its id is the reference's column.
    if (rest.length === 0) return sql`${column(alias, field)} = ${organisationId}`;
    const target = targetOf(field);
    return sql`exists (select 1 from ${ident(target.table)} ${raw(inner)} where ${ident(inner, 'id')} = ${column(alias, field)} and ${ident(inner, 'deleted_at')} is null and ${walk(target, inner, rest, organisationId)})`;
  }
  if (field?.kind === 'referenceList' && rest.length > 0) {
    const { child, field: back } = backReference(field);
    return sql`exists (select 1 from ${ident(child.table)} ${raw(inner)} where ${column(inner, back)} = ${ident(alias, 'id')} and ${ident(inner, 'deleted_at')} is null and ${walk(child, inner, rest, organisationId)})`;
  }
  throw new Error(`${model.name}.organisationPaths: ${steps.join('.')} does not end at a reference to an organisation`);
}

/** Rows of `model` under `alias` that concern the organisation `organisationId`; `false` for a model with no organisation paths. */
export function ofOrganisationSql(model: ModelMeta, alias: string, organisationId: string): Sql {
  if (model.organisationPaths.length === 0) return raw('false');
  return or(model.organisationPaths.map((path) => walk(model, alias, path.split('.'), organisationId)));
}
