/**
 * Operations made only of record reads (`deputies(…)`, `deputy(id: …)`, with anything they nest) and
 * aggregates (`deputiesAggregate(…)`: the aggregate builder's statement, its withheld cells and labels as
 * execution writes them), answered as text: ONE statement renders the whole `data` object in the response's own shape — response keys in
 * selection order, aliases, `__typename`, scalars written as GraphQL serialises them — and the answer is put
 * together around that text. No object per row is made, walked by GraphQL execution and serialised again:
 * for a page of a hundred records that was most of a small request's time in Node.
 *
 * The statement is built from the same walk of the selection (selection-tree.ts) and by the same builders as
 * ordinary execution (json-select.builder.ts): the same scopes, masks, filters, orders and pages. Only what renders exactly as ordinary execution takes this
 * path (tests/api/record-response.test.ts compares the two for every model and role); anything else — a
 * field with a resolver of its own, unmasked personal identifiers (whose reading is recorded
 * from the answer), a refusal or a bad argument — runs the ordinary way, which answers or refuses as always.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
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
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
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
import { collectFields, pageTree, recordTree, subSelection, type PageTree, type RecordTree, type Walk } from './selection-tree.js';
import { aggregateParts, labelSql, measureNames, suppressedSql, type AggregateAsk, type GroupByInput, type MeasureName } from './aggregate.builder.js';
import type { FilterInput } from './filter.builder.js';
import { typesOf } from './types/model-types.js';
import type { Language } from '../graphql/language.js';
import { visible } from './page-args.js';

/** An aggregate's answer (`…Aggregate`): its rows' entries in response order, and what the statement computes. */
type AggregateShape = { model: ModelMeta; args: AggregateArgs; ask: AggregateAsk; entries: AggregateEntry[] };
type AggregateEntry =
  | { key: string; typename: string }
  | { key: string; row: 'count' | 'suppressed' | 'countBelow' }
  | { key: string; groupKey: GroupKeyEntry[] }
  | { key: string; measure: MeasureName; entries: ({ key: string; typename: string } | { key: string; field: string })[] };
