/**
 * Operations made only of `compareRegions`, answered as text. The statement renders the rows and the
 * parents in the response's own shape (response keys, the region's fields as selected) and the answer is
 * put together around that text: no object per row is made, walked by GraphQL execution and serialised
 * again — for a national comparison (2,850 rows × 24 metrics) that was half of its time.
 *
 * Only what renders the same as ordinary execution takes this path: a region's fields whose JSON from
 * PostgreSQL is what GraphQL would answer (rendersAsGraphql, the same test as record reads), each of
 * `rows` and `parents` under one response key. Anything else — a region's relations — runs the
 * ordinary way, which answers the same; errors are answered as ordinary execution answers them.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  Kind,
  locatedError,
  type FormattedExecutionResult,
  type GraphQLError,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { Region } from '../../schema/entities/region.entity.js';
import { modelOf, type FieldMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import { objectText, rendersAsGraphql, scalarValue } from '../api/json-select.builder.js';
import { collectFields, subSelection, type SelectionContext } from '../api/selection-tree.js';
import type { Context } from '../graphql/context.js';
import { JsonText } from '../graphql/json-text.js';
import { raw, sql, type Sql } from '../sql/sql.js';
import type { RowShape } from './compare.js';
import { compareRegions, type ComparisonArgs } from './comparison.js';
import type { MedianRow } from './medians.js';

/** A region field in the answer: its response key and the stored field, or the type name. */
type RegionField = [key: string, field: FieldMeta | '__typename'];
type ComparisonField = [key: string, value: 'metrics' | 'rows' | 'parents' | 'medians' | 'recomputing' | 'catchingUp' | 'typename'];

/** What one root `compareRegions` asks, read from the operation: its arguments and the answer's shape. */
export type ComparisonPlan = {
  key: string;
  nodes: readonly FieldNode[];
  args: Omit<ComparisonArgs, 'regionText' | 'shape' | 'medians'>;
  fields: ComparisonField[];
  rows: RowsPlan | null;
  parents: RowsPlan | null;
  medians: RowShape | null;
};

/** A list of comparison rows: each row's shape, and the region's fields when the rows show it. */
type RowsPlan = { shape: RowShape; region: RegionField[] | null };

/** A region field rendered as text, or null when only ordinary execution answers it the same. */
function regionField(type: GraphQLObjectType, key: string, name: string): RegionField | null {
  if (name === '__typename') return [key, '__typename'];
  const field = modelOf(Region).fields.find((candidate) => candidate.name === name);
  const named = getNamedType(type.getFields()[name]?.type);
  if (!field?.column || field.kind === 'reference' || field.kind === 'referenceList' || !named) return null;
  return rendersAsGraphql(field, named) ? [key, field] : null;
}

/** A list of comparison rows as a shape (and the region's fields), or null when it cannot be text. */
function rowsPlan(context: SelectionContext, schema: GraphQLSchema, nodes: readonly FieldNode[]): RowsPlan | null {
  const shape: [string, RowShape[number][1]][] = [];
  let region: RegionField[] | null = null;
  for (const [key, fieldNodes] of collectFields(context, subSelection(nodes))) {
    const name = fieldNodes[0].name.value;
    if (name === '__typename') shape.push([key, 'typename']);
    else if (name === 'year' || name === 'values') shape.push([key, name]);
    else if (name === 'region') {
      // One region selection per list (merged under its key); two keys would need two texts per row.
      if (region) return null;
      const type = schema.getType('Region') as GraphQLObjectType;
      const fields = [...collectFields(context, subSelection(fieldNodes))].map(([field, selected]) => regionField(type, field, selected[0].name.value));
      if (fields.some((field) => field === null)) return null;
      region = fields as RegionField[];
      shape.push([key, 'region']);
    } else return null;
  }
  return { shape, region };
}

