/**
 * A GIN index for every text column the list filter `q` searches (a model's text `searchFields`), derived from
 * the models at migrate time like the default-order indexes (order-indexes.ts): on the column's grams
 * (crc_search_grams, the search_grams migration), which serve a substring of any length — a one-character
 * query, a two-character name — where `ilike '%…%'` read the whole table (a deputies search: 0.23 s at p50 on the
 * province set, bench:search).
 * A reference search field needs none of its own: it searches the target's columns, indexed on the target.
 * Whole, not partial (`where deleted_at is null`) like the list indexes: without one a `withDeleted` search
 * would compute the grams of every row of the table (8–12 µs each: seconds at national scale), and deleted
 * rows are few. A text found by pinyin too (`pinyin`, schema/shared/pinyin.ts) has a second, on its pinyin column's
 * grams and trigrams (text-search.ts pinyinGramsOf).
 * Installed, named and dropped as every derived index is (derived-indexes.ts).
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { defaultOrderKeys } from '../api/order.builder.js';
import { rankedField } from '../api/search-rank.js';
import { gramsOf, pinyinForm, pinyinFormPositions, pinyinGramsOf } from '../api/text-search.js';
import { indexElements } from './order-indexes.js';
import { ident } from '../sql/sql.js';
import { derivedIndex, type DerivedIndex } from './derived-indexes.js';

export type SearchIndex = DerivedIndex & { column: string };

const gramsIndex = (table: string, column: string): SearchIndex => ({ ...derivedIndex(table, 'search', `using gin (${gramsOf(ident(column)).inline()})`), column });
const pinyinGramsIndex = (table: string, column: string): SearchIndex => ({ ...derivedIndex(table, 'search', `using gin (${pinyinGramsOf(ident(column)).inline()})`), column });

/**
 * The b-trees that give a search's exact matches (search-rank.ts) in the list's default order: one per pinyin form
 * compared whole — `(split_part(name_pinyin, ' ', 2), name collate zh_stroke, id)` reads the first 丁波-like names of
 * `q: "db"` in stroke order and stops. Live rows only, as the default order's index; none when the default order
 * goes through a reference (no index can hold it).
 */
function exactIndexes(model: ModelMeta, field: FieldMeta): SearchIndex[] {
  const keys = defaultOrderKeys(model, 'x');
  if (!keys || rankedField(model) !== field) return [];
  const order = indexElements(keys).join(', ');
  return pinyinFormPositions.map((position) => ({
    ...derivedIndex(model.table, 'search', `((${pinyinForm(ident(field.pinyin!.column), position).inline()}), ${order}) where "deleted_at" is null`),
    column: field.pinyin!.column,
  }));
}

/**
 * The search indexes a model needs: one per text search field, one more on the pinyin of one found by pinyin, and
 * for the first found by pinyin (whose exact matches rank first) the b-trees of its exact forms. The grams index
 * of a column comes first among its indexes.
 */
export function searchIndexes(model: ModelMeta): SearchIndex[] {
  return model.searchFields.flatMap((fieldName) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.searchFields names unknown field ${fieldName}`);
    if (field.kind === 'reference' || !field.column) return [];
    if (!field.pinyin) return [gramsIndex(model.table, field.column)];
    return [gramsIndex(model.table, field.column), pinyinGramsIndex(model.table, field.pinyin.column), ...exactIndexes(model, field)];
  });
}
