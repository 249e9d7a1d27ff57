/**
 * Operations made only of record reads (`deputies(…)`, `deputy(id: …)`, with anything they nest) and
 * aggregates (`deputiesAggregate(…)`: the aggregate builder's statement, its withheld cells and labels as
 * execution writes them), answered as text: ONE statement renders the whole `data` object in the response's own shape — response keys in
 * selection order, aliases, `__typename`, scalars written as GraphQL serialises them — and the answer is put
 * together around that text. No object per row is made, walked by GraphQL execution and serialised again:
 * for a page of a hundred records that was most of a small request's time in Node.
 *
 * The statement is built by the same builders as ordinary execution (json-select.builder.ts): the same
 * scopes, masks, filters, orders and pages. Only what renders exactly as ordinary execution takes this
 * path (tests/api/record-response.test.ts compares the two for every model and role); anything else — a
 * field with a resolver of its own, unmasked personal identifiers (whose reading is recorded
 * from the answer), a refusal or a bad argument — runs the ordinary way, which answers or refuses as always.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isObjectType,
  Kind,
  locatedError,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import type { Access } from '../access/access.js';
import type { Context } from '../graphql/context.js';
import type { Rows } from '../db/read-pool.js';
import { JsonText } from '../graphql/json-text.js';
import { isPageType } from '../graphql/page-type.js';
import { PerDocument, variablesKey } from '../graphql/per-document.js';
import { ident, join, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { childOf, pageSql, rendersAsGraphql, scalarValue } from './json-select.builder.js';
import { checkId } from './filter.builder.js';
import { planAggregate } from './query-plan.js';
import { collectFields, subSelection, type SelectionContext } from './selection-tree.js';
import { aggregateParts, labelSql, measureNames, suppressedSql, type AggregateAsk, type GroupByInput, type MeasureName } from './aggregate.builder.js';
import type { FilterInput } from './filter.builder.js';
import { typesOf } from './types/model-types.js';
import type { Language } from '../graphql/language.js';
import { countCap, paging, visible, type ListArgs } from './page-args.js';
import { targetOf } from '../../schema/model/relations.js';

/** A record's answer: its entries in response order. */
type RecordShape = { model: ModelMeta; entries: RecordEntry[] };
type RecordEntry =
  { key: string; typename: string } | { key: string; scalar: FieldMeta } | { key: string; reference: FieldMeta; shape: RecordShape } | { key: string; list: FieldMeta; page: PageShape };
/** A page's answer (`{ nodes, totalCount }` under whatever keys were asked). */
type PageShape = { model: ModelMeta; field: FieldMeta | undefined; args: ListArgs; entries: PageEntry[] };
type PageEntry = { key: string; typename: string } | { key: string; nodes: RecordShape } | { key: string; totalCount: true } | { key: string; lowerBound: true };
/** An aggregate's answer (`…Aggregate`): its rows' entries in response order, and what the statement computes. */
type AggregateShape = { model: ModelMeta; args: AggregateArgs; ask: AggregateAsk; entries: AggregateEntry[] };
type AggregateEntry =
  | { key: string; typename: string }
  | { key: string; row: 'count' | 'suppressed' | 'countBelow' }
  | { key: string; groupKey: GroupKeyEntry[] }
  | { key: string; measure: MeasureName; entries: ({ key: string; typename: string } | { key: string; field: string })[] };
type GroupKeyEntry = { key: string; typename: string } | { key: string; part: 'field' | 'part' | 'value' | 'label' };
type AggregateArgs = { where?: FilterInput | null; groupBy?: GroupByInput[] | null; withDeleted?: boolean | null };
/** One root field: a page of a model, one record by id, or an aggregate. */
type RootShape = { key: string; nodes: readonly FieldNode[] } & (
  { page: PageShape } | { one: { model: ModelMeta; id: string; withDeleted: boolean; shape: RecordShape } } | { aggregate: AggregateShape }
);

/** Root fields that read records or their statistics, by name (from the inflection, as crud.resolver.ts names them). */
type RootRead = { model: ModelMeta; kind: 'list' | 'one' | 'aggregate' };
export function rootReads(): Map<string, RootRead> {
  const reads = new Map<string, RootRead>();
  for (const entity of servedEntities) {
    const model = modelOf(entity);
    if (model.operations.includes('list')) reads.set(inflection.list(model), { model, kind: 'list' });
    if (model.operations.includes('read')) reads.set(inflection.one(model), { model, kind: 'one' });
    if (model.operations.includes('aggregate')) reads.set(inflection.aggregate(model), { model, kind: 'aggregate' });
  }
  return reads;
}

