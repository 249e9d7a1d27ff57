/**
 * Compiles a query plan into ONE SQL statement that returns the whole nested answer as JSON: references
 * as correlated subqueries on their primary key, to-many pages as ordered, limited subqueries aggregated
 * with json_agg, counts as correlated counts. PostgreSQL walks the indexes; the server parses one value.
 */
import { isEnumType, type GraphQLNamedType } from 'graphql';
import type { FieldMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import { and, ident, join, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { whereSql, type SearchPlan } from './filter.builder.js';
import { backReference } from '../../schema/model/relations.js';
import { column } from './model-sql.js';
import { nodesKey, prefetchKey, type ListPlan, type ModelPlan } from './query-plan.js';
import { visible, type ListArgs } from './page-args.js';
import { rankedRows } from './search-rank.js';
import { boundedSearch, drivenRows, drivenSearch, drivesRows, foundCount, foundTargets } from './search-drive.js';
import { reachDrive, readsReach, type ReachDrive } from './reach-drive.js';

/** json_build_object takes at most 100 arguments: larger objects are built in parts and merged. */
const pairsPerCall = 50;
const responseKey = /^[_A-Za-z][_0-9A-Za-z]*$/;

function key(name: string): Sql {
  const text = name.startsWith('@') ? name.slice(1) : name;
  if (!responseKey.test(text)) throw new Error(`not a GraphQL name: ${name}`);
  return raw(`'${name}'`);
}

/**
 * An object as JSON text from (response key, JSON text) pairs, in order: for answers PostgreSQL renders
 * whole and the server splices into the response as they are (keys are GraphQL names: nothing to escape).
 */
export function objectText(pairs: readonly (readonly [string, Sql])[]): Sql {
  if (pairs.length === 0) return raw(`'{}'`);
  const parts = pairs.map(([name, value], index) => {
    if (!responseKey.test(name)) throw new Error(`not a GraphQL name: ${name}`);
    return sql`${raw(`'${index === 0 ? '{' : ','}"${name}":'`)} || ${value}`;
  });
  return sql`(${join(parts, ' || ')} || '}')`;
}

/** A stored field as JSON: ids and exact numbers as strings, personal identifiers as the user may see them. */
export function scalarJson(alias: string, field: FieldMeta, access: Access): Sql {
  if (field.graphqlType === 'ID' || field.kind === 'decimal' || field.kind === 'money') return sql`${column(alias, field)}::text`;
  return access.column(alias, field);
}

/** GraphQL scalars whose values PostgreSQL's JSON writes as GraphQL serialises them (ids and exact numbers come as text, scalarJson). */
const sameAsJson = new Set(['ID', 'String', 'Int', 'Boolean', 'Date', 'Decimal', 'JSON']);

/**
 * Whether a stored field of GraphQL type `type`, read by scalarValue, comes out of PostgreSQL's JSON exactly as
 * GraphQL execution writes it — for answers PostgreSQL renders whole (record reads, comparisons' regions). A
 * JSON value comes as PostgreSQL spaces it: the same value.
 */
export function rendersAsGraphql(field: FieldMeta, type: GraphQLNamedType): boolean {
  if (field.kind === 'datetime') return true;
  return sameAsJson.has(type.name) || (isEnumType(type) && type.getValues().every((value) => value.value === value.name));
}

/** A stored field as GraphQL writes it: a DateTime as `2024-03-01T08:00:00.000Z` (UTC, milliseconds), the rest as scalarJson. */
export function scalarValue(alias: string, field: FieldMeta, access: Access): Sql {
  const value = scalarJson(alias, field, access);
  if (field.kind === 'datetime') return sql`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return value;
}

function buildObject(pairs: [Sql, Sql][]): Sql {
  if (pairs.length === 0) return raw(`'{}'::json`);
  const parts: Sql[] = [];
  for (let start = 0; start < pairs.length; start += pairsPerCall) {
    const chunk = pairs.slice(start, start + pairsPerCall).flatMap(([name, value]) => [name, value]);
    parts.push(sql`json_build_object(${join(chunk, ', ')})`);
  }
  return parts.length === 1
    ? parts[0]
    : sql`(${join(
        parts.map((part) => sql`${part}::jsonb`),
        ' || ',
      )})::json`;
}

/** One record of `plan.model` under `alias` as a JSON object, its relations nested under `@key`. */
export function recordJson(plan: ModelPlan, alias: string): Sql {
  const pairs: [Sql, Sql][] = [];
  for (const name of plan.scalars) {
    const field = plan.model.fields.find((candidate) => candidate.name === name)!;
    pairs.push([key(name), scalarJson(alias, field, plan.access)]);
  }
  for (const [responseKey, { field, plan: target }] of plan.references) {
    const inner = tableAlias('j');
    pairs.push([
      key(prefetchKey(responseKey)),
      // A reference the user may not read comes out null (API.md: references are nullable in output).
      sql`(select ${recordJson(target, inner)} from ${ident(target.model.table)} ${raw(inner)} where ${join(
        [sql`${ident(inner, 'id')} = ${column(alias, field)}`, raw(`${inner}."deleted_at" is null`), plan.access.readScope(target.model, inner)],
        ' and ',
      )})`,
    ]);
  }
  // A page under a record is a relation's: its field is known (only a top-level page has none).
  for (const [responseKey, list] of plan.lists) pairs.push([key(prefetchKey(responseKey)), listJson(list, childOf(list.field!, alias))]);
  return buildObject(pairs);
}

function isEmptyFilter(where: ListArgs['where']): boolean {
  return !where || Object.values(where).every((value) => value === undefined || value === null);
}

/** The condition tying a to-many list's rows (under the alias given) to their parent row under `parent`. */
export function childOf(list: FieldMeta, parent: string): (alias: string) => Sql {
  const { field } = backReference(list);
  return (alias) => sql`${column(alias, field)} = ${ident(parent, 'id')}`;
}

/** What a page reads, without what it answers: its rows' query and its count. */
export type PageSource = Pick<ListPlan, 'field' | 'model' | 'args' | 'bounds' | 'access'>;

/**
 * A page's rows (each projected as the select list given, in order, limited) and its count, with the user's scopes and the
 * filter; `scope` ties the rows to their parent (or is absent at the top). Ordinary reads (listJson) and
 * answers rendered as text (record-response.ts) both build their pages from these.
 * `counted(n => …)`: the answer's count fields over ONE count (`n`), which stops one row past `countUpTo` when that is
 * given: `totalCount` is then at most `countUpTo`, and `totalCountIsLowerBound` whether a row lay beyond it. An answer
 * the rows are in is made `counted` or `uncounted`: either gives them what they read from (search-drive.ts FoundTargets).
 */
export function pageSql(
  list: PageSource,
  scope: ((alias: string) => Sql) | undefined,
): { nodes: (alias: string, projection: Sql, aggregate: (rows: Sql) => Sql) => Sql; uncounted: (answer: Sql) => Sql; counted: (answer: (total: Sql, lowerBound: Sql) => Sql) => Sql } {
  // Checked where the selection was walked (selection-tree.ts pageTree), for both paths.
  const { offset, limit, countUpTo: cap } = list.bounds;
  const rowScope = list.access.rowScope('records');
  // A top-level `q` is read from the side its breadth makes cheap (search-drive.ts), what it matches found once for
  // the rows and the count when either reads it — unless the user reaches part of the list only (`bounded`).
  const driven = drivenSearch(list, scope);
  const bounded = driven !== null && boundedSearch(list, driven);
  const conditionsOf = (alias: string, where: ListArgs['where'], search: SearchPlan = bounded ? 'rowByRow' : 'indexed') =>
    join([scope?.(alias) ?? raw(''), visible(alias, list.args), list.access.readScope(list.model, alias), whereSql(list.model, alias, where, rowScope, 'where', search)], ' and ');
  const conditions = (alias: string) => conditionsOf(alias, list.args.where);
  const found = driven && !bounded && (cap !== null || drivesRows(list)) ? foundTargets(list, driven, conditionsOf, rowScope, offset + limit, cap) : null;
  // A user who reads part of a list reads it from the rows in reach when they are few (reach-drive.ts), where as above
  // the list's own side would be read and each row tested against the user's scope.
  const reachIds = readsReach(list, scope, driven !== null, bounded) && list.access.readReachIds(list.model);
  const reach = reachIds ? reachDrive(list, reachIds) : null;
  const eachRow = (alias: string) => conditionsOf(alias, list.args.where, 'rowByRow');
  const fromReach = (read: (reach: ReachDrive) => Sql, otherwise: Sql) => (reach ? sql`(case when ${reach.small} then ${read(reach)} else ${otherwise} end)` : otherwise);
  const searchedCount = () => {
    const inner = tableAlias('c');
    // Capped: one row past the cap tells "more" from "exactly so many", and no more rows are read.
    const capped = (upTo: number) => sql`(select count(*)::int from (select from ${ident(list.model.table)} ${raw(inner)} where ${conditions(inner)} limit ${upTo + 1}) capped)`;
    if (cap !== null && driven && found) return foundCount(list, driven, found, conditionsOf, rowScope, cap, () => capped(cap));
    if (cap !== null) return capped(cap);
    const counted = sql`(select count(*)::int from ${ident(list.model.table)} ${raw(inner)} where ${conditions(inner)})`;
    // A whole table's live rows are counted by triggers (row_count): a lookup, not a scan of millions.
    const whole = !scope && !list.args.withDeleted && isEmptyFilter(list.args.where) && list.access.readsAll(list.model);
    return whole ? sql`coalesce((select live::int from row_count where table_name = ${list.model.table}), ${counted})` : counted;
  };
  const count = () => fromReach((reach) => reach.count(eachRow, cap), searchedCount());
  // The answer is written under the CTEs of the reach and of the found targets: its rows and its count read them there.
  const ctes = [reach?.cte, found?.cte].filter((cte): cte is Sql => cte !== undefined);
  const under = ctes.length ? sql`with ${join(ctes, ', ')} ` : raw('');
  const uncounted = (answer: Sql) => (ctes.length ? sql`(${under}select ${answer})` : answer);
  const rows = (alias: string, projection: Sql) =>
    (found && drivenRows(list, found, alias, projection, conditionsOf, offset, limit)) || rankedRows(list, alias, projection, conditionsOf, offset, limit);
  return {
    nodes: (alias, projection, aggregate) => fromReach((reach) => aggregate(reach.rows(alias, projection, eachRow, offset, limit)), aggregate(rows(alias, projection))),
    uncounted,
    counted: (answer) => {
      if (cap === null) return uncounted(answer(count(), raw('false')));
      const n = tableAlias('k');
      // `offset 0` keeps the count a subquery of its own: pulled up, each of its two uses would count again.
      return sql`(${under}select ${answer(sql`least(${raw(n)}.n, ${cap})`, sql`${raw(n)}.n > ${cap}`)} from (select ${count()} as n offset 0) ${raw(n)})`;
    },
  };
}

/** `{ nodes, totalCount, totalCountIsLowerBound }` of a page; `scope` ties the rows to their parent (or is empty at the top). */
export function listJson(list: ListPlan, scope: ((alias: string) => Sql) | undefined): Sql {
  const page = pageSql(list, scope);
  const pairs: [Sql, Sql][] = [];
  list.nodes.forEach(({ key: responseKey, plan }, index) => {
    const inner = tableAlias('n');
    pairs.push([key(nodesKey(index, responseKey)), page.nodes(inner, sql`${recordJson(plan, inner)} as j`, (rows) => sql`coalesce((select json_agg(s.j) from (${rows}) s), '[]'::json)`)]);
  });
  if (!list.totalCount && !list.totalCountIsLowerBound) return page.uncounted(buildObject(pairs));
  return page.counted((total, lowerBound) =>
    buildObject([
      ...pairs,
      ...(list.totalCount ? [[raw(`'totalCount'`), total] as [Sql, Sql]] : []),
      ...(list.totalCountIsLowerBound ? [[raw(`'totalCountIsLowerBound'`), lowerBound] as [Sql, Sql]] : []),
    ]),
  );
}

/** The statement answering a top-level list: one row, one JSON value. */
export function listStatement(list: ListPlan): Sql {
  return sql`select ${listJson(list, undefined)} as result`;
}

/** The statement answering records by id, in the order of `ids` (deleted ones included: a bulk mutation's answer). */
export function recordsStatement(plan: ModelPlan, ids: readonly string[]): Sql {
  return sql`select coalesce(json_agg(${recordJson(plan, 't')} order by u.ord), '[]'::json) as result
    from unnest(${ids}::bigint[]) with ordinality as u(id, ord) join ${ident(plan.model.table)} t on t."id" = u.id where ${and([plan.access.readScope(plan.model, 't')])}`;
}

/** The statement answering a single record (or none). */
export function recordStatement(plan: ModelPlan, id: string, args: Pick<ListArgs, 'withDeleted'>): Sql {
  return sql`select ${recordJson(plan, 't')} as result from ${ident(plan.model.table)} t where ${join([sql`t."id" = ${id}`, visible('t', args), plan.access.readScope(plan.model, 't')], ' and ')}`;
}
