/**
 * A full index on every column a region path's to-many step correlates on (server/access/region-scope.ts: a
 * person belongs to a county through `seats.region`, i.e. `deputy.person_id = person.id`), derived from the models'
 * `regionPaths` at migrate time like the other derived indexes (derived-indexes.ts). The walk ignores soft
 * deletion on purpose (a record's place does not change when it is deleted), so the partial list indexes
 * (`where deleted_at is null`) cannot serve it; without one, a county clerk's statistics over persons scanned every
 * deputy and appointment once per person (past the statement limit on the demo data).
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { backReference, targetOf } from '../../schema/model/relations.js';
import { derivedIndex, type DerivedIndex } from './derived-indexes.js';

/** The (child table, back-reference column) of each to-many step along `path` from `model`. */
function listSteps(model: ModelMeta, path: string): { table: string; column: string }[] {
  const steps: { table: string; column: string }[] = [];
  let current = model;
  for (const name of path === '' ? [] : path.split('.')) {
    const field = current.fields.find((candidate) => candidate.name === name);
    if (field?.kind === 'reference') current = targetOf(field);
    else if (field?.kind === 'referenceList') {
      const { child, field: back } = backReference(field);
      steps.push({ table: child.table, column: back.column! });
      current = child;
    } else break; // region-scope.ts refuses such a path where it is used
  }
  return steps;
}

/** The indexes `model`'s region paths need, on the tables its to-many steps reach. */
export function scopeIndexes(model: ModelMeta): DerivedIndex[] {
  const steps = model.regionPaths.flatMap((path) => listSteps(model, path));
  const unique = new Map(steps.map((step) => [`${step.table}.${step.column}`, step]));
  return [...unique.values()].map(({ table, column }) => derivedIndex(table, 'scope', `("${column}")`));
}
