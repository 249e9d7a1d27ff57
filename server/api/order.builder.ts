/** The one order builder: `orderBy` input (or the model's default sort) to SQL, always ending on id for a stable page. */
import type { ModelMeta, SortSpec } from '../../schema/model/registry.js';
import { ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { column } from './models.js';

export type OrderInput = { field: string; direction?: 'ASC' | 'DESC' | null };

export function orderSql(model: ModelMeta, alias: string, orderBy: readonly OrderInput[] | null | undefined): Sql {
  const specs: SortSpec[] = orderBy?.length
    ? orderBy.map((order) => ({ field: order.field, direction: order.direction ?? 'ASC' }))
    : model.defaultSort;
  const terms = specs
    .filter((spec) => spec.field !== 'id')
    .map((spec) => {
      const field = model.fields.find((candidate) => candidate.name === spec.field);
      if (!field?.column) throw new Error(`${model.name} cannot be sorted by ${spec.field}`);
      // Collations are declared per field in schema/ (TextField `collation`) and created by a migration.
      const target = field.collation ? sql`${column(alias, field)} collate ${ident(field.collation)}` : column(alias, field);
      return sql`${target} ${raw(spec.direction === 'DESC' ? 'desc' : 'asc')}`;
    });
  const idDirection = specs.find((spec) => spec.field === 'id')?.direction === 'DESC' ? 'desc' : 'asc';
  return join([...terms, sql`${ident(alias, 'id')} ${raw(idDirection)}`], ', ');
}