/** Not renderable as text: the ordinary way answers it. */
class NotText extends Error {}
const notText = (): never => {
  throw new NotText();
};

/** `language`: the request's, when the caller knows it (labels need it; without it they go the ordinary way). */
type Planning = { context: SelectionContext; schema: GraphQLSchema; access: Access; language: Language | undefined };

/** The entries of a record of `model` (its GraphQL type `type`) under a selection. */
function recordShape(planning: Planning, type: GraphQLObjectType, model: ModelMeta, selectionSet: SelectionSetNode): RecordShape {
  const entries: RecordEntry[] = [];
  const typeFields = type.getFields();
  for (const [key, nodes] of collectFields(planning.context, selectionSet)) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      entries.push({ key, typename: type.name });
      continue;
    }
    const field = model.fields.find((candidate) => candidate.name === name);
    const definition = typeFields[name];
    // A field with a resolver of its own (not a stored field of the model): only execution answers it.
    if (!field || !definition) return notText();
    if (field.kind === 'reference') {
      const target = targetOf(field);
      entries.push({ key, reference: field, shape: recordShape(planning, objectType(planning.schema, target.name), target, subSelection(nodes)) });
    } else if (field.kind === 'referenceList') {
      const args = getArgumentValues(definition, nodes[0], planning.context.variableValues) as ListArgs;
      entries.push({ key, list: field, page: pageShape(planning, pageTypeOf(definition), targetOf(field), field, args, subSelection(nodes)) });
    } else {
      if (!rendersAsGraphql(field, getNamedType(definition.type))) return notText();
      entries.push({ key, scalar: field });
      // An unmasked personal identifier's reading is recorded from the answer's records (audit/personal-reads.ts).
      if (field.personal && !planning.access.masks) return notText();
    }
  }
  return { model, entries };
}

function pageShape(planning: Planning, pageType: GraphQLObjectType, model: ModelMeta, field: FieldMeta | undefined, args: ListArgs, selectionSet: SelectionSetNode): PageShape {
  // The checks planList makes for ordinary execution: a refused filter is refused there, in words.
  planning.access.checkFilter(model, args.where, field ? `${field.name}.where` : 'where', 'records');
  paging(args);
  countCap(args);
  const entries: PageEntry[] = [];
  for (const [key, nodes] of collectFields(planning.context, selectionSet)) {
    const name = nodes[0].name.value;
    if (name === '__typename') entries.push({ key, typename: pageType.name });
    else if (name === 'totalCount') entries.push({ key, totalCount: true });
    else if (name === 'totalCountIsLowerBound') entries.push({ key, lowerBound: true });
    else if (name === 'nodes') entries.push({ key, nodes: recordShape(planning, objectType(planning.schema, model.name), model, subSelection(nodes)) });
    else return notText();
  }
  return { model, field, args, entries };
}

const aggregateRowFields = new Set(['count', 'suppressed', 'countBelow'] as const);
const groupKeyParts = new Set(['field', 'part', 'value', 'label'] as const);

/** An aggregate's rows under a selection: what each row answers, and (the one walker, planAggregate) what the statement computes. */
function aggregateShape(planning: Planning, model: ModelMeta, args: AggregateArgs, rowType: GraphQLObjectType, selectionSet: SelectionSetNode): AggregateShape {
  const entries: AggregateEntry[] = [];
  const rowFields = rowType.getFields();
  const groupBy = args.groupBy ?? [];
  for (const [key, nodes] of collectFields(planning.context, selectionSet)) {
    const name = nodes[0].name.value;
    if (name === '__typename') entries.push({ key, typename: rowType.name });
    else if (aggregateRowFields.has(name as 'count')) entries.push({ key, row: name as 'count' });
    else if (name === 'key') {
      const keyType = getNamedType(rowFields.key.type) as GraphQLObjectType;
      const parts = [...collectFields(planning.context, subSelection(nodes))].map(([partKey, partNodes]): GroupKeyEntry => {
        const part = partNodes[0].name.value;
        if (part === '__typename') return { key: partKey, typename: keyType.name };
        return groupKeyParts.has(part as 'field') ? { key: partKey, part: part as 'field' } : notText();
      });
      // Labels are words in the request's language; a term's (第十八届) is written by JavaScript alone.
      if (parts.some((part) => 'part' in part && part.part === 'label')) {
        if (!planning.language) notText();
        for (const group of groupBy) if (model.fields.find((field) => field.name === group.field)?.display === 'term') notText();
      }
      entries.push({ key, groupKey: parts });
    } else {
      const measure = measureNames.find((candidate) => candidate === name);
      if (!measure) return notText();
      const numbersType = getNamedType(rowFields[name].type) as GraphQLObjectType;
      const fields = [...collectFields(planning.context, subSelection(nodes))].map(([fieldKey, fieldNodes]) =>
        fieldNodes[0].name.value === '__typename' ? { key: fieldKey, typename: numbersType.name } : { key: fieldKey, field: fieldNodes[0].name.value },
      );
      entries.push({ key, measure, entries: fields });
    }
  }
  return { model, args, ask: planAggregate(planning.context, selectionSet), entries };
}

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType {
  const type = schema.getType(name);
  return isObjectType(type) ? type : notText();
}

