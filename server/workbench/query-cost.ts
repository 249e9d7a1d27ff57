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
  isObjectType,
  Kind,
  parse,
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

export type QueryCost = { cost: number; depth: number };

export const costWeights = { otherListSize: 10, statisticCost: 100 };

/** The default limit (QUERY_COST_LIMIT): a 4-level nested page of 100 × 25 × 25 rows stays under it. */
export const defaultQueryCostLimit = 100_000;

type Walk = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; variables: Record<string, unknown> };

/** Whether a field reads many rows to answer a few: aggregates and comparisons. */
function isStatistic(name: string): boolean {
  return name.endsWith('Aggregate') || name === 'compareRegions';
}

/** `pageLimit`: set while walking a page (`…List`): how many `nodes` it holds. */
function fieldCost(walk: Walk, parent: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, depth: number, seen: Set<string>, pageLimit?: number): QueryCost {
  let cost = 0;
  let deepest = depth;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (name && seen.has(name)) continue; // a cycle is a validation error; never loop on it
      const fragment: FragmentDefinitionNode | InlineFragmentNode | undefined = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
      const typeName = fragment?.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parent;
      if (!fragment || !isObjectType(type)) continue;
      const inner = fieldCost(walk, type, fragment.selectionSet, depth, name ? new Set([...seen, name]) : seen, pageLimit);
      cost += inner.cost;
      deepest = Math.max(deepest, inner.depth);
      continue;
    }
    const field: GraphQLField<unknown, unknown> | undefined = parent.getFields()[selection.name.value];
    if (!field) continue; // __typename, or a field validation will refuse
    const type = getNullableType(field.type);
    const named = getNamedType(field.type);
    const isPage = isObjectType(type) && type.name.endsWith('List') && Boolean(type.getFields().nodes);
    const limit = isPage ? Math.max(0, (getArgumentValues(field, selection, walk.variables) as { limit?: number }).limit ?? 25) : undefined;
    const inner = isObjectType(named) ? fieldCost(walk, named, selection.selectionSet, depth + 1, seen, limit) : { cost: 0, depth: depth + 1 };
    const multiplier = pageLimit !== undefined && field.name === 'nodes' ? pageLimit : isListType(type) ? costWeights.otherListSize : 1;
    cost += 1 + (isStatistic(field.name) ? costWeights.statisticCost : 0) + multiplier * inner.cost;
    deepest = Math.max(deepest, inner.depth);
  }
  return { cost, depth: deepest };
}

/** The cost of the operation named `operationName` (or the only one) of `document`. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): QueryCost {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) return { cost: 0, depth: 0 };
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { cost: 0, depth: 0 };
  return fieldCost({ schema, fragments, variables }, root, operation.selectionSet, 0, new Set());
}

/** The cost of a query text, for the workbench (throws graphql's syntax error on a malformed one). */
export function estimateQueryText(schema: GraphQLSchema, text: string, variables?: Record<string, unknown>, operationName?: string | null): QueryCost {
  return estimateCost(schema, parse(text), variables, operationName);
}
