/**
 * Personal identifiers as the roles that may not see them read them: masked in SQL, so lists, single
 * records, nested relations and exports (which are lists) all get the same masked text — the same text
 * the shared masks of schema/shared/validators.ts give (maskIdNumber, maskMobile, maskAddress):
 *   ID number 11010519491231002X → 110105********002X
 *   mobile    13800138000        → 138****8000
 *   address   甘肃省平凉市灵台县… → 甘肃省平凉市****
 *   birth date 1949-12-31        → null (with the masked ID number's outer digits it would give the whole number)
 */
import type { FieldMeta } from '../../schema/model/registry.js';
import { maskAddress, maskIdNumber, maskMobile } from '../../schema/shared/validators.js';
import { sql, type Sql } from '../sql/sql.js';

export function maskedSql(field: FieldMeta, value: Sql): Sql {
  // Typed: a bare null is of no type, and to_json and the like cannot take it.
  if (field.kind !== 'text') return sql`null::text`;
  switch (field.constraints.validator) {
    case 'idNumber':
      return sql`case when length(${value}) = 18 then left(${value}, 6) || '********' || right(${value}, 4) else repeat('*', length(${value})) end`;
    case 'mobile':
      return sql`case when length(${value}) = 11 then left(${value}, 3) || '****' || right(${value}, 4) else repeat('*', length(${value})) end`;
    default:
      return sql`case when ${value} is null then null else left(${value}, 6) || '****' end`;
  }
}

/** The mask of a field's value in JavaScript (tests compare the API's answers with it). */
export function maskValue(field: FieldMeta, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (field.kind !== 'text') return null;
  if (field.constraints.validator === 'idNumber') return maskIdNumber(value);
  if (field.constraints.validator === 'mobile') return maskMobile(value);
  return maskAddress(value);
}