/** The page type a list field answers with (`DeputyList`). */
function pageTypeOf(definition: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const type = getNamedType(definition.type);
  return isPageType(type) ? type : notText();
}

/** The root fields' shapes, or null when the operation is not record reads alone or one of them cannot be text. */
export function planRecordReads(
  schema: GraphQLSchema,
  reads: ReadonlyMap<string, RootRead>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  access: Access,
  language?: Language,
): RootShape[] | null {
  if (operation.operation !== 'query' || operation.selectionSet.selections.length === 0) return null;
  // Root fragments and directives are rare in record reads: the ordinary way takes them.
  if (!operation.selectionSet.selections.every((root) => root.kind === Kind.FIELD && reads.has(root.name.value) && !root.directives?.length)) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return null;
  const fragments = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const planning: Planning = { context: { fragments, variableValues: coerced.coerced }, schema, access, language };
  const queryFields = schema.getQueryType()!.getFields();
  const roots = [...collectFields(planning.context, operation.selectionSet)];
  // An aggregate scans: execution runs several root fields' statements side by side, each within the statement
  // timeout, where one statement would run them one after another within one timeout. Alone, it is one scan either way.
  if (roots.length > 1 && roots.some(([, nodes]) => reads.get(nodes[0].name.value)!.kind === 'aggregate')) return null;
  try {
    return roots.map(([key, nodes]): RootShape => {
      const name = nodes[0].name.value;
      const { model, kind } = reads.get(name)!;
      const args = getArgumentValues(queryFields[name] as GraphQLField<unknown, unknown>, nodes[0], coerced.coerced);
      if (kind === 'aggregate') {
        access.require(model, 'aggregate');
        const rowType = getNamedType(queryFields[name].type) as GraphQLObjectType;
        return { key, nodes, aggregate: aggregateShape(planning, model, args, rowType, subSelection(nodes)) };
      }
      if (kind === 'list') {
        access.require(model, 'list');
        return { key, nodes, page: pageShape(planning, pageTypeOf(queryFields[name]), model, undefined, args, subSelection(nodes)) };
      }
      access.require(model, 'read');
      const shape = recordShape(planning, objectType(schema, model.name), model, subSelection(nodes));
      return { key, nodes, one: { model, id: checkId(String(args.id), 'id'), withDeleted: Boolean(args.withDeleted), shape } };
    });
  } catch {
    // Not text, or refused: ordinary execution answers (or refuses) it as it always does.
    return null;
  }
}

const responseKey = /^[_A-Za-z][_0-9A-Za-z]*$/;
const longestColumnName = 63;

/**
 * `value as "key", …`: a select list PostgreSQL writes as a JSON object (row_to_json, json_agg) with exactly
 * those keys, in that order — cheaper for it than building each object by concatenation or json_build_object.
 */
function selectList(pairs: readonly (readonly [string, Sql])[]): Sql {
  return join(
    pairs.map(([key, value]) => {
      if (!responseKey.test(key)) throw new Error(`not a GraphQL name: ${key}`);
      // PostgreSQL cuts a column name at 63 bytes: a longer alias would come out cut (and two could collide).
      if (key.length > longestColumnName) notText();
      return sql`${value} as ${raw(`"${key}"`)}`;
    }),
    ', ',
  );
}

const typename = (name: string) => raw(`'${name}'::text`);

