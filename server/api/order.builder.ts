/**
 * The one order builder: `orderBy` input (or the model's default sort) to SQL, always ending on id for a
 * stable page. A sort key the user may not use (a personal identifier they read masked: the order of the
 * real values would give them away) is refused by the access rule, naming the field.
 */
import type { ModelMeta, SortSpec } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import { ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { column } from './models.js';

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
    // Collations are declared per field in schema/ (TextField `collation`) and created by a migration.
    const target = field.collation ? sql`${column(alias, field)} collate ${ident(field.collation)}` : column(alias, field);
    return [sql`${target} ${raw(spec.direction === 'DESC' ? 'desc' : 'asc')}`];
  });
  const idDirection = specs.find((spec) => spec.field === 'id')?.direction === 'DESC' ? 'desc' : 'asc';
  return join([...terms, sql`${ident(alias, 'id')} ${raw(idDirection)}`], ', ');
}
