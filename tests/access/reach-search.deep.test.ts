/**
 * A search by a user who reads part of a list only (a county's clerk, a city's administrator) is read from the rows in
 * the user's reach (server/api/reach-drive.ts), and answers exactly what the same search answers through the filter
 * alone: for every served model with a search and a region path, both regional roles, queries of every breadth, two
 * pages, a capped and an exact count. Past the reach's limit (SEARCH_REACH_LIMIT; here 0) the page is read the other
 * way, which is compared too. The filter alone is asked for by the same `q` one level down (`AND: [{ q }]`), which no
 * part of a search reads first (a ranked list, exact matches first, in an asked order). A list unsearched (a person's
 * scope, of three paths, is read from the reach too) and one searched by its own text only are compared with the super
 * administrator's, kept to the region by `inRegion`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';
import { mayPerform, rightsOf } from '../../server/access/policy.js';
import { rankedField } from '../../server/api/search-rank.js';
import { loadDemoInto } from '../support/demo-database.js';
import { actAsTest } from '../support/test-cluster.js';
import { startTestServer, useTestServer, type Gql, type TestServer } from '../support/test-server.js';

const env = useTestServer(async (database) => {
  await loadDemoInto(database);
  // Persons the regional users reach only through a seat, or only through an appointment, in their region: registered
  // in a county outside 平凉市, so that a reach read along one region path alone would miss them.
  const client = await database.superClient();
  try {
    await actAsTest(client);
    await client.query(`insert into region (code, name, kind, level) values ('990101', '外县', 'COUNTY', 'COUNTY')`);
    const outside = `(select id from region where code = '990101')`;
    const inCounty = (alias: string) => `exists (select 1 from region g where g.id = ${alias}.region_id and g.code like '620822%')`;
    const seated = await client.query(`update person set region_id = ${outside} where id in (select d.person_id from deputy d where ${inCounty('d')} order by d.person_id limit 40)`);
    const appointed = await client.query(
      `update person set region_id = ${outside} where id in (select a.appointee_id from appointment a where ${inCounty('a')}
         and not exists (select 1 from deputy d where d.person_id = a.appointee_id) order by a.appointee_id limit 40)`,
    );
    if (!seated.rowCount || !appointed.rowCount) throw new Error(`the demo has no seats or appointments to move: ${seated.rowCount}, ${appointed.rowCount}`);
    await client.query('analyze person');
  } finally {
    await client.end();
  }
});

const roles = [
  { name: 'a county clerk (灵台县)', role: 'CLERK', code: '620822' },
  { name: 'a city administrator (平凉市)', role: 'ADMIN', code: '620800' },
] as const;

/** Models a regional role reads by region and searches: the ones a reach drives. */
const models = servedEntities
  .map((entity) => modelOf(entity))
  .filter((model) => model.searchFields.length > 0 && model.regionPaths.length > 0)
  .filter((model) => roles.every(({ role }) => mayPerform({ role }, model, 'list') && rightsOf({ role }, model).read === 'region'));

/** A surname, a township, a letter (pinyin); and those taken from the rows (a document's number among them). */
const queries = ['王', '镇', 'a'];

type Page = { ids: string[]; totalCount: number; lowerBound: boolean };

async function page(gql: Gql, model: ModelMeta, where: Record<string, unknown>, args: { offset: number; countUpTo: number | null; orderBy?: unknown }): Promise<Page> {
  const list = inflection.list(model);
  const answer = await gql(
    `query($where: ${inflection.filter(model)}, $offset: Int!, $countUpTo: Int, $orderBy: [${model.name}OrderBy!]) {
      ${list}(where: $where, limit: 10, offset: $offset, countUpTo: $countUpTo, orderBy: $orderBy) { totalCount totalCountIsLowerBound nodes { id } } }`,
    { where, ...args },
  );
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  const found = answer.data[list];
  return { ids: found.nodes.map((node: { id: string }) => node.id), totalCount: found.totalCount, lowerBound: found.totalCountIsLowerBound };
}

/**
 * Queries from the role's own rows: the first two characters of the first own text search field that has a value, and
 * of the title its first searched reference points at; on a
 * ranked list, also whole values of its ranked field, their full pinyin and their initials (exact matches, which rank
 * first, among others that contain them).
 */
async function matchingQueries(gql: Gql, model: ModelMeta): Promise<string[]> {
  const fields = model.searchFields.map((name) => model.fields.find((candidate) => candidate.name === name));
  // The first reference searched by its target's title: a query from the title of the role's first row's target.
  const reference = fields.find((candidate) => candidate?.kind === 'reference');
  const target = reference && modelOf(reference.target!());
  const titled = target?.fields.find((candidate) => candidate.name === target.titleField && candidate.kind !== 'reference');
  const fromReference: string[] = [];
  if (reference && titled) {
    const listed = await gql(`{ ${inflection.list(model)}(limit: 1) { nodes { ${reference.name} { ${titled.name} } } } }`);
    const title = listed.data?.[inflection.list(model)]?.nodes[0]?.[reference.name]?.[titled.name];
    if (typeof title === 'string' && title.trim()) fromReference.push(title.trim().slice(0, 2));
  }
  const field = fields.find((candidate) => candidate && candidate.kind !== 'reference');
  if (!field) return fromReference;
  const ranked = rankedField(model);
  const answer = await gql(`{ ${inflection.list(model)}(limit: 3, where: { ${field.name}: { isNull: false } }) { nodes { ${field.name} ${ranked && ranked !== field ? ranked.name : ''} } } }`);
  const nodes: Record<string, unknown>[] = answer.data?.[inflection.list(model)]?.nodes ?? [];
  const first = nodes[0]?.[field.name];
  const queries = typeof first === 'string' && first.trim() ? [first.trim().slice(0, 2)] : [];
  for (const node of ranked ? nodes : []) {
    const value = node[ranked!.name];
    if (typeof value !== 'string') continue;
    queries.push(value, ...(pinyinForms(value, ranked!.pinyin!.reading)?.split(' ').slice(0, 2) ?? []));
  }
  return [...new Set([...queries, ...fromReference])];
}