/** A record's select list (under `alias`), its relations as JSON values. */
function recordColumns(shape: RecordShape, alias: string, access: Access): Sql {
  return selectList(
    shape.entries.map((entry): [string, Sql] => {
      if ('typename' in entry) return [entry.key, typename(entry.typename)];
      if ('scalar' in entry) return [entry.key, scalarValue(alias, entry.scalar, access)];
      if ('reference' in entry) {
        const target = entry.shape.model;
        const inner = tableAlias('j');
        // A reference the user may not read comes out null (API.md: references are nullable in output).
        const conditions = [sql`${ident(inner, 'id')} = ${ident(alias, entry.reference.column!)}`, raw(`${inner}."deleted_at" is null`), access.readScope(target, inner)];
        return [entry.key, sql`(select row_to_json(r) from (select ${recordColumns(entry.shape, inner, access)} from ${ident(target.table)} ${raw(inner)} where ${join(conditions, ' and ')}) r)`];
      }
      return [entry.key, pageValue(entry.page, access, childOf(entry.list, alias))];
    }),
  );
}

/** A page as a JSON value: its count and its rows, each row an object of the selected keys. */
function pageValue(page: PageShape, access: Access, scope: ((alias: string) => Sql) | undefined): Sql {
  const parts = pageSql({ field: page.field!, model: page.model, args: page.args, access }, scope);
  const render = (total: Sql, lowerBound: Sql) => {
    const columns = selectList(
      page.entries.map((entry): [string, Sql] => {
        if ('typename' in entry) return [entry.key, typename(entry.typename)];
        if ('totalCount' in entry) return [entry.key, total];
        if ('lowerBound' in entry) return [entry.key, lowerBound];
        const inner = tableAlias('n');
        return [entry.key, sql`coalesce((select json_agg(s) from (${parts.rows(inner, recordColumns(entry.nodes, inner, access))}) s), '[]'::json)`];
      }),
    );
    return sql`(select row_to_json(p) from (select ${columns}) p)`;
  };
  // One count however many of the count fields (and aliases) ask for it.
  return page.entries.some((entry) => 'totalCount' in entry || 'lowerBound' in entry) ? parts.counted(render) : render(raw('null'), raw('null'));
}

/**
 * An aggregate's rows as a JSON array, computed by the aggregate builder's statement (the same scopes, filters,
 * groups, measures and cell floor as execution) and written as execution writes AggregateRow: a withheld group
 * with null count and measures, `suppressed`, and `countBelow`; labels in the request's language.
 */
function aggregateValue(shape: AggregateShape, access: Access, language: Language | undefined): Sql {
  const numericFields = typesOf(shape.model).numericFields;
  const parts = aggregateParts(shape.model, shape.args, numericFields, shape.ask, access);
  const suppressed = suppressedSql(parts.floor);
  const keyValue = (entries: GroupKeyEntry[], index: number): Sql => {
    const group = parts.groups[index];
    return sql`(select row_to_json(k) from (select ${selectList(
      entries.map((entry): [string, Sql] => {
        if ('typename' in entry) return [entry.key, typename(entry.typename)];
        if (entry.part === 'field') return [entry.key, sql`${group.field.name}::text`];
        if (entry.part === 'part') return [entry.key, group.part ? sql`${group.part}::text` : raw('null::text')];
        if (entry.part === 'value') return [entry.key, raw(`g."k${index}"`)];
        return [entry.key, labelSql(parts, index, language!) ?? notText()];
      }),
    )}) k)`;
  };
  const columns = selectList(
    shape.entries.map((entry): [string, Sql] => {
      if ('typename' in entry) return [entry.key, typename(entry.typename)];
      if ('row' in entry) {
        if (entry.row === 'suppressed') return [entry.key, suppressed];
        if (entry.row === 'count') return [entry.key, sql`(case when ${suppressed} then null::int else g."count" end)`];
        return [entry.key, parts.floor === null ? raw('null::int') : sql`(case when ${suppressed} then ${parts.floor}::int end)`];
      }
      if ('groupKey' in entry)
        return [
          entry.key,
          sql`json_build_array(${join(
            parts.groups.map((_, index) => keyValue(entry.groupKey, index)),
            ', ',
          )})`,
        ];
      const measured = parts.measured.get(entry.measure)!;
      const values = selectList(
        entry.entries.map((item): [string, Sql] => {
          if ('typename' in item) return [item.key, typename(item.typename)];
          const field = measured.find((candidate) => candidate.name === item.field);
          // A refused measure reads null. An Int field's measures are Floats: float8's text read as numeric is written
          // as JavaScript writes the number parsed from that text (digits, no exponent) below 1e21, which an int's sum,
          // average, least and greatest never reach.
          if (!field) return [item.key, raw('null::text')];
          const value = ident('g', `${entry.measure}_${field.name}`);
          return [item.key, field.kind === 'int' ? sql`${value}::text::numeric` : value];
        }),
      );
      return [entry.key, sql`(case when ${suppressed} then null::json else (select row_to_json(m) from (select ${values}) m) end)`];
    }),
  );
  return sql`(select coalesce(json_agg(a), '[]'::json) from (select ${columns} from (${parts.inner}) g ${parts.order}) a)`;
}

