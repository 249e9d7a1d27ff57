/**
 * The one walker of a read's selection: what a selection asks of a model, as ONE tree in response order — each
 * response key once (the field nodes under it merged), aliases and `__typename` kept, each to-many page with its
 * model, field, arguments and bounds. Ordinary execution compiles a plan derived from the tree (query-plan.ts), the
 * text fast path (record-response.ts) renders the tree or refuses it by looking at it: neither walks the selection
 * again, and the checks a page's arguments get (filter, paging, count cap) are made here, once, for both.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import type { Access } from '../access/access.js';
import { countCap, paging, type ListArgs } from './page-args.js';

type Fields = Map<string, FieldNode[]>;

/** What reading a selection needs of an operation: its fragments and its variables' values. */
export type SelectionContext = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

/**
 * The fields of a selection set by response key, through fragments, honouring @skip and @include. A named
 * fragment is visited once per collection, as graphql-js executes it (its fields merge anyway): a document
 * whose fragments each spread the next twice costs as much as it is long, not 2ⁿ.
 */
export function collectFields(info: SelectionContext, selectionSet: SelectionSetNode | undefined, into: Fields = new Map(), visited: Set<string> = new Set()): Fields {
  for (const selection of selectionSet?.selections ?? []) {
    if (!isIncluded(selection, info.variableValues)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(info, selection.selectionSet, into, visited);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      collectFields(info, info.fragments[selection.name.value]?.selectionSet, into, visited);
    }
  }
  return into;
}

/** Whether a selection is executed: not skipped by `@skip(if: true)` nor left out by `@include(if: false)`. */
export function isIncluded(selection: SelectionNode, variableValues: SelectionContext['variableValues']): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, selection, variableValues);
  const include = getDirectiveValues(GraphQLIncludeDirective, selection, variableValues);
  return skip?.if !== true && include?.if !== false;
}

/** The selections under several nodes of one field, as one selection set. */
export function subSelection(nodes: readonly FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((node) => node.selectionSet?.selections ?? []) };
}

/** What walking a read needs: the schema (fields' types and arguments), the operation's fragments and variables, and who reads (the filters they may use). */
export type Walk = SelectionContext & { schema: GraphQLSchema; access: Access };

/** A record's answer: its entries in response order. */
export type RecordTree = { model: ModelMeta; entries: RecordEntry[] };

/**
 * One response key of a record: its type name, a stored field (scalar or enum, of GraphQL type `type`), a
 * reference, a to-many page, or a field answered by a resolver of its own — which the compiled statement does not
 * read and the text path cannot render.
 */
export type RecordEntry =
  | { kind: 'typename'; key: string; typename: string }
  | { kind: 'stored'; key: string; field: FieldMeta; type: GraphQLNamedType }
  | { kind: 'reference'; key: string; field: FieldMeta; record: RecordTree }
  | { kind: 'list'; key: string; field: FieldMeta; page: PageTree }
  | { kind: 'resolved'; key: string; name: string };

/** Where a page starts, how many rows it holds, and how far its count goes (null: exactly). */
export type PageBounds = { offset: number; limit: number; countUpTo: number | null };

/** A page's answer (`{ nodes, totalCount }` under whatever keys were asked); `field` is absent at the top. `type`: the page's GraphQL type (`DeputyList`). */
export type PageTree = { model: ModelMeta; field: FieldMeta | undefined; args: ListArgs; bounds: PageBounds; type: GraphQLNamedType; entries: PageEntry[] };

export type PageEntry =
  | { kind: 'typename'; key: string; typename: string }
  | { kind: 'nodes'; key: string; record: RecordTree }
  | { kind: 'totalCount'; key: string }
  | { kind: 'totalCountIsLowerBound'; key: string }
  | { kind: 'resolved'; key: string; name: string };

function objectTypeOf(schema: GraphQLSchema, model: ModelMeta): GraphQLObjectType {
  const type = schema.getType(model.name);
  if (!isObjectType(type)) throw new Error(`${model.name} is not an object type of the schema`);
  return type;
}

/** The tree of a record of `model` under a selection (the fields selected on each record). */
export function recordTree(walk: Walk, model: ModelMeta, selectionSet: SelectionSetNode): RecordTree {
  const type = objectTypeOf(walk.schema, model);
  const typeFields = type.getFields();
  const entries = [...collectFields(walk, selectionSet)].map(([key, nodes]): RecordEntry => {
    const name = nodes[0].name.value;
    if (name === '__typename') return { kind: 'typename', key, typename: type.name };
    const field = model.fields.find((candidate) => candidate.name === name);
    const definition = typeFields[name];
    if (!field || !definition) return { kind: 'resolved', key, name };
    if (field.kind === 'reference') return { kind: 'reference', key, field, record: recordTree(walk, targetOf(field), subSelection(nodes)) };
    if (field.kind === 'referenceList') {
      const args = getArgumentValues(definition, nodes[0], walk.variableValues) as ListArgs;
      return { kind: 'list', key, field, page: pageTree(walk, targetOf(field), field, args, getNamedType(definition.type), subSelection(nodes)) };
    }
    return { kind: 'stored', key, field, type: getNamedType(definition.type) };
  });
  return { model, entries };
}

/**
 * The tree of a page of `model` (the rows of `field`, or a top-level list) under a selection. Its arguments are
 * checked here for every path that reads it: a filter the user may not use, a page or count cap out of bounds
 * is refused in words.
 */
export function pageTree(walk: Walk, model: ModelMeta, field: FieldMeta | undefined, args: ListArgs, type: GraphQLNamedType, selectionSet: SelectionSetNode): PageTree {
  walk.access.checkFilter(model, args.where, field ? `${field.name}.where` : 'where', 'records');
  const bounds = { ...paging(args), countUpTo: countCap(args) };
  const entries = [...collectFields(walk, selectionSet)].map(([key, nodes]): PageEntry => {
    const name = nodes[0].name.value;
    if (name === '__typename') return { kind: 'typename', key, typename: type.name };
    if (name === 'nodes') return { kind: 'nodes', key, record: recordTree(walk, model, subSelection(nodes)) };
    if (name === 'totalCount' || name === 'totalCountIsLowerBound') return { kind: name, key };
    return { kind: 'resolved', key, name };
  });
  return { model, field, args, bounds, type, entries };
}
