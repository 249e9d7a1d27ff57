/**
 * An index for every model's default order that needs one, derived from the model at migrate time like the triggers: the
 * same expressions the order builder sorts by (an enum by its declared order, text by its collation), so a
 * list in its default order reads its first page from the index instead of sorting the table — at national
 * scale a deputies list sorted 91,000 rows by `array_position(level)` for every page (0.1 s each). Installed,
 * named and dropped as every derived index is (derived-indexes.ts).
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { defaultOrderKeys } from '../api/order.builder.js';
import type { Sql } from '../sql/sql.js';
import { derivedIndex, type DerivedIndex } from './derived-indexes.js';

/**
 * The index a model's default order needs, or null: an order by plain columns is served by the index the
 * model's migration made (`<table>_default_sort_idx`), one through a reference cannot be indexed; an enum's
 * declared order is an expression only an index of its own serves.
 */
export function orderIndex(model: ModelMeta): DerivedIndex | null {
  const keys = defaultOrderKeys(model, 'x');
  const byEnum = model.defaultSort.some((spec) => model.fields.find((field) => field.name === spec.field)?.kind === 'enum');
  if (!keys || !byEnum) return null;
  return derivedIndex(model.table, 'order', `(${indexElements(keys).join(', ')}) where "deleted_at" is null`);
}

/** Sort keys written on alias `x` (defaultOrderKeys) as an index's elements: columns unqualified, an expression (not a column) parenthesised. */
export function indexElements(keys: readonly Sql[]): string[] {
  return keys.map((key) => {
    const text = key.inline().replaceAll('"x".', '');
    return text.startsWith('array_position(') ? text.replace(/^(array_position\(.*\)) (asc|desc)$/, '($1) $2') : text;
  });
}

/** The default-order indexes a model needs (none or one). */
export const orderIndexes = (model: ModelMeta): DerivedIndex[] => {
  const index = orderIndex(model);
  return index ? [index] : [];
};
