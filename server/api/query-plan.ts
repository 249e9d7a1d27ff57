/**
 * Look-ahead for ordinary execution: what a selection asks of a model, as the plan the JSON select builder compiles
 * into one SQL statement — the stored fields read, references (with their own plans) and to-many pages (with their
 * arguments and bounds), keyed by response key so that aliases with different arguments stay apart. Derived from the
 * one walk of the selection (selection-tree.ts), which the text path renders too.
 */
import { getNamedType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import type { ListArgs } from './page-args.js';
import { measureNames, type AggregateAsk, type MeasureName } from './aggregate.builder.js';
import { collectFields, pageTree, recordTree, subSelection, type PageBounds, type PageTree, type RecordTree, type SelectionContext, type Walk } from './selection-tree.js';

export type ModelPlan = {
  model: ModelMeta;
  /** Stored fields the selection reads (scalars and enums), by field name. */
  scalars: Set<string>;
  references: Map<string, { field: FieldMeta; plan: ModelPlan }>;
  lists: Map<string, ListPlan>;
  /** The user's access: what the statement may read of each model and which columns it masks. */
  access: Access;
};

export type ListPlan = {
  /** Absent at the top (`deputies(…)`). */
  field: FieldMeta | undefined;
  model: ModelMeta;
  args: ListArgs;
  bounds: PageBounds;
  /** The rows under each response key of `nodes` asked (one, mostly), each alias with its own plan: see nodesKey. */
  nodes: NodesPlan[];
  totalCount: boolean;
  totalCountIsLowerBound: boolean;
  access: Access;
};

/** Where prefetched relations sit on a row: `@` + the response key (alias or field name). */
export const prefetchKey = (responseKey: string) => `@${responseKey}`;

/** A page's rows as one alias of `nodes` selects them. */
export type NodesPlan = { key: string; plan: ModelPlan };

/**
 * Where a page's rows sit in its JSON: the first `nodes` asked under `nodes` (what a page holds, answered by the
 * default resolver), any other alias under `@` + its key. Each alias has the rows projected as it selects them:
 * merged into one plan, two aliases asking different things under one key (another page of a list, another
 * reference) were both answered with the first one's.
 */
export const nodesKey = (index: number, responseKey: string) => (index === 0 ? 'nodes' : prefetchKey(responseKey));

/** Where a resolver's selection is walked: its schema, its operation's fragments and variables, and who reads. */
const walkOf = (info: GraphQLResolveInfo, access: Access): Walk => ({ schema: info.schema, fragments: info.fragments, variableValues: info.variableValues, access });

/** The plan of records of `model` under a selection (the fields selected on each record): its tree, walked once, as execution reads it. */
export function planModel(info: GraphQLResolveInfo, model: ModelMeta, selectionSet: SelectionSetNode, access: Access): ModelPlan {
  return modelPlanOf(recordTree(walkOf(info, access), model, selectionSet), access);
}

/** The plan of the top-level page the field being resolved answers (`deputies(…) { nodes { … } totalCount }`). */
export function planList(info: GraphQLResolveInfo, model: ModelMeta, args: ListArgs, access: Access): ListPlan {
  return listPlanOf(pageTree(walkOf(info, access), model, undefined, args, getNamedType(info.returnType), selectionOf(info)), access);
}

/** The plan of a record's tree: its stored fields, and each relation under its response key with a plan of its own. */
export function modelPlanOf(record: RecordTree, access: Access): ModelPlan {
  const plan: ModelPlan = { model: record.model, scalars: new Set(['id']), references: new Map(), lists: new Map(), access };
  for (const entry of record.entries) {
    if (entry.kind === 'stored') plan.scalars.add(entry.field.name);
    else if (entry.kind === 'reference') plan.references.set(entry.key, { field: entry.field, plan: modelPlanOf(entry.record, access) });
    else if (entry.kind === 'list') plan.lists.set(entry.key, listPlanOf(entry.page, access));
    // Type names and fields answered by resolvers of their own are not read from the table.
  }
  return plan;
}

/** The plan of a page's tree: its arguments, each alias of `nodes` with its own plan, and whether its count is asked. */
export function listPlanOf(page: PageTree, access: Access): ListPlan {
  const { field, model, args, bounds, entries } = page;
  return {
    field,
    model,
    args,
    bounds,
    nodes: entries.flatMap((entry) => (entry.kind === 'nodes' ? [{ key: entry.key, plan: modelPlanOf(entry.record, access) }] : [])),
    totalCount: entries.some((entry) => entry.kind === 'totalCount'),
    totalCountIsLowerBound: entries.some((entry) => entry.kind === 'totalCountIsLowerBound'),
    access,
  };
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
