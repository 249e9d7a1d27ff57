/**
 * Full indexes on every column a region path steps along (server/access/region-scope.ts), derived from the models'
 * `regionPaths` at migrate time like the other derived indexes (derived-indexes.ts). The walk ignores soft deletion on
 * purpose (a record's place does not change when it is deleted), so the partial list indexes (`where deleted_at is
 * null`) cannot serve it:
 * - a to-many step's back reference (a person belongs to a county through `seats.region`: `deputy.person_id`), for
 *   the walk from a row (without it, a county clerk's statistics over persons scanned every deputy and appointment
 *   once per person, past the statement limit on the demo data);
 * - a reference step's column (`deputy.region_id`) and the region's code, for the walk from the region's side
 *   (inRegionIdsSql: the rows in a clerk's reach, which a search reads; without them, every deputy of the country
 *   read for one county's);
 * - the GIN index of a model's region prefixes.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { endOf, stepsAlong } from '../../schema/model/relations.js';
import { derivedIndex, type DerivedIndex } from './derived-indexes.js';

type Step = { table: string; column: string };

/**
 * The (table, column) each step along `path` from `model` reads by, ending with the region's code: a reference's own
 * column (`deputy.region_id`), a list's back reference (`deputy.person_id`).
 */
function pathColumns(model: ModelMeta, path: string): Step[] {
  const steps = stepsAlong(model, path);
  const columns = steps.map((step) => (step.kind === 'reference' ? { table: step.from.table, column: step.fromColumn } : { table: step.to.table, column: step.toColumn }));
  return [...columns, { table: endOf(model, steps).table, column: 'code' }];
}

/** The indexes `model`'s region paths need, on the tables they step through. */
export function scopeIndexes(model: ModelMeta): DerivedIndex[] {
  const steps = model.regionPaths.flatMap((path) => pathColumns(model, path));
  const unique = new Map(steps.map((step) => [`${step.table}.${step.column}`, step]));
  const columns = [...unique.values()].map(({ table, column }) => derivedIndex(table, 'scope', `("${column}")`));
  // The region prefixes (region-prefixes.ts), which a region's rows are found by.
  return model.regionPrefixesColumn ? [...columns, derivedIndex(model.table, 'scope', `using gin ("${model.regionPrefixesColumn}")`)] : columns;
}
