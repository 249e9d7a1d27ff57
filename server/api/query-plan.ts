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
  nodes?: ModelPlan;
  totalCount: boolean;
  totalCountIsLowerBound: boolean;
  access: Access;
};

/** Where prefetched relations sit on a row: `@` + the response key (alias or field name). */
export const prefetchKey = (responseKey: string) => `@${responseKey}`;

/** Where a resolver's selection is walked: its schema, its operation's fragments and variables, and who reads. */
const walkOf = (info: GraphQLResolveInfo, access: Access): Walk => ({ schema: info.schema, fragments: info.fragments, variableValues: info.variableValues, access });

/** The plan of records of `model` under a selection (the fields selected on each record): its tree, walked once, as execution reads it. */
export function planModel(info: GraphQLResolveInfo, model: ModelMeta, selectionSet: SelectionSetNode, access: Access): ModelPlan {
  return modelPlanOf([recordTree(walkOf(info, access), model, selectionSet)], access);
}

/** The plan of the top-level page the field being resolved answers (`deputies(…) { nodes { … } totalCount }`). */
export function planList(info: GraphQLResolveInfo, model: ModelMeta, args: ListArgs, access: Access): ListPlan {
  return listPlanOf([pageTree(walkOf(info, access), model, undefined, args, getNamedType(info.returnType), selectionOf(info))], access);
}

/**
 * The plan of records answered under one or more trees of one model: a page's `nodes` under several aliases read
 * the same rows, so their plan is one of everything any of them selects, each relation under its response key (an
 * alias that names another relation or a page with other arguments under a key already taken is not read twice).
 */
export function modelPlanOf(records: readonly RecordTree[], access: Access): ModelPlan {
  const plan: ModelPlan = { model: records[0].model, scalars: new Set(['id']), references: new Map(), lists: new Map(), access };
  const references = new Map<string, { field: FieldMeta; records: RecordTree[] }>();
  const lists = new Map<string, PageTree[]>();
  for (const entry of records.flatMap((record) => record.entries)) {
    if (entry.kind === 'stored') plan.scalars.add(entry.field.name);
    else if (entry.kind === 'reference') {
      const known = references.get(entry.key);
      if (!known) references.set(entry.key, { field: entry.field, records: [entry.record] });
      else if (known.field === entry.field) known.records.push(entry.record);
    } else if (entry.kind === 'list') {
      const known = lists.get(entry.key);
      if (!known) lists.set(entry.key, [entry.page]);
      else if (known[0].field === entry.field) known.push(entry.page);
    }
    // Type names and fields answered by resolvers of their own are not read from the table.
  }
  for (const [key, { field, records: targets }] of references) plan.references.set(key, { field, plan: modelPlanOf(targets, access) });
  for (const [key, pages] of lists) plan.lists.set(key, listPlanOf(pages, access));
  return plan;
}

/** The plan of a page under one or more trees (one response key under several aliases of `nodes`): the first one's arguments, everything any of them asks. */
export function listPlanOf(pages: readonly PageTree[], access: Access): ListPlan {
  const [{ field, model, args, bounds }] = pages;
  const entries = pages.flatMap((page) => page.entries);
  const nodes = entries.flatMap((entry) => (entry.kind === 'nodes' ? [entry.record] : []));
  return {
    field,
    model,
    args,
    bounds,
    ...(nodes.length ? { nodes: modelPlanOf(nodes, access) } : {}),
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
