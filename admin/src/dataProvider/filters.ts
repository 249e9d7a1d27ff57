/**
 * Turns react-admin filter values into the API's `where` input. Conventions of the generated filter
 * forms: `q` is full-text; a range input stores `{ gte, lte }` under the field name; a reference stores
 * the target's id; text matches by substring; enums and booleans by equality (arrays: any of); a to-many
 * list takes a quantifier as the API does (`{ none: {} }`, the home page's to-do links); `inRegion` (a division
 * code) keeps a regional entity's records of that region and its subdivisions (a picker of a case's units).
 */
import type { FieldKind } from '../../../schema/shared/field-kinds.js';
import type { EntityMeta, FieldMeta } from '../metadata/types.js';
import { inflection } from '../../../schema/shared/inflection.js';

export type Where = Record<string, unknown>;

/** Filter keys that are not fields: `deleted` switches to the deleted-records view. */
export const controlKeys = new Set(['q', 'deleted']);

// `within`: a region filter's subtree (`{ within: "620800" }`, fields/RegionSubtreeFilter.tsx), sent as the API takes it.
const operators = new Set(['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'isNull', 'within']);
/** Instants are compared in the secretariat's zone, so a day means a day in Beijing time. */
const zone = '+08:00';

/** The instant a day (YYYY-MM-DD) begins in the secretariat's zone. */
export const startOfDay = (day: string) => `${day}T00:00:00${zone}`;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => operators.has(key));

/** Casts an operand to what the field's filter type takes. */
function operand(kind: FieldKind, operator: string, value: unknown): unknown {
  if (kind === 'int') return Number(value);
  if (kind === 'datetime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return operator === 'lte' || operator === 'lt' ? `${value}T23:59:59.999${zone}` : startOfDay(value);
  }
  return value;
}

/** The condition for one field and the value its filter input holds. */
function condition(field: FieldMeta, value: unknown): unknown {
  if (isOperatorObject(value)) {
    const entries = Object.entries(value).filter(([, operandValue]) => !isEmpty(operandValue));
    return entries.length ? Object.fromEntries(entries.map(([operator, operandValue]) => [operator, operand(field.kind, operator, operandValue)])) : undefined;
  }
  if (field.kind === 'reference') return { id: Array.isArray(value) ? { in: value.map(String) } : { eq: String(value) } };
  if (Array.isArray(value)) return { in: value.map((item) => operand(field.kind, 'in', item)) };
  if (field.kind === 'text' || field.kind === 'longText') return { contains: String(value) };
  return { eq: operand(field.kind, 'eq', value) };
}

const isQuantified = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => ['some', 'none', 'every'].includes(key));

/** The `where` input for a filter object; keys that name no field are ignored rather than sent. */
export function filterToWhere(entity: EntityMeta, filter: Record<string, unknown> = {}): Where {
  const where: Where = {};
  for (const [key, value] of Object.entries(filter)) {
    if (isEmpty(value) || key === 'deleted') continue;
    if (key === 'q') {
      where.q = String(value);
      continue;
    }
    if (key === 'inRegion') {
      if (entity.regional) where.inRegion = String(value);
      continue;
    }
    const field = entity.fields.find((candidate) => candidate.name === key || (candidate.kind === 'reference' && inflection.referenceInput(candidate.name) === key));
    if (!field || field.kind === 'json') continue;
    // A to-many list is filtered by a quantifier over its rows (`{ none: {} }`: has none), as the API takes it.
    if (field.kind === 'referenceList') {
      if (isQuantified(value)) where[field.name] = value;
      continue;
    }
    const built = condition(field, value);
    if (built !== undefined) where[field.name] = built;
  }
  if (filter.deleted) where.deletedAt = { isNull: false };
  return where;
}

/** The `where` that selects the rows of a to-many list: those whose reference `target` is `id`. */
export function referenceWhere(target: string, id: unknown): Where {
  return { [target]: { id: { eq: String(id) } } };
}
