/**
 * The SQL condition "this record concerns the organisation `id`", built from the model's `organisationPaths`
 * (schema/model/registry.ts): each path walks references (`organisation`) and to-many lists
 * (`handlings.organisation`) to an organisation's id. What a handling unit's staff may read, and nothing else:
 * a deleted handling no longer gives its unit the suggestion.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { ident, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { stepsAlong, type PathStep } from '../../schema/model/relations.js';

/** The walk along `steps`, whose last is a reference to the organisation (checked by the caller). */
function walk(alias: string, steps: PathStep[], organisationId: string): Sql {
  const [step, ...rest] = steps;
  // The last step names the organisation itself: its id is the reference's column.
  if (rest.length === 0) return sql`${ident(alias, step.fromColumn)} = ${organisationId}`;
  const inner = tableAlias('o');
  return sql`exists (select 1 from ${ident(step.to.table)} ${raw(inner)} where ${ident(inner, step.toColumn)} = ${ident(alias, step.fromColumn)} and ${ident(inner, 'deleted_at')} is null and ${walk(inner, rest, organisationId)})`;
}

/** Rows of `model` under `alias` that concern the organisation `organisationId`; `false` for a model with no organisation paths. */
export function ofOrganisationSql(model: ModelMeta, alias: string, organisationId: string): Sql {
  if (model.organisationPaths.length === 0) return raw('false');
  return or(
    model.organisationPaths.map((path) => {
      const steps = stepsAlong(model, path);
      if (steps.at(-1)?.kind !== 'reference') throw new Error(`${model.name}.organisationPaths: ${path} does not end at a reference to an organisation`);
      return walk(alias, steps, organisationId);
    }),
  );
}
