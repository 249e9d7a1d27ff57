/**
 * The generated GraphQL types of one model (API.md): filter, list filter, order, list, aggregate and
 * input types. Built for every model before the schema is, so their thunks can point at each other.
 */
import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString } from 'graphql';
import { registerEnumType } from 'type-graphql';
import { graphqlEnum } from '../../../schema/model/fields.js';
import type { FieldMeta, ModelMeta } from '../../../schema/model/registry.js';
import { DateScalar, DateTimeScalar, DecimalScalar, JSONScalar } from '../../../schema/model/scalars.js';
import { RegionLevel } from '../../../schema/shared/enums.js';
import { groupableKinds, numericKinds } from '../../../schema/shared/field-kinds.js';
import { inflection } from '../../../schema/shared/inflection.js';
import { referenceKey, storedFields, targetOf } from '../../../schema/model/relations.js';
import { makeClass, type FieldSpec } from './dynamic-class.js';
import { enumFilter, scalarFilters } from './scalar-filters.js';

export type ModelTypes = {
  filter: new () => object;
  listFilter: new () => object;
  orderBy: new () => object;
  list: new () => object;
  listArgs: new () => object;
  groupBy: new () => object;
  aggregateGroup: new () => object;
  createInput: new () => object;
  updateInput: new () => object;
  /** Numeric fields an aggregate can sum (none: no sum/avg/min/max fields). */
  numericFields: FieldMeta[];
  sortableFields: FieldMeta[];
  groupableFields: FieldMeta[];
};

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(SortDirection, { name: 'SortDirection', description: '排序方向 / Sort direction' });

export const DatePart = { YEAR: 'YEAR', QUARTER: 'QUARTER', MONTH: 'MONTH' } as const;
registerEnumType(DatePart, { name: 'DatePart', description: '日期分组粒度 / Date part to group by' });

export const GroupKey = makeClass('object', 'GroupKey', '分组键 / One grouping key of an aggregate row', [
  { name: 'field', type: () => GraphQLString, nullable: false },
  { name: 'part', type: () => DatePart },
  { name: 'value', type: () => GraphQLString, description: '分组值 / The group value as text (an id for references)' },
  { name: 'label', type: () => GraphQLString, description: '显示名称 / The value’s label: an enum label, a referenced record’s title' },
]);

export const VersionedId = makeClass('input', 'VersionedId', '记录编号与版本 / A record id with the version the client read', [
  { name: 'id', type: () => GraphQLID, nullable: false },
  { name: 'version', type: () => GraphQLInt, nullable: false },
]);

const byModel = new Map<ModelMeta, ModelTypes>();

export function typesOf(model: ModelMeta): ModelTypes {
  const types = byModel.get(model);
  if (!types) throw new Error(`types of ${model.name} were not built`);
  return types;
}

const scalarTypes: Record<string, unknown> = {
  ID: GraphQLID,
  String: GraphQLString,
  Int: GraphQLInt,
  Boolean: GraphQLBoolean,
  Decimal: DecimalScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};

/** The GraphQL type of a stored scalar or enum field, as inputs and filters see it. */
function valueType(field: FieldMeta): () => unknown {
  if (field.kind === 'enum') return () => graphqlEnum(field.enum!);
  const type = scalarTypes[field.graphqlType ?? ''];
  if (!type) throw new Error(`no GraphQL type for ${field.name} (${field.graphqlType})`);
  return () => type;
}

