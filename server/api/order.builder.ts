/**
 * The one order builder: `orderBy` input (or the model's default sort) to SQL, always ending on id for a
 * stable page. A sort key the user may not use (a personal identifier they read masked: the order of the
 * real values would give them away) is refused by the access rule, naming the field.
 *
 * Each field sorts as a reader expects, not by what is stored: text by its declared collation (surname
 * strokes), an enum in its declared order (the lifecycle: 提出 before 交办 before 答复), and a reference as its
 * target's own list sorts by default (a person by surname strokes, a region by division code), through the
 * records the user may read — never by internal id.
 */
import type { FieldMeta, ModelMeta, SortSpec } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import { and, ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { column, targetOf } from './models.js';

/** How deep a reference's sort follows references (a membership → its seat → the seat's person). */
const maxReferenceDepth = 2;

/** The expressions that sort `field` of a row of `model` under `alias`, in order of significance. */
function sortKeys(model: ModelMeta, field: FieldMeta, alias: string, access: Access, depth: number): Sql[] {
  if (field.kind === 'enum' && field.enum) return [sql`array_position(${[...field.enum.values]}::text[], ${column(alias, field)}::text)`];
  if (field.kind === 'reference' && depth < maxReferenceDepth) {
    const target = targetOf(field);
    // One alias per depth: each subquery is scoped to its own, so siblings never collide.
    const inner = `${alias}_s${depth}`;
    return target.defaultSort
      .filter((spec) => spec.field !== 'id')
      .flatMap((spec) => {
        const key = target.fields.find((candidate) => candidate.name === spec.field);
        if (!key?.column || access.refusal(target, key, 'sort', 'records')) return [];
        return sortKeys(target, key, inner, access, depth + 1).map(
          (term) => sql`(select ${term} from ${ident(target.table)} ${raw(inner)} where ${and([sql`${ident(inner, 'id')} = ${column(alias, field)}`, access.readScope(target, inner)])})`,
        );
      });
  }
  // Collations are declared per field in schema/ (TextField `collation`) and created by a migration.
  return [field.collation ? sql`${column(alias, field)} collate ${ident(field.collation)}` : column(alias, field)];
}

export type OrderInput = { field: string; direction?: 'ASC' | 'DESC' | null };

export function orderSql(model: ModelMeta, alias: string, orderBy: readonly OrderInput[] | null | undefined, access: Access, path = 'orderBy'): Sql {
  const specs: SortSpec[] = orderBy?.length
    ? orderBy.map((order) => ({ field: order.field, direction: order.direction ?? 'ASC' }))
    : model.defaultSort;
  const terms = specs.flatMap((spec, index) => {
    if (spec.field === 'id') return [];
    const field = model.fields.find((candidate) => candidate.name === spec.field);
    if (!field?.column) throw new Error(`${model.name} cannot be sorted by ${spec.field}`);
    // Asked for: refused, naming the field; a model's default sort on such a field is left out instead.
    if (orderBy?.length) access.use(model, field, 'sort', 'records', `${path}.${index}.field`);
    else if (access.refusal(model, field, 'sort', 'records')) return [];
    const direction = raw(spec.direction === 'DESC' ? 'desc' : 'asc');
    return sortKeys(model, field, alias, access, 0).map((key) => sql`${key} ${direction}`);
  });
  const idDirection = specs.find((spec) => spec.field === 'id')?.direction === 'DESC' ? 'desc' : 'asc';
  return join([...terms, sql`${ident(alias, 'id')} ${raw(idDirection)}`], ', ');
}