type GroupKeyEntry = { key: string; typename: string } | { key: string; part: 'field' | 'part' | 'value' | 'label' };
type AggregateArgs = { where?: FilterInput | null; groupBy?: GroupByInput[] | null; withDeleted?: boolean | null };
/** One root field: a page of a model, one record by id (their trees: selection-tree.ts), or an aggregate. */
type RootShape = { key: string; nodes: readonly FieldNode[] } & (
  { page: PageTree } | { one: { model: ModelMeta; id: string; withDeleted: boolean; record: RecordTree } } | { aggregate: AggregateShape }
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

/** What planning needs: the walk of the operation's selections, and the request's language when the caller knows it (labels need it; without it they go the ordinary way). */
type Planning = Walk & { language: Language | undefined };

/**
 * Whether a record's tree renders as text exactly as execution answers it: no field of a resolver of its own (only
 * execution answers it), stored fields PostgreSQL's JSON writes as GraphQL does, no unmasked personal identifier
 * (its reading is recorded from execution's answer, audit/personal-reads.ts).
 */
function recordRenders(record: RecordTree, access: Access): boolean {
  return record.entries.every((entry) => {
    if (entry.kind === 'resolved') return false;
    if (entry.kind === 'stored') return rendersAsGraphql(entry.field, entry.type) && !(entry.field.personal && !access.masks);
    if (entry.kind === 'reference') return recordRenders(entry.record, access);
    if (entry.kind === 'list') return pageRenders(entry.page, access);
    return true;
  });
}

/** Whether a page's tree renders as text: a page type (`DeputyList`) whose asked fields are its rows, counts and type name. */
function pageRenders(page: PageTree, access: Access): boolean {
  return isPageType(page.type) && page.entries.every((entry) => entry.kind !== 'resolved' && (entry.kind !== 'nodes' || recordRenders(entry.record, access)));
}

const aggregateRowFields = new Set(['count', 'suppressed', 'countBelow'] as const);
const groupKeyParts = new Set(['field', 'part', 'value', 'label'] as const);

/** An aggregate's rows under a selection: what each row answers, and (the one walker, planAggregate) what the statement computes. */
function aggregateShape(planning: Planning, model: ModelMeta, args: AggregateArgs, rowType: GraphQLObjectType, selectionSet: SelectionSetNode): AggregateShape {
  const entries: AggregateEntry[] = [];
  const rowFields = rowType.getFields();
  const groupBy = args.groupBy ?? [];
  for (const [key, nodes] of collectFields(planning, selectionSet)) {
    const name = nodes[0].name.value;
    if (name === '__typename') entries.push({ key, typename: rowType.name });
    else if (aggregateRowFields.has(name as 'count')) entries.push({ key, row: name as 'count' });
    else if (name === 'key') {
      const keyType = getNamedType(rowFields.key.type) as GraphQLObjectType;
      const parts = [...collectFields(planning, subSelection(nodes))].map(([partKey, partNodes]): GroupKeyEntry => {
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
      const fields = [...collectFields(planning, subSelection(nodes))].map(([fieldKey, fieldNodes]) =>
        fieldNodes[0].name.value === '__typename' ? { key: fieldKey, typename: numbersType.name } : { key: fieldKey, field: fieldNodes[0].name.value },
      );
      entries.push({ key, measure, entries: fields });
    }
  }
  return { model, args, ask: planAggregate(planning, selectionSet), entries };
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
  const planning: Planning = { fragments, variableValues: coerced.coerced, schema, access, language };
  const queryFields = schema.getQueryType()!.getFields();
  const roots = [...collectFields(planning, operation.selectionSet)];
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
        const page = pageTree(planning, model, undefined, args, getNamedType(queryFields[name].type), subSelection(nodes));
        return pageRenders(page, access) ? { key, nodes, page } : notText();
      }
      access.require(model, 'read');
      const record = recordTree(planning, model, subSelection(nodes));
      if (!recordRenders(record, access)) notText();
      return { key, nodes, one: { model, id: checkId(String(args.id), 'id'), withDeleted: Boolean(args.withDeleted), record } };
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
function recordColumns(record: RecordTree, alias: string, access: Access): Sql {
  return selectList(
    record.entries.map((entry): [string, Sql] => {
      if (entry.kind === 'typename') return [entry.key, typename(entry.typename)];
      if (entry.kind === 'stored') return [entry.key, scalarValue(alias, entry.field, access)];
      if (entry.kind === 'reference') {
        const target = entry.record.model;
        const inner = tableAlias('j');
        // A reference the user may not read comes out null (API.md: references are nullable in output).
        const conditions = [sql`${ident(inner, 'id')} = ${ident(alias, entry.field.column!)}`, raw(`${inner}."deleted_at" is null`), access.readScope(target, inner)];
        return [entry.key, sql`(select row_to_json(r) from (select ${recordColumns(entry.record, inner, access)} from ${ident(target.table)} ${raw(inner)} where ${join(conditions, ' and ')}) r)`];
      }
      if (entry.kind === 'list') return [entry.key, pageValue(entry.page, access, childOf(entry.field, alias))];
      // A field of a resolver of its own: refused before (recordRenders).
      return notText();
    }),
  );
}

/** A page as a JSON value: its count and its rows, each row an object of the selected keys. */
function pageValue(page: PageTree, access: Access, scope: ((alias: string) => Sql) | undefined): Sql {
  const parts = pageSql({ ...page, access }, scope);
  const render = (total: Sql, lowerBound: Sql) => {
    const columns = selectList(
      page.entries.map((entry): [string, Sql] => {
        if (entry.kind === 'typename') return [entry.key, typename(entry.typename)];
        if (entry.kind === 'totalCount') return [entry.key, total];
        if (entry.kind === 'totalCountIsLowerBound') return [entry.key, lowerBound];
        if (entry.kind === 'resolved') return notText();
        const inner = tableAlias('n');
        return [entry.key, parts.nodes(inner, recordColumns(entry.record, inner, access), (rows) => sql`coalesce((select json_agg(s) from (${rows}) s), '[]'::json)`)];
      }),
    );
    return sql`(select row_to_json(p) from (select ${columns}) p)`;
  };
  // One count however many of the count fields (and aliases) ask for it.
  return page.entries.some((entry) => entry.kind === 'totalCount' || entry.kind === 'totalCountIsLowerBound') ? parts.counted(render) : parts.uncounted(render(raw('null'), raw('null')));
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
      const { model, id, withDeleted, record } = root.one;
      const conditions = [sql`t."id" = ${id}`, visible('t', { withDeleted }), access.readScope(model, 't')];
      return [root.key, sql`(select row_to_json(r) from (select ${recordColumns(record, 't', access)} from ${ident(model.table)} t where ${join(conditions, ' and ')}) r)`];
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
    return this.plans.get(document, key, () => {
      const roots = planRecordReads(this.schema, this.reads, document, operation, variables ?? {}, access, language);
      if (!roots) return null;
      try {
        return { statement: recordReadsStatement(roots, access, language), first: roots[0] };
      } catch {
        // A sort the user may not use, a page out of bounds …: execution refuses it in words.
        return null;
      }
    });
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
