/**
 * Indexes derived from the models at migrate time rather than written in a migration (like the triggers):
 * each kind says what a model needs (order-indexes.ts: an enum's declared order; search-indexes.ts: the grams
 * of a text search field; scope-indexes.ts: the columns its region paths correlate on). An index is named `<table>_<kind>_<8 hex of its definition>`, so a changed
 * definition gets a new index and the old one, no longer wanted, is dropped; the schema generator, which knows
 * only the entities' own indexes, has its diffs read without them.
 */
import crypto from 'node:crypto';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';

export type DerivedIndex = { name: string; statement: string };
export type DerivedIndexKind = 'order' | 'search' | 'scope';

/** The index of `definition` (`(…) where …`, `using gin (…)`) on `table`, named by its kind and a hash of it. */
export function derivedIndex(table: string, kind: DerivedIndexKind, definition: string): DerivedIndex {
  const name = `${table}_${kind}_${crypto.createHash('sha1').update(definition).digest('hex').slice(0, 8)}`;
  return { name, statement: `create index if not exists "${name}" on "${table}" ${definition};` };
}

const nameOf = (kind: DerivedIndexKind) => `_${kind}_[0-9a-f]{8}`;

/** Creates the indexes of one kind the models need (of the tables that exist), and drops those no longer wanted. */
export async function installDerivedIndexes(
  execute: (statement: string) => Promise<Record<string, unknown>[]>,
  existing: ReadonlySet<string>,
  kind: DerivedIndexKind,
  needs: (model: ModelMeta) => readonly DerivedIndex[],
): Promise<void> {
  const wanted = servedEntities
    .map((entity) => modelOf(entity))
    .filter((model) => existing.has(model.table))
    .flatMap(needs);
  const present = (await execute(`select indexname as name from pg_indexes where schemaname = 'public' and indexname ~ '${nameOf(kind)}$'`)) as { name: string }[];
  const names = new Set(wanted.map((index) => index.name));
  for (const stale of present.filter((index) => !names.has(index.name))) await execute(`drop index if exists "${stale.name}"`);
  for (const index of wanted) await execute(index.statement);
}

/** A schema diff without the lines about derived indexes of any kind (the schema test, `npm run migration:create`). */
export function withoutDerivedIndexes(statements: string): string {
  const derived = new RegExp(`"\\w+(${nameOf('order')}|${nameOf('search')}|${nameOf('scope')})"`);
  return statements
    .split('\n')
    .filter((line) => !derived.test(line))
    .join('\n');
}