/** The plan of each root field, or null when the operation is not comparisons alone or cannot be text. */
export function planComparisons(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): ComparisonPlan[] | null {
  const roots = operation.selectionSet.selections;
  const comparisonsOnly = operation.operation === 'query' && roots.length > 0 && roots.every((root) => root.kind === Kind.FIELD && root.name.value === 'compareRegions' && !root.directives?.length);
  if (!comparisonsOnly) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return null;
  const fragments = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const context: SelectionContext = { fragments, variableValues: coerced.coerced };
  const definition = schema.getQueryType()!.getFields().compareRegions as GraphQLField<unknown, unknown>;
  const plans: ComparisonPlan[] = [];
  for (const [key, nodes] of collectFields(context, operation.selectionSet)) {
    let args: ComparisonPlan['args'];
    try {
      const values = getArgumentValues(definition, nodes[0], coerced.coerced);
      args = {
        metrics: values.metrics as string[],
        level: values.level as string,
        regionIds: values.regionIds as string[] | null,
        parentId: values.parentId as string | null,
        years: values.years as number[] | null,
        period: values.period as ComparisonArgs['period'],
      };
    } catch {
      return null;
    }
    const fields: ComparisonField[] = [];
    const lists: Partial<Pick<ComparisonPlan, 'rows' | 'parents'>> = {};
    let medians: RowShape | null = null;
    for (const [field, fieldNodes] of collectFields(context, subSelection(nodes))) {
      const name = fieldNodes[0].name.value;
      if (name === '__typename') fields.push([field, 'typename']);
      else if (name === 'metrics' || name === 'recomputing' || name === 'catchingUp') fields.push([field, name]);
      else if (name === 'rows' || name === 'parents') {
        const plan = rowsPlan(context, schema, fieldNodes);
        if (!plan || lists[name]) return null;
        lists[name] = plan;
        fields.push([field, name]);
      } else if (name === 'medians') {
        // Medians are made here from numbers; a region under them is always null.
        const plan = rowsPlan(context, schema, fieldNodes);
        if (!plan) return null;
        medians = plan.shape;
        fields.push([field, 'medians']);
      } else return null;
    }
    plans.push({ key, nodes, args, fields, rows: lists.rows ?? null, parents: lists.parents ?? null, medians });
  }
  return plans;
}

/** A region's selected fields as JSON text, read from the row `alias` as the user may see them. */
function regionText(fields: RegionField[], access: Access): (alias: string) => Sql {
  return (alias) => objectText(fields.map(([key, field]) => [key, field === '__typename' ? raw(`'"Region"'`) : sql`coalesce(to_json(${scalarValue(alias, field, access)})::text, 'null')`]));
}

/** A median row in its shape. */
function medianObject(shape: RowShape, median: MedianRow): Record<string, unknown> {
  const value = { region: null, year: median.year, values: median.values, typename: 'ComparisonRow' };
  return Object.fromEntries(shape.map(([key, what]) => [key, value[what]]));
}

/** One root field's answer as JSON text. */
async function answerText(plan: ComparisonPlan, context: Context): Promise<string> {
  context.access.requireCapability('compareMetrics');
  const text = (list: RowsPlan | null) => (list?.region ? regionText(list.region, context.access) : null);
  const answer = await compareRegions(context.metrics, context.readPool, {
    ...plan.args,
    regionText: { rows: text(plan.rows), parents: text(plan.parents) },
    shape: { rows: plan.rows?.shape ?? null, parents: plan.parents?.shape ?? null },
    medians: plan.medians !== null,
  });
  const value = {
    metrics: () => JSON.stringify(answer.metrics),
    recomputing: () => JSON.stringify(answer.recomputing),
    catchingUp: () => JSON.stringify(answer.catchingUp),
    rows: () => answer.rows!,
    parents: () => answer.parents!,
    medians: () => JSON.stringify(answer.medians.map((median) => medianObject(plan.medians!, median))),
    typename: () => '"Comparison"',
  };
  return `{${plan.fields.map(([key, what]) => `"${key}":${value[what]()}`).join(',')}}`;
}

const response = (singleResult: FormattedExecutionResult | { data: null; errors: GraphQLError[] }): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult },
});

export function comparisonResponsePlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, contextValue }) {
          const plans = planComparisons(schema, document, operation, request.variables ?? {});
          if (!plans) return null;
          const answers = await Promise.allSettled(plans.map((plan) => answerText(plan, contextValue)));
          const errors = answers.flatMap((answer, index) => (answer.status === 'rejected' ? [locatedError(answer.reason, plans[index].nodes, [plans[index].key])] : []));
          // A refusal or a failure: `compareRegions` is non-null, so no data; the error objects themselves go
          // on, for the server's one error formatter (apollo.ts) to localize or mask like any other.
          if (errors.length) return response({ data: null, errors });
          const texts = answers.map((answer) => (answer as PromiseFulfilledResult<string>).value);
          const data = new JsonText(`{${plans.map((plan, index) => `"${plan.key}":${texts[index]}`).join(',')}}`);
          // Typed as an object; stringifyResult (json-text.ts) writes the text as it is.
          return response({ data: data as unknown as Record<string, unknown> });
        },
      };
    },
  };
}