/** How many rows of `model` the role reads. */
async function rowsInReach(gql: Gql, model: ModelMeta): Promise<number> {
  return (await page(gql, model, {}, { offset: 0, countUpTo: null })).totalCount;
}

const bounds = [
  { offset: 0, countUpTo: 5 },
  { offset: 10, countUpTo: null },
];

/** The queries (and those from the rows), each at a bound, a few at a time. */
async function eachCase(gql: Gql, model: ModelMeta, check: (q: string, bound: (typeof bounds)[number]) => Promise<number>): Promise<number> {
  // Each query at one of the bounds in turn: every bound is met by queries of every breadth across the models.
  const cases = [...queries, ...(await matchingQueries(gql, model))].map((q, index) => [q, bounds[(index + model.name.length) % bounds.length]] as const);
  let found = 0;
  for (let start = 0; start < cases.length; start += 4) found += (await Promise.all(cases.slice(start, start + 4).map(([q, bound]) => check(q, bound)))).reduce((a, b) => a + b, 0);
  return found;
}

/** The same server with a reach limit of 0: every reach is too large, and the page is read the other way. */
let fallback: TestServer;

beforeAll(async () => {
  fallback = await startTestServer(env.database, { searchReachLimit: 0 });
});

afterAll(async () => {
  await fallback?.stop();
});

/** Both ways of reading a regional user's search: from the reach, and (limit 0) the other way, on some models. */
const ways = [
  { way: 'from the reach', server: () => env.server, models },
  { way: 'past the reach limit', server: () => fallback, models: models.filter((model) => ['Person', 'Deputy'].includes(model.name)) },
];

// A list searched by its own text only: the super administrator's search kept to the region finds the same rows (through
// a reference, a search tests the referenced rows in the user's scope, which the administrator's does not).
const ownText = (among: ModelMeta[]) => among.filter((model) => model.searchFields.every((name) => model.fields.find((field) => field.name === name)?.kind !== 'reference'));

describe.each(ways)('a regional user’s search, $way', ({ server, models: tested }) => {
  it('covers the models a regional role reads by region and searches, ranked ones among them', () => {
    expect(tested.map((model) => model.name)).toEqual(expect.arrayContaining(['Person', 'Deputy']));
    expect(
      ownText(tested)
        .filter((model) => rankedField(model))
        .map((model) => model.name),
    ).toContain('Person');
  });

  for (const { name, role, code } of roles) {
    it.each(tested.map((model) => [model.name, model] as const))(`%s: as ${name}, lists and counts what the filter alone finds`, async (_, model) => {
      const gql = await server().as(role, code);
      // In the list's own order (a ranked list's is compared below) and in an asked one, which a reach reads.
      const orders = rankedField(model) ? [[{ field: 'id' }]] : [undefined, [{ field: 'id' }]];
      const found = await eachCase(gql, model, async (q, bound) => {
        let rows = 0;
        for (const orderBy of orders) {
          const [searched, filtered] = await Promise.all([page(gql, model, { q }, { ...bound, orderBy }), page(gql, model, { AND: [{ q }] }, { ...bound, orderBy })]);
          expect(searched, `${model.name} "${q}" ${JSON.stringify(bound)} ${JSON.stringify(orderBy)}`).toEqual(filtered);
          rows += searched.ids.length;
        }
        return rows;
      });
      // Whenever the role reads rows of the model, some query found some: no comparison of two empty pages only.
      expect(found > 0).toBe((await rowsInReach(gql, model)) > 0);
    });

    it.each(ownText(tested).map((model) => [model.name, model] as const))(`%s: as ${name}, searches as the whole list kept to the region does, exact matches first`, async (_, model) => {
      const gql = await server().as(role, code);
      const found = await eachCase(gql, model, async (q, bound) => {
        const [searched, whole] = await Promise.all([page(gql, model, { q }, bound), page(server().gql, model, { q, inRegion: code }, bound)]);
        expect(searched, `${model.name} "${q}" ${JSON.stringify(bound)}`).toEqual(whole);
        return searched.ids.length;
      });
      // Whenever the role reads rows of the model, some query found some: no comparison of two empty pages only.
      expect(found > 0).toBe((await rowsInReach(gql, model)) > 0);
    });

    it.each(tested.map((model) => [model.name, model] as const))(`%s: as ${name}, lists and counts unsearched what the whole list kept to the region does`, async (_, model) => {
      const gql = await server().as(role, code);
      for (const bound of [...bounds, { offset: 0, countUpTo: null }]) {
        const [listed, whole] = await Promise.all([page(gql, model, {}, bound), page(server().gql, model, { inRegion: code }, bound)]);
        expect(listed, `${model.name} ${JSON.stringify(bound)}`).toEqual(whole);
      }
    });
  }
});
