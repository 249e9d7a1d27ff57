/**
 * The class decorator of every entity: the table (MikroORM), the GraphQL object type (type-graphql), the
 * indexes lists need, and the model's UI metadata (names, labels, title, search, default sort, operations).
 */
import { ArrayType, Check, Entity, Index, Property } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { operations as allOperations } from '../shared/field-kinds.js';
import { describe } from './describe.js';
import { declaredFields, registerModel, snake, type Constructor, type FieldMeta, type ModelMeta } from './registry.js';

/** What an entity declares; the rest of its ModelMeta (fields, table, uniques) is derived. */
export type ModelOptions = Pick<ModelMeta, 'name' | 'singular' | 'plural' | 'labelZh' | 'labelEn' | 'description' | 'icon' | 'area' | 'titleField'> &
  Partial<
    Pick<ModelMeta, 'searchFields' | 'defaultSort' | 'operations' | 'ranges' | 'table' | 'access' | 'regionPaths' | 'organisationPaths' | 'describesPerson' | 'pickerFields' | 'inMenu' | 'exactlyOne'>
  > & {
    /**
     * Combinations unique among live rows, optionally only while some fields are empty: one active
     * membership per deputy and group is `{ fields: ['deputy', 'group'], whileNull: ['leftOn'] }`.
     */
    unique?: { fields: string[]; whileNull?: string[] }[];
    /** Further lookups among live rows, each a list of fields (regions by level: the comparisons). */
    indexes?: string[][];
  };

/** The column of a model's region prefixes (ModelMeta.regionPrefixesColumn). */
export const regionPrefixesColumnName = 'region_prefixes';

const systemTail = ['createdAt', 'updatedAt', 'version', 'deletedAt', 'deletedReason'];

/** id first, the model's own fields in declaration order, then the system fields. */
function ordered(fields: FieldMeta[]): FieldMeta[] {
  const head = fields.filter((field) => field.name === 'id');
  const own = fields.filter((field) => field.name !== 'id' && !systemTail.includes(field.name));
  const tail = systemTail.map((name) => fields.find((field) => field.name === name)).filter((field): field is FieldMeta => Boolean(field));
  return [...head, ...own, ...tail];
}

/**
 * A picker shows these beside a record's title to tell records apart (王建 · 灵台县 · 男); they are what it
 * fetches, so none may be a personal identifier (each fetch of one would be a recorded personal read).
 */
function checkedPickerFields(model: string, fields: readonly FieldMeta[], names: readonly string[]): string[] {
  for (const name of names) {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field || field.kind === 'referenceList') throw new Error(`${model}.pickerFields: ${name} is not a stored field`);
    if (field.personal) throw new Error(`${model}.pickerFields: ${name} is personal, and a picker must not read it`);
  }
  return [...names];
}

/**
 * Every pair of dates the declared ones order, not only neighbours: submitted ≤ assigned ≤ answered also
 * means submitted ≤ answered, which must hold when the date between them is empty (issue 18: a suggestion
 * answered before it was submitted was saved because 交办日期 was blank). Declared pairs first.
 */
export function everyOrderedPair(declared: readonly [string, string][]): [string, string][] {
  const pairs: [string, string][] = [...declared];
  const has = (start: string, end: string) => pairs.some(([a, b]) => a === start && b === end);
  for (let added = true; added;) {
    added = false;
    for (const [a, b] of [...pairs]) {
      for (const [c, d] of [...pairs]) {
        if (b === c && a !== d && !has(a, d)) {
          pairs.push([a, d]);
          added = true;
        }
      }
    }
  }
  return pairs;
}