function filterFields(model: ModelMeta): FieldSpec[] {
  const self = () => typesOf(model).filter;
  const specs: FieldSpec[] = [
    { name: 'AND', type: () => [self()] },
    { name: 'OR', type: () => [self()] },
    { name: 'NOT', type: self },
    { name: 'q', type: () => GraphQLString, description: `在${model.searchFields.join('、')}中查找 / Substring search over ${model.searchFields.join(', ')}` },
  ];
  // The region model itself (a region path that is the record): its filter, nested wherever a region is referenced, takes `within`.
  if (model.regionPaths.includes('')) {
    specs.push({
      name: 'within',
      type: () => GraphQLString,
      description:
        '该区划及其下任一级区划，填区划代码，如 620800 含其县、乡；未知代码报错 / This region and every region below it, by division code, e.g. 620800 with its counties and townships; an unknown code is refused',
    });
  }
  if (model.regionPaths.length) {
    specs.push({ name: 'inRegion', type: () => GraphQLString, description: '属于该区划（含下级），填区划代码，如 620800 / Within a region and its subdivisions, by division code, e.g. 620800' });
  }
  for (const field of model.fields) {
    const description = field.description;
    if (field.kind === 'reference') specs.push({ name: field.name, type: () => typesOf(targetOf(field)).filter, description });
    else if (field.kind === 'referenceList') specs.push({ name: field.name, type: () => typesOf(targetOf(field)).listFilter, description });
    else if (field.kind === 'enum') {
      const filter = enumFilter(field.enum!);
      specs.push({ name: field.name, type: () => filter, description });
    } else if (field.graphqlType && scalarFilters[field.graphqlType]) {
      const filter = scalarFilters[field.graphqlType];
      specs.push({ name: field.name, type: () => filter, description });
    }
  }
  return specs;
}

function fieldEnum(name: string, description: string, fields: FieldMeta[]): object {
  const values = Object.fromEntries(fields.map((field) => [field.name, field.name]));
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(fields.map((field) => [field.name, { description: `${field.labelZh} / ${field.labelEn}` }])),
  });
  return values;
}

function inputFields(model: ModelMeta, mode: 'create' | 'update'): FieldSpec[] {
  return storedFields(model)
    .filter((field) => !field.readOnly)
    .map((field) => {
      const required = mode === 'create' && field.required;
      if (field.kind === 'reference') {
        return { name: referenceKey(field), type: () => GraphQLID, nullable: !required, description: field.description };
      }
      return { name: field.name, type: valueType(field), nullable: !required, description: field.description };
    });
}

function numbersType(model: ModelMeta, numericFields: FieldMeta[]) {
  return makeClass(
    'object',
    inflection.numbers(model),
    `${model.labelZh}数值汇总 / ${model.labelEn} numeric totals`,
    numericFields.map((field) => ({
      name: field.name,
      type: () => (field.kind === 'int' ? GraphQLFloat : DecimalScalar),
      description: field.description,
    })),
  );
}

