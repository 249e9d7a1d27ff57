/**
 * Look-ahead: what a GraphQL selection asks of a model, as a tree the JSON select builder compiles into one
 * SQL statement — scalars, references (with their own plans) and to-many pages (with their arguments),
 * keyed by response key so that aliases with different arguments stay apart.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import { targetOf } from '../../schema/model/relations.js';
import type { ListArgs } from './page-args.js';
import { measureNames, type AggregateAsk, type MeasureName } from './aggregate.builder.js';

export type ModelPlan = {
  model: ModelMeta;
  /** Stored fields the selection reads (scalars and enums), by field name. */
  scalars: Set<string>;
  references: Map<string, { field: FieldMeta; plan: ModelPlan }>;
  lists: Map<string, ListPlan>;
  /** The user's access: what the statement may read of each model and which columns it masks. */
  access: Access;
};

export type ListPlan = { field: FieldMeta; model: ModelMeta; args: ListArgs; nodes?: ModelPlan; totalCount: boolean; totalCountIsLowerBound: boolean; access: Access };

/** Where prefetched relations sit on a row: `@` + the response key (alias or field name). */
export const prefetchKey = (responseKey: string) => `@${responseKey}`;

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

/** The plan of a model's object type under `nodes` (the fields selected on each record). */
export function planModel(info: GraphQLResolveInfo, model: ModelMeta, selectionSet: SelectionSetNode, access: Access): ModelPlan {
  const plan: ModelPlan = { model, scalars: new Set(['id']), references: new Map(), lists: new Map(), access };
  const type = info.schema.getType(model.name) as GraphQLObjectType;
  const typeFields = type.getFields();
  for (const [key, nodes] of collectFields(info, selectionSet)) {
    const name = nodes[0].name.value;
    const field = model.fields.find((candidate) => candidate.name === name);
    if (!field) continue; // __typename and the like
    if (field.kind === 'reference') {
      plan.references.set(key, { field, plan: planModel(info, targetOf(field), subSelection(nodes), access) });
    } else if (field.kind === 'referenceList') {
      const args = getArgumentValues(typeFields[name], nodes[0], info.variableValues) as ListArgs;
      plan.lists.set(key, planList(info, field, targetOf(field), args, subSelection(nodes), access));
    } else {
      plan.scalars.add(name);
    }
  }
  return plan;
}

/** The plan of a `…List` selection: `nodes` with their plan, and whether `totalCount` and `totalCountIsLowerBound` are asked for. */
export function planList(info: GraphQLResolveInfo, field: FieldMeta | undefined, model: ModelMeta, args: ListArgs, selectionSet: SelectionSetNode, access: Access): ListPlan {
  access.checkFilter(model, args.where, field ? `${field.name}.where` : 'where', 'records');
  const list: ListPlan = { field: field!, model, args, totalCount: false, totalCountIsLowerBound: false, access };
  const nodeSelections: FieldNode[] = [];
  for (const [, nodes] of collectFields(info, selectionSet)) {
    const name = nodes[0].name.value;
    if (name === 'totalCount') list.totalCount = true;
    if (name === 'totalCountIsLowerBound') list.totalCountIsLowerBound = true;
    if (name === 'nodes') nodeSelections.push(...nodes);
  }
  // Several `nodes` selections (aliases) read the same rows: one plan of everything any of them selects.
  if (nodeSelections.length) list.nodes = planModel(info, model, subSelection(nodeSelections), access);
  return list;
}

/**
 * What an aggregate's selection (its rows' fields) asks the statement to compute: each measure's fields (`sum
 * { amount }`, under any alias, through fragments, @skip/@include honoured), and whether a key's label is read.
 */
export function planAggregate(info: SelectionContext, selectionSet: SelectionSetNode): AggregateAsk {
  const measures = new Map<MeasureName, Set<string>>();
  let labels = false;
  for (const [, nodes] of collectFields(info, selectionSet)) {
    const name = nodes[0].name.value;
    const measure = measureNames.find((candidate) => candidate === name);
    if (measure) {
      const fields = measures.get(measure) ?? new Set<string>();
      for (const [, measureNodes] of collectFields(info, subSelection(nodes))) fields.add(measureNodes[0].name.value);
      measures.set(measure, fields);
    } else if (name === 'key') {
      for (const [, keyNodes] of collectFields(info, subSelection(nodes))) if (keyNodes[0].name.value === 'label') labels = true;
    }
  }
  return { measures, labels };
}

/** Every selection of the fields named `name` (under any alias) in a selection set, merged into one. */
export function mergedSelection(info: GraphQLResolveInfo, selectionSet: SelectionSetNode, name: string): SelectionSetNode {
  const nodes = [...collectFields(info, selectionSet).values()].flat().filter((node) => node.name.value === name);
  return subSelection(nodes);
}

/** The selection set of the field being resolved (all its nodes merged). */
export function selectionOf(info: GraphQLResolveInfo): SelectionSetNode {
  return subSelection([...info.fieldNodes]);
}
