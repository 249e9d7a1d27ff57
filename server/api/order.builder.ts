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
import { AppError } from '../graphql/errors.js';
import { targetOf } from '../../schema/model/relations.js';
import { column } from './model-sql.js';

/** How deep a reference's sort follows references (a membership → its seat → the seat's person). */
const maxReferenceDepth = 2;

/** Sort keys of the record a reference points to, each read through the reference (as far as the user reads). */
function throughReference(field: FieldMeta, alias: string, access: Access, depth: number, keys: FieldMeta[]): Sql[] {
  const target = targetOf(field);
  // One alias per depth: each subquery is scoped to its own, so siblings never collide.
  const inner = `${alias}_s${depth}`;
  return keys.flatMap((key) =>
    sortKeys(target, key, inner, access, depth + 1).map(
      (term) => sql`(select ${term} from ${ident(target.table)} ${raw(inner)} where ${and([sql`${ident(inner, 'id')} = ${column(alias, field)}`, access.readScope(target, inner)])})`,
    ),
  );
}

/**
 * The key of a field of the row itself: an enum by its declared order, text by its collation, the rest as
 * stored. The enum's order is written into the text (its values are the model's codes), not bound as a
 * parameter, so that an index on the same expression serves it (default-order indexes, server/db/order-indexes.ts).
 */
export function ownSortKey(field: FieldMeta, alias: string): Sql {
  if (field.kind === 'enum' && field.enum) return declaredPosition(field, column(alias, field));
  // Collations are declared per field in schema/ (TextField `collation`) and created by a migration.
  return field.collation ? sql`${column(alias, field)} collate ${ident(field.collation)}` : column(alias, field);
}

/**
 * An enum value's place in its declaration (全国 → 省 → 市 → 县 → 乡; 提出 → 交办 → 答复), where its code's spelling
 * would sort COUNTY before NATIONAL: the one order of an enum's values, for lists and for aggregate groups alike.
 */
export function declaredPosition(field: FieldMeta, value: Sql): Sql {
  const values = [...field.enum!.values];
  if (!values.every((code) => /^[A-Z][A-Z0-9_]*$/.test(code))) throw new Error(`${field.name}: enum codes are upper-case identifiers`);
  return sql`array_position(${raw(`'{${values.join(',')}}'::text[]`)}, ${value}::text)`;
}

/**
 * The model's default order on `alias` when every key is a field of the row itself — what an index can serve
 * (server/db/order-indexes.ts) — else null (a key through a reference reads another table).
 */
export function defaultOrderKeys(model: ModelMeta, alias: string): Sql[] | null {
  const keys: Sql[] = [];
  for (const spec of model.defaultSort) {
    if (spec.field === 'id') continue;
    const field = model.fields.find((candidate) => candidate.name === spec.field);
    if (!field?.column || field.kind === 'reference') return null;
    keys.push(sql`${ownSortKey(field, alias)} ${raw(spec.direction === 'DESC' ? 'desc' : 'asc')}`);
  }
  const idDirection = model.defaultSort.find((spec) => spec.field === 'id')?.direction === 'DESC' ? 'desc' : 'asc';
  return [...keys, sql`${ident(alias, 'id')} ${raw(idDirection)}`];
}

/** The expressions that sort `field` of a row of `model` under `alias`, in order of significance. */
function sortKeys(model: ModelMeta, field: FieldMeta, alias: string, access: Access, depth: number): Sql[] {
  if (field.kind === 'reference' && depth < maxReferenceDepth) {
    const target = targetOf(field);
    const keys = target.defaultSort
      .filter((spec) => spec.field !== 'id')
      .map((spec) => target.fields.find((candidate) => candidate.name === spec.field))
      .filter((key): key is FieldMeta => Boolean(key?.column) && !access.refusal(target, key!, 'sort', 'records'));
    return throughReference(field, alias, access, depth, keys);
  }
  return [ownSortKey(field, alias)];
}

/** `by`: for a reference, a field of the record it points to (`{ field: person, by: "birthDate" }`), instead of that record's own order. */
export type OrderInput = { field: string; direction?: 'ASC' | 'DESC' | null; by?: string | null };

/** The field `by` names on the record `field` points to, refused by name when there is none or the user may not sort by it. */
function relatedField(model: ModelMeta, field: FieldMeta, by: string, access: Access, path: string): FieldMeta {
  const target = field.kind === 'reference' ? targetOf(field) : undefined;
  const related = target?.fields.find((candidate) => candidate.name === by && candidate.column);
  if (!target || !related) {
    const { labelZh, labelEn } = field;
    throw new AppError(
      'BAD_USER_INPUT',
      {
        zh: target ? `${labelZh}（${target.labelZh}）没有可排序的字段 ${by}` : `${labelZh}不是关联字段，不能按其字段排序`,
        en: target ? `${labelEn} (${target.labelEn}) has no sortable field ${by}` : `${labelEn} is not a reference: sort by it directly`,
      },
      { field: path },
    );
  }
  access.use(target, related, 'sort', 'records', path);
  return related;
}

export function orderSql(model: ModelMeta, alias: string, orderBy: readonly OrderInput[] | null | undefined, access: Access, path = 'orderBy'): Sql {
  const specs: (SortSpec & { by?: string | null })[] = orderBy?.length ? orderBy.map((order) => ({ field: order.field, direction: order.direction ?? 'ASC', by: order.by })) : model.defaultSort;
  const terms = specs.flatMap((spec, index) => {
    if (spec.field === 'id') return [];
    const field = model.fields.find((candidate) => candidate.name === spec.field);
    if (!field?.column) throw new Error(`${model.name} cannot be sorted by ${spec.field}`);
    // Asked for: refused, naming the field; a model's default sort on such a field is left out instead.
    if (orderBy?.length) access.use(model, field, 'sort', 'records', `${path}.${index}.field`);
    else if (access.refusal(model, field, 'sort', 'records')) return [];
    const direction = raw(spec.direction === 'DESC' ? 'desc' : 'asc');
    const keys = spec.by ? throughReference(field, alias, access, 0, [relatedField(model, field, spec.by, access, `${path}.${index}.by`)]) : sortKeys(model, field, alias, access, 0);
    return keys.map((key) => sql`${key} ${direction}`);
  });
  const idDirection = specs.find((spec) => spec.field === 'id')?.direction === 'DESC' ? 'desc' : 'asc';
  return join([...terms, sql`${ident(alias, 'id')} ${raw(idDirection)}`], ', ');
}