/** Builds every generated type of `model`; call for all models before building the schema. */
export function buildModelTypes(model: ModelMeta): ModelTypes {
  const built = byModel.get(model);
  if (built) return built;
  const label = `${model.labelZh} / ${model.labelEn}`;
  const stored = storedFields(model);
  const sortableFields = stored.filter((field) => field.kind !== 'json' && field.kind !== 'longText');
  const groupableFields = stored.filter((field) => groupableKinds.has(field.kind) && field.name !== 'id');
  const numericFields = stored.filter((field) => numericKinds.has(field.kind) && field.name !== 'version');

  const orderField = fieldEnum(inflection.orderField(model), `${label}: 可排序字段 / sortable fields`, sortableFields);
  const groupField = fieldEnum(inflection.groupField(model), `${label}: 可分组字段 / groupable fields`, groupableFields);
  const filter = makeClass('input', inflection.filter(model), `${label}: 筛选条件 / filter`, filterFields(model));
  const numbers = numericFields.length ? numbersType(model, numericFields) : undefined;

  const types: ModelTypes = {
    filter,
    listFilter: makeClass('input', inflection.listFilter(model), `${label}: 关联列表筛选 / to-many filter`, [
      { name: 'some', type: () => filter, description: '至少一条满足 / At least one row matches' },
      { name: 'none', type: () => filter, description: '没有一条满足 / No row matches' },
      { name: 'every', type: () => filter, description: '每一条都满足（没有关联行时也成立）/ Every row matches (true of none)' },
    ]),
    orderBy: makeClass('input', inflection.orderBy(model), `${label}: 排序 / order`, [
      { name: 'field', type: () => orderField, nullable: false },
      { name: 'direction', type: () => SortDirection, defaultValue: 'ASC' },
      {
        name: 'by',
        type: () => GraphQLString,
        description: '按关联记录的某个字段排序，如 { field: person, by: "name" } / For a reference: sort by this field of the record it points to',
      },
    ]),
    list: makeClass('object', inflection.listType(model), `${label}: 分页列表 / a page of rows`, [
      { name: 'nodes', type: () => [model.target], nullable: false },
      {
        name: 'totalCount',
        type: () => GraphQLInt,
        nullable: false,
        description: '符合条件的总数（给出 countUpTo 时至多计到该数）/ Rows matching the filter (with countUpTo: counted up to that many)',
      },
      {
        name: 'totalCountIsLowerBound',
        type: () => GraphQLBoolean,
        nullable: false,
        description: '计数停在 countUpTo：符合条件的行多于 totalCount（界面显示为“1,000+”）/ The count stopped at countUpTo: more rows match than totalCount (shown as "1,000+")',
      },
    ]),
    listArgs: makeClass('args', inflection.listArgs(model), undefined, [
      { name: 'where', type: () => filter },
      { name: 'orderBy', type: () => [typesOf(model).orderBy] },
      { name: 'offset', type: () => GraphQLInt, defaultValue: 0 },
      { name: 'limit', type: () => GraphQLInt, defaultValue: 25 },
      { name: 'withDeleted', type: () => GraphQLBoolean, defaultValue: false },
      {
        name: 'countUpTo',
        type: () => GraphQLInt,
        description:
          '只计到这么多行（如 1000：宽泛的检索不必数完所有匹配行）；不给则精确计数 / Count matching rows up to this many only (e.g. 1000: a broad search need not count every match); absent: an exact count',
      },
    ]),
    groupBy: makeClass('input', inflection.groupBy(model), `${label}: 分组 / group by`, [
      { name: 'field', type: () => groupField, nullable: false },
      { name: 'part', type: () => DatePart, description: '仅用于日期字段 / Date fields only' },
      {
        name: 'level',
        type: () => graphqlEnum(RegionLevel),
        description: '仅用于指向区划树的字段：按该层级的上级区划汇总（如乡镇的记录归入所在县） / Fields pointing into the region tree only: roll up to the ancestor of this level',
      },
    ]),
    aggregateGroup: makeClass('object', inflection.aggregateGroup(model), `${label}: 汇总行 / one aggregate row`, [
      { name: 'key', type: () => [GroupKey], nullable: false },
      {
        name: 'count',
        type: () => GraphQLInt,
        description: '行数；小于公布下限而不予公布时为空（见 suppressed）/ Rows in the group; null when suppressed (see suppressed)',
      },
      {
        name: 'suppressed',
        type: () => GraphQLBoolean,
        nullable: false,
        description: '不予公布：涉及个人的统计中，本组您无权逐条查看的记录少于公布下限 / Withheld: statistics over people, fewer rows you may not read one by one than the threshold',
      },
      { name: 'countBelow', type: () => GraphQLInt, description: '不予公布时：本组行数小于此数 / When suppressed: the group has fewer rows than this' },
      ...(numbers ? (['sum', 'avg', 'min', 'max'] as const).map((name) => ({ name, type: () => numbers })) : []),
    ]),
    createInput: makeClass('input', inflection.createInput(model), `${label}: 新建 / create`, inputFields(model, 'create')),
    updateInput: makeClass('input', inflection.updateInput(model), `${label}: 修改（省略的字段不变，null 清空）/ update`, inputFields(model, 'update')),
    numericFields,
    sortableFields,
    groupableFields,
  };
  byModel.set(model, types);
  return types;
}