/** The statement answering every root field: one row, the `data` object as text. */
export function recordReadsStatement(roots: readonly RootShape[], access: Access, language?: Language): Sql {
  const columns = selectList(
    roots.map((root): [string, Sql] => {
      if ('aggregate' in root) return [root.key, aggregateValue(root.aggregate, access, language)];
      if ('page' in root) return [root.key, pageValue(root.page, access, undefined)];
      const { model, id, withDeleted, shape } = root.one;
      const conditions = [sql`t."id" = ${id}`, visible('t', { withDeleted }), access.readScope(model, 't')];
      return [root.key, sql`(select row_to_json(r) from (select ${recordColumns(shape, 't', access)} from ${ident(model.table)} t where ${join(conditions, ' and ')}) r)`];
    }),
  );
  return sql`select row_to_json(d)::text as result from (select ${columns}) d`;
}

const response = (singleResult: FormattedExecutionResult): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult },
});

/** An operation's statement and where an error of it is said, or null: not text (or refused). */
export type Planned = { statement: Sql; first: RootShape } | null;

function planned(
  schema: GraphQLSchema,
  reads: ReadonlyMap<string, RootRead>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  access: Access,
  language: Language | undefined,
): Planned {
  const roots = planRecordReads(schema, reads, document, operation, variables, access, language);
  if (!roots) return null;
  try {
    return { statement: recordReadsStatement(roots, access, language), first: roots[0] };
  } catch {
    // A sort the user may not use, a page out of bounds …: execution refuses it in words.
    return null;
  }
}

/**
 * Record reads' plans, remembered: one instance serves the plugin below and the known documents' fast path
 * (server/http/known-documents.ts), which plan alike.
 */
export class RecordReads {
  private readonly reads = rootReads();
  // A plan depends on the document, the operation, the variables and who asks (their role, region and id
  // bound the scopes; an owned record is its owner's): a repeated request is planned once.
  private readonly plans = new PerDocument<Planned>();

  constructor(readonly schema: GraphQLSchema) {}

  // `language`: the request's (aggregates' labels are words in it); a caller that does not say gets labels the ordinary way.
  plan(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, access: Access, language?: Language): Planned {
    const { actor } = access;
    const key = `${operation.name?.value ?? ''}|${variablesKey(variables)}|${actor.id}|${actor.role}|${actor.regionCode ?? ''}|${language ?? ''}`;
    return this.plans.get(document, key, () => planned(this.schema, this.reads, document, operation, variables ?? {}, access, language));
  }

  /** The answer's `data` as JSON text: the plan's one statement. */
  async dataText(plan: NonNullable<Planned>, rows: Rows): Promise<string> {
    const [row] = await rows.rows<{ result: string }>(plan.statement);
    return row.result;
  }
}

/** Whether two statements are the same text with the same values (two plans of one request, each path its own). */
function sameStatement(a: Sql, b: Sql): boolean {
  const [first, second] = [a.compile(), b.compile()];
  return first.text === second.text && JSON.stringify(first.values) === JSON.stringify(second.values);
}

/** Answers operations of record reads alone as text (above); leaves every other operation to execution. */
export function recordResponsePlugin(recordReads: RecordReads): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, contextValue }) {
          const plan = recordReads.plan(document, operation, request.variables, contextValue.access, contextValue.language);
          if (!plan) return null;
          try {
            // Already run on the fast path and failed there: its error, not a second wait on the database.
            const failed = contextValue.failedRead;
            if (failed && sameStatement(failed.statement, plan.statement)) throw failed.error;
            // Typed as an object; stringifyResult (json-text.ts) writes the text as it is.
            return response({ data: new JsonText(await recordReads.dataText(plan, contextValue.readPool)) as unknown as Record<string, unknown> });
          } catch (error) {
            // The statement failed (too slow, the database away): said on the first root field, as execution
            // would say it; the one error formatter (apollo.ts) localizes or masks it.
            return response({ data: null, errors: [locatedError(error, plan.first.nodes, [plan.first.key])] });
          }
        },
      };
    },
  };
}
