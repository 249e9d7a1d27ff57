/**
 * A page read by a user who reads part of a list only (a county's clerk: 1,300 of the country's 2.65 million persons),
 * read from the rows in the user's reach (readsReach says which pages): their ids read once from the region's side
 * (Access.readReachIds, served by the scope indexes), each row looked up by primary key and tested against all the
 * page's conditions (the user's scope among them: the ids only narrow what is read), then ranked and sorted, the page
 * cut and the count taken from the same rows. Read the other way — what the search matches across the country, each
 * tested against the scope — `a` took 7 s for the largest county's clerk: 1.8 million persons' pinyin hold an `a`,
 * 890 of them the clerk's.
 *
 * Only up to a limit of ids (Reach): a province's reach (570,000 ids nationally, 0.6 s just to read) is read as anyone
 * else's page is, behind a one-time choice in the statement.
 */
import { ident, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import type { ListPlan } from './query-plan.js';
import { pageOrder, rankOf } from './search-rank.js';

/** What a page reads (json-select.builder.ts `PageSource`). */
type PageSource = Pick<ListPlan, 'field' | 'model' | 'args' | 'access'>;

/**
 * Whether a top-level page is read from the user's reach (when the user has one, Access.readReachIds):
 * - a search, unless the list is walked in its order (`walked`: search-drive.ts boundedSearch, which finds a broad
 *   query's page in the first rows it reads) — a ranked list (persons), or one asked another order;
 * - any page of a model whose region scope is an OR of several paths (a person's: registered, seated or appointed in
 *   the region), which no index serves: each row of the list was tested, the country's persons for a county clerk's
 *   first page and count (1.2 s nationally). A scope of one path is a join PostgreSQL drives from the region's rows.
 */
export function readsReach(list: PageSource, parent: unknown, searched: boolean, walked: boolean): boolean {
  if (parent) return false;
  return searched ? !walked : list.model.regionPaths.length > 1;
}

/** The page's conditions on rows under `alias`, each row tested (search-drive.ts `rowByRow`). */
type RowConditions = (alias: string) => Sql;

/**
 * `cte`: the reach's ids (up to its `limit` + 1, so that a larger one is known as such; read once: `offset 0` keeps
 * the array from being copied into each of its two uses), written before the answer;
 * `small`: whether the page is read from them (a one-time condition); `rows` and `count`: the page's rows and its count
 * from them.
 */
export type ReachDrive = {
  cte: Sql;
  small: Sql;
  rows: (alias: string, projection: Sql, conditions: RowConditions, offset: number, limit: number) => Sql;
  count: (conditions: RowConditions, cap: number | null) => Sql;
};

/**
 * The reach: its ids, and the most read before the page is read the other way (Access.readReachIds; SEARCH_REACH_LIMIT).
 * Each costs a key lookup and the page's tests (5–15 µs nationally): the default, 20,000, is a city's reach (the largest
 * county's is 2,800 ids, a city's 15,500), read and tested within ~100 ms at worst.
 */
export type Reach = { ids: Sql; limit: number };

export function reachDrive(list: PageSource, { ids, limit: reachLimit }: Reach): ReachDrive {
  const name = tableAlias('h');
  const table = ident(list.model.table);
  // Each id once (a person registered, seated and appointed in the county comes three times), its row by primary key and
  // tested there, in a lateral `offset 0` named as its row is: flattened, the planner joined the scope's regions first
  // and looked every id up once per region (16 times for a county's 16 townships).
  const reached = (alias: string, conditions: RowConditions) => {
    const picked = tableAlias('i');
    return sql`(select distinct unnest(ids) as id from ${raw(name)}) ${raw(picked)}
      cross join lateral (select * from ${table} ${raw(alias)} where ${ident(alias, 'id')} = ${ident(picked, 'id')} and ${conditions(alias)} offset 0) ${raw(alias)}`;
  };
  return {
    cte: sql`${raw(name)} as materialized (select ids, cardinality(ids) <= ${reachLimit} as small
      from (select array(select r.id from (${ids}) r limit ${reachLimit + 1}) as ids offset 0) x)`,
    small: raw(`(select small from ${name})`),
    rows: (alias, projection, conditions, offset, limit) => {
      const rank = rankOf(list, alias);
      return sql`select ${projection} from ${reached(alias, conditions)}
        order by ${rank ? sql`${rank}, ` : raw('')}${pageOrder(list, alias)} limit ${limit} offset ${offset}`;
    },
    count: (conditions, cap) => {
      const row = tableAlias('c');
      const matching = sql`select from ${reached(row, conditions)}`;
      return cap === null ? sql`(select count(*)::int from (${matching}) counted)` : sql`(select count(*)::int from (${matching} limit ${cap + 1}) capped)`;
    },
  };
}