export function Model(options: ModelOptions) {
  return (target: Constructor) => {
    const table = options.table ?? snake(options.name);
    const fields = ordered(declaredFields(target));
    const defaultSort = options.defaultSort ?? [{ field: 'id', direction: 'ASC' }];
    const sortColumns = defaultSort
      .map((sort) => ({ column: fields.find((field) => field.name === sort.field)?.column, direction: sort.direction }))
      .filter((sort) => sort.column)
      .map((sort) => `"${sort.column}"${sort.direction === 'DESC' ? ' desc' : ''}`);

    Entity({ tableName: table })(target);
    ObjectType(options.name, { description: describe(options.labelZh, options.labelEn, options.description) })(target as never);

    // Lists page the rows of a parent (a to-many relation) in the model's default order: index exactly that.
    for (const field of fields.filter((candidate) => candidate.kind === 'reference')) {
      const columns = [...new Set([`"${field.column}"`, ...sortColumns, '"id"'])].join(', ');
      const name = `${table}_${field.column}_list_idx`;
      Index({ name, expression: `create index "${name}" on "${table}" (${columns}) where "deleted_at" is null` })(target);
    }
    // The first page of a list comes from this index instead of sorting the whole table.
    const defaultSortName = `${table}_default_sort_idx`;
    const defaultSortColumns = defaultSort.map((sort) => {
      const field = fields.find((candidate) => candidate.name === sort.field)!;
      const collated = field.collation ? ` collate "${field.collation}"` : '';
      return `"${field.column}"${collated}${sort.direction === 'DESC' ? ' desc' : ''}`;
    });
    if (!defaultSort.some((sort) => sort.field === 'id')) defaultSortColumns.push('"id"');
    Index({
      name: defaultSortName,
      expression: `create index "${defaultSortName}" on "${table}" (${defaultSortColumns.join(', ')}) where "deleted_at" is null`,
    })(target);
    for (const names of options.indexes ?? []) {
      const columns = names.map((name) => fields.find((field) => field.name === name)!.column!);
      const name = `${table}_${columns.join('_')}_idx`;
      Index({ name, expression: `create index "${name}" on "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) where "deleted_at" is null` })(target);
    }
    for (const names of options.exactlyOne ?? []) {
      const columns = names.map((name) => fields.find((field) => field.name === name)!.column!);
      Check({ name: `${table}_${columns.join('_')}_one_check`, expression: `num_nonnulls(${columns.map((column) => `"${column}"`).join(', ')}) = 1` })(target);
    }
    const uniques = [
      ...fields.filter((field) => field.unique).map((field) => ({ fields: [field.name], whileNull: [] as string[] })),
      ...(options.unique ?? []).map((unique) => ({ fields: unique.fields, whileNull: unique.whileNull ?? [] })),
    ].map((unique) => {
      const columnOf = (name: string) => fields.find((field) => field.name === name)!.column!;
      const columns = unique.fields.map(columnOf);
      const name = `${table}_${columns.join('_')}_unique`;
      const where = ['deleted_at', ...unique.whileNull.map(columnOf)].map((column) => `"${column}" is null`).join(' and ');
      Index({ name, expression: `create unique index "${name}" on "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) where ${where}` })(target);
      return { name, fields: unique.fields };
    });

    // A record with a `region` belongs to it, unless the model says otherwise.
    const regionPaths = options.regionPaths ?? (fields.some((field) => field.name === 'region' && field.kind === 'reference') ? ['region'] : []);
    const startsWithList = (path: string) => fields.find((field) => field.name === path.split('.')[0])?.kind === 'referenceList';
    const regionPrefixesColumn = regionPaths.some(startsWithList) ? regionPrefixesColumnName : undefined;
    // Never a GraphQL field nor read by the ORM (lazy, hidden): how a region's rows are found, kept by the database.
    if (regionPrefixesColumn) Property({ type: ArrayType, columnType: 'text[]', fieldName: regionPrefixesColumn, nullable: true, hidden: true, lazy: true })(target.prototype, 'regionPrefixes');

    registerModel({
      target,
      name: options.name,
      singular: options.singular,
      plural: options.plural,
      labelZh: options.labelZh,
      labelEn: options.labelEn,
      description: describe(options.labelZh, options.labelEn, options.description),
      icon: options.icon,
      area: options.area,
      table,
      titleField: options.titleField,
      searchFields: options.searchFields ?? [options.titleField],
      defaultSort,
      operations: options.operations ?? [...allOperations],
      ranges: everyOrderedPair(options.ranges ?? []),
      uniques,
      exactlyOne: options.exactlyOne ?? [],
      fields,
      access: options.access ?? 'records',
      regionPaths,
      regionPrefixesColumn,
      // Nothing belongs to an organisation unless the model says so: a handling unit's staff read only what does.
      organisationPaths: options.organisationPaths ?? [],
      describesPerson: options.describesPerson ?? false,
      pickerFields: checkedPickerFields(options.name, fields, options.pickerFields ?? []),
      inMenu: options.inMenu ?? true,
    });
  };
}
