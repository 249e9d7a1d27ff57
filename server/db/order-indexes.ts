/**
 * An index for every model's default order that needs one, derived from the model at migrate time like the triggers: the
 * same expressions the order builder sorts by (an enum by its declared order, text by its collation), so a
 * list in its default order reads its first page from the index instead of sorting the table — at national
 * scale a deputies list sorted 91,000 rows by `array_position(level)` for every page (0.1 s each). Named by a
 * hash of its definition: a changed default order (or enum) gets a new index and the old one is dropped.
 */
import crypto from 'node:crypto';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { defaultOrderKeys } from '../api/order.builder.js';

/**
 * The index a model's default order needs, or null: an order by plain columns is served by the index the
 * model's migration made (`<table>_default_sort_idx`), one through a reference cannot be indexed; an enum's
 * declared order is an expression only an index of its own serves.
 */
export function orderIndex(model: ModelMeta): { name: string; statement: string } | null {
  const keys = defaultOrderKeys(model, 'x');
  const byEnum = model.defaultSort.some((spec) => model.fields.find((field) => field.name === spec.field)?.kind === 'enum');
  if (!keys || !byEnum) return null;
  // Index expressions name the table's columns unqualified; an expression (not a column) is parenthesised.
  const elements = keys.map((key) => {
    const text = key.inline().replaceAll('"x".', '');
    return text.startsWith('array_position(') ? text.replace(/^(array_position\(.*\)) (asc|desc)$/, '($1) $2') : text;
  });
  const definition = `(${elements.join(', ')}) where "deleted_at" is null`;
  const name = `${model.table}_order_${crypto.createHash('sha1').update(definition).digest('hex').slice(0, 8)}`;
  return { name, statement: `create index if not exists "${name}" on "${model.table}" ${definition};` };
}

/** Creates the default-order indexes the models need, and drops those of an order no longer declared. */
export async function installOrderIndexes(execute: (statement: string) => Promise<Record<string, unknown>[]>, existing: ReadonlySet<string>): Promise<void> {
  const wanted = servedEntities
    .map((entity) => modelOf(entity))
    .filter((model) => existing.has(model.table))
    .flatMap((model) => {
      const index = orderIndex(model);
      return index ? [{ model, ...index }] : [];
    });
  const present = (await execute(`select indexname as name, tablename as table from pg_indexes where schemaname = 'public' and indexname ~ '_order_[0-9a-f]{8}$'`)) as {
    name: string;
    table: string;
  }[];
  const names = new Set(wanted.map((index) => index.name));
  for (const stale of present.filter((index) => !names.has(index.name))) await execute(`drop index if exists "${stale.name}"`);
  for (const index of wanted) await execute(index.statement);
}

/** A default-order index's name: `<table>_order_<8 hex>`. */
const derivedIndex = /"\w+_order_[0-9a-f]{8}"/;

/**
 * The schema generator knows only the entities' own indexes, so it would drop these: its diffs are read
 * without them (the schema test, `npm run migration:create`).
 */
export function withoutOrderIndexes(statements: string): string {
  return statements
    .split('\n')
    .filter((line) => !derivedIndex.test(line))
    .join('\n');
}
