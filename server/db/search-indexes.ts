/**
 * A GIN index for every text column the list filter `q` searches (a model's text `searchFields`), derived from
 * the models at migrate time like the default-order indexes (order-indexes.ts): on the column's grams
 * (crc_search_grams, the search_grams migration), which serve a substring of any length — a one-character
 * query, a two-character name — where `ilike '%…%'` read the whole table (a deputies search: 0.23 s at p50 on the
 * province set, bench:search).
 * A reference search field needs none of its own: it searches the target's columns, indexed on the target.
 * Whole, not partial (`where deleted_at is null`) like the list indexes: without one a `withDeleted` search
 * would compute the grams of every row of the table (8–12 µs each: seconds at national scale), and deleted
 * rows are few. Named by a hash of the definition: a changed one (another column, another function) gets a
 * new index and the old one is dropped.
 */
import crypto from 'node:crypto';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { gramsOf } from '../api/text-search.js';
import { ident } from '../sql/sql.js';

export type SearchIndex = { name: string; table: string; column: string; statement: string };

/** The search indexes a model needs: one per text search field. */
export function searchIndexes(model: ModelMeta): SearchIndex[] {
  return model.searchFields.flatMap((fieldName) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.searchFields names unknown field ${fieldName}`);
    if (field.kind === 'reference' || !field.column) return [];
    const definition = `using gin (${gramsOf(ident(field.column)).inline()})`;
    const name = `${model.table}_search_${crypto.createHash('sha1').update(definition).digest('hex').slice(0, 8)}`;
    return [{ name, table: model.table, column: field.column, statement: `create index if not exists "${name}" on "${model.table}" ${definition};` }];
  });
}

/** Creates the search indexes the models need, and drops those of a search field no longer declared. */
export async function installSearchIndexes(execute: (statement: string) => Promise<Record<string, unknown>[]>, existing: ReadonlySet<string>): Promise<void> {
  const wanted = servedEntities
    .map((entity) => modelOf(entity))
    .filter((model) => existing.has(model.table))
    .flatMap(searchIndexes);
  const present = (await execute(`select indexname as name from pg_indexes where schemaname = 'public' and indexname ~ '_search_[0-9a-f]{8}$'`)) as { name: string }[];
  const names = new Set(wanted.map((index) => index.name));
  for (const stale of present.filter((index) => !names.has(index.name))) await execute(`drop index if exists "${stale.name}"`);
  for (const index of wanted) await execute(index.statement);
}

/** A search index's name: `<table>_search_<8 hex>`. */
const derivedIndex = /"\w+_search_[0-9a-f]{8}"/;

/**
 * The schema generator knows only the entities' own indexes, so it would drop these: its diffs are read
 * without them (the schema test, `npm run migration:create`).
 */
export function withoutSearchIndexes(statements: string): string {
  return statements
    .split('\n')
    .filter((line) => !derivedIndex.test(line))
    .join('\n');
}
