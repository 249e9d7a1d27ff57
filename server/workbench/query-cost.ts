/**
 * The cost of a GraphQL operation, estimated before it runs from the query alone: the number the
 * workbench shows against the limit, and (the hardening issue) the number the server enforces — one
 * module, so the two can never differ. Every field costs 1; a page's `nodes` (`deputies(limit: 10) {
 * nodes { … } }`) multiply what they select by the page's `limit` (the argument, a variable, or 25); any
 * other list multiplies by `otherListSize`; an aggregate or a comparison adds `statisticCost` for its scan.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { isIncluded } from '../api/selection-tree.js';
import { isPageType } from '../graphql/page-type.js';

/** `filterTerms`: the conditions in the operation's filters (held to QUERY_MAX_FILTER_TERMS). */
export type QueryCost = { cost: number; depth: number; filterTerms: number };

/**
 * `filterTerm`: each condition of a filter (its SQL grows with them); `search`: each `q`, a substring
 * search that may scan a table.
 */
export const costWeights = { otherListSize: 10, statisticCost: 100, introspectionField: 0.5, filterTerm: 10, search: 100 };

/** The largest cost an estimate reports (GraphQL's largest Int). */
const maxCost = 2_147_483_647;

/** The default limit (QUERY_COST_LIMIT): a 4-level nested page of 100 × 25 × 25 rows stays under it. */
export const defaultQueryCostLimit = 100_000;

/**
 * The conditions of a filter input: each operator, each `q`, each item of AND/OR and each nested filter;
 * a list of values (`in`) travels as one parameter, so it counts one per hundred values. `searches`: the `q`s.
 */
export function filterTerms(filter: unknown): { terms: number; searches: number } {
  const count = { terms: 0, searches: 0 };
  if (!filter || typeof filter !== 'object') return count;
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (key === 'q') count.searches += 1;
    if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) count.terms += 1 + Math.floor(value.length / 100);
    else if (typeof value === 'object') {
      for (const item of Array.isArray(value) ? value : [value]) {
        const inner = filterTerms(item);
        count.terms += Math.max(1, inner.terms);
        count.searches += inner.searches;
      }
    } else count.terms += 1;
  }
  return count;
}

/** One estimate: the document's fragments, the variables, and each fragment's cost once computed. */
type Walk = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; variables: Record<string, unknown>; memo: Map<string, QueryCost> };

/** Whether a field reads many rows to answer a few: aggregates and comparisons. */
function isStatistic(name: string): boolean {
  return name.endsWith('Aggregate') || name === 'compareRegions';
}

/**
 * How many values a field holds, as far as the estimate can know: introspection's lists have the schema's
 * own sizes (types, and the mean fields per type, arguments per field …) and a type's `ofType` is there for
 * wrappers only; every other list holds `otherListSize`, every other field one.
 */
function expectedCount(walk: Walk, parent: GraphQLObjectType, name: string, list: boolean): number {
  const known = parent.name.startsWith('__') ? introspectionSizes(walk.schema)[`${parent.name}.${name}`] : undefined;
  return known ?? (list ? costWeights.otherListSize : 1);
}

const sizesBySchema = new WeakMap<GraphQLSchema, Record<string, number>>();

/** The mean size of each introspection list of a schema (computed once per schema). */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  let sizes = sizesBySchema.get(schema);
  if (sizes) return sizes;
  const types = Object.values(schema.getTypeMap());
  const mean = (counts: number[]) => Math.max(1, Math.ceil(counts.reduce((sum, count) => sum + count, 0) / Math.max(1, counts.length)));
  const withFields = types.filter((type): type is GraphQLObjectType => isObjectType(type) || isInterfaceType(type));
  const fields = withFields.flatMap((type) => Object.values(type.getFields()));
  sizes = {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': mean(withFields.map((type) => Object.keys(type.getFields()).length)),
    '__Type.inputFields': mean(types.filter(isInputObjectType).map((type) => Object.keys(type.getFields()).length)),
    '__Type.enumValues': mean(types.filter(isEnumType).map((type) => type.getValues().length)),
    '__Type.interfaces': mean(withFields.map((type) => type.getInterfaces().length)),
    '__Type.possibleTypes': mean(types.filter(isAbstractType).map((type) => schema.getPossibleTypes(type).length)),
    '__Field.args': mean(fields.map((field) => field.args.length)),
    '__Directive.args': mean(schema.getDirectives().map((directive) => directive.args.length)),
    '__Directive.locations': mean(schema.getDirectives().map((directive) => directive.locations.length)),
    // A type reference is wrapped (non-null, list) about every other level: its `ofType` chain is short.
    '__Type.ofType': 0.5,
  };
  sizesBySchema.set(schema, sizes);
  return sizes;
}

