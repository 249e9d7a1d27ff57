/** The filter inputs for scalar fields (API.md): IDFilter, StringFilter, IntFilter, DecimalFilter, DateFilter … */
import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLString, type GraphQLScalarType } from 'graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../../schema/model/scalars.js';
import { graphqlEnum } from '../../../schema/model/fields.js';
import type { EnumDef } from '../../../schema/shared/define-enum.js';
import { inflection } from '../../../schema/shared/inflection.js';
import { makeClass, type FieldSpec } from './dynamic-class.js';

export type FilterOperator = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith' | 'isNull';

function operators(names: FilterOperator[], type: () => unknown): FieldSpec[] {
  return names.map((name) => {
    if (name === 'in') return { name, type: () => [type()] };
    if (name === 'isNull') return { name, type: () => GraphQLBoolean };
    return { name, type };
  });
}

const comparable: FilterOperator[] = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'isNull'];

function scalarFilter(name: string, type: GraphQLScalarType, ops: FilterOperator[]) {
  return makeClass(
    'input',
    name,
    `${name}: ${ops.join(', ')}`,
    operators(ops, () => type),
  );
}

/** One filter input per scalar GraphQL type, keyed by that type's name. */
export const scalarFilters: Record<string, new () => object> = {
  // `gt` pages by keyset (exports walk a list by id).
  ID: scalarFilter('IDFilter', GraphQLID, ['eq', 'ne', 'in', 'gt', 'isNull']),
  String: scalarFilter('StringFilter', GraphQLString, ['eq', 'ne', 'in', 'contains', 'startsWith', 'isNull']),
  Int: scalarFilter('IntFilter', GraphQLInt, comparable),
  Decimal: scalarFilter('DecimalFilter', DecimalScalar, comparable),
  Date: scalarFilter('DateFilter', DateScalar, comparable),
  DateTime: scalarFilter('DateTimeFilter', DateTimeScalar, comparable),
  Boolean: scalarFilter('BooleanFilter', GraphQLBoolean, ['eq', 'isNull']),
};

const enumFilters = new Map<string, new () => object>();

/** `DeputyLevelFilter { eq ne in isNull }`, once per enum. */
export function enumFilter(def: EnumDef): new () => object {
  let filter = enumFilters.get(def.name);
  if (!filter) {
    const type = graphqlEnum(def);
    filter = makeClass(
      'input',
      inflection.enumFilter(def.name),
      `${def.labelZh} / ${def.labelEn}`,
      operators(['eq', 'ne', 'in', 'isNull'], () => type),
    );
    enumFilters.set(def.name, filter);
  }
  return filter;
}