/** A field of `parent`, the introspection fields of the root included: introspection costs like any field. */
function fieldOf(walk: Walk, parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === walk.schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (parent === walk.schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return parent.getFields()[name];
}

/**
 * `pageLimit`: set while walking a page (`…List`): how many `nodes` it holds. A named fragment's cost is
 * computed once per (type, page) and added at every spread: the estimate counts what execution would do,
 * in time linear in the document (fragments that each spread the next twice double the cost, not the work).
 */
function fieldCost(walk: Walk, parent: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, depth: number, seen: Set<string>, pageLimit?: number): QueryCost {
  let cost = 0;
  let deepest = depth;
  let terms = 0;
  for (const selection of selectionSet?.selections ?? []) {
    // What execution leaves out costs nothing (the same test as every other walk of a selection).
    if (!isIncluded(selection, walk.variables)) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (name && seen.has(name)) continue; // a cycle is a validation error; never loop on it
      const fragment: FragmentDefinitionNode | InlineFragmentNode | undefined = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
      const typeName = fragment?.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parent;
      if (!fragment || !isObjectType(type)) continue;
      const key = name && `${name}|${type.name}|${pageLimit ?? ''}|${depth}`;
      let inner = key ? walk.memo.get(key) : undefined;
      if (!inner) {
        inner = fieldCost(walk, type, fragment.selectionSet, depth, name ? new Set([...seen, name]) : seen, pageLimit);
        if (key) walk.memo.set(key, inner);
      }
      cost += inner.cost;
      terms += inner.filterTerms;
      deepest = Math.max(deepest, inner.depth);
      continue;
    }
    const field = fieldOf(walk, parent, selection.name.value);
    if (!field) continue; // __typename, or a field validation will refuse
    const type = getNullableType(field.type);
    const named = getNamedType(field.type);
    const isPage = isPageType(type);
    const args = field.args.length ? (getArgumentValues(field, selection, walk.variables) as { limit?: number; where?: unknown }) : {};
    const limit = isPage ? Math.max(0, args.limit ?? 25) : undefined;
    const filter = filterTerms(args.where);
    const inner = isObjectType(named) ? fieldCost(walk, named, selection.selectionSet, depth + 1, seen, limit) : { cost: 0, depth: depth + 1, filterTerms: 0 };
    const multiplier = pageLimit !== undefined && field.name === 'nodes' ? pageLimit : expectedCount(walk, parent, field.name, isListType(type));
    // Introspection reads no rows, only the schema in memory: its fields cost less (calibrated on this schema:
    // the console's full introspection, ~85 ms of CPU, fits under the default limit; 30 aliased ones do not).
    const unit = field.name.startsWith('__') || parent.name.startsWith('__') ? costWeights.introspectionField : 1;
    const filtering = filter.terms * costWeights.filterTerm + filter.searches * costWeights.search;
    cost += unit + (isStatistic(field.name) ? costWeights.statisticCost : 0) + filtering + multiplier * inner.cost;
    terms += filter.terms + inner.filterTerms;
    deepest = Math.max(deepest, inner.depth);
  }
  return { cost, depth: deepest, filterTerms: terms };
}

/** The cost of the operation named `operationName` (or the only one) of `document`. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): QueryCost {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) return { cost: 0, depth: 0, filterTerms: 0 };
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { cost: 0, depth: 0, filterTerms: 0 };
  const { cost, depth, filterTerms: terms } = fieldCost({ schema, fragments, variables, memo: new Map() }, root, operation.selectionSet, 0, new Set());
  // Saturated where GraphQL's Int ends (queryCost shows it): far past any limit either way.
  return { cost: Math.min(Math.ceil(cost), maxCost), depth, filterTerms: terms };
}

/** The cost of a query text, for the workbench (throws graphql's syntax error on a malformed one). */
export function estimateQueryText(schema: GraphQLSchema, text: string, variables?: Record<string, unknown>, operationName?: string | null): QueryCost {
  return estimateCost(schema, parse(text), variables, operationName);
}
