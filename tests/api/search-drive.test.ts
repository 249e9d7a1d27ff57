/**
 * `q` on deputies, read through their person from the side its breadth makes cheap (server/api/search-drive.ts),
 * finds exactly the rows the plain test finds, in the same order, counted the same: for broad queries (as many
 * matching persons as searchBreadth `broad`: the page walks the deputies in order, looking each one's person up),
 * dense ones (fewer, but from searchBreadth `hashedWalk` on: the walk tests the persons found, hashed) and narrow ones
 * (the persons' seats read first), as a super administrator and as a clerk bound to one of two counties (the other
 * county's seats and persons out of reach), over two pages and with counts capped below and above the matches. One
 * statement per request, as without `q`; a broad or dense search reads about a page and a cap of deputies, not all
 * its matches, and its persons once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKeyOfPinyin } from '../../schema/shared/pinyin.js';
import { searchBreadth } from '../../server/api/search-drive.js';
import { planted, seedSearchData } from '../support/search-data.js';
import { startTestServer, useTestServer, type Gql, type TestServer } from '../support/test-server.js';

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await seedSearchData(client, { persons: 6000, suggestions: 4000, tricky: 0.05, seed: 'search-drive' });
    // A second county: a third of the persons registered there, a third of the seats (others) elected there.
    await client.query(`insert into region (code, name, kind, level) values ('990201', '邻县', 'COUNTY', 'COUNTY')`);
    await client.query(`update person set region_id = (select id from region where code = '990201') where id % 3 = 0`);
    await client.query(`update deputy set region_id = (select id from region where code = '990201') where id % 3 = 1`);
    // A dense query: more matching persons than a hashed walk needs, fewer than a broad search has (for a first page).
    const { rows } = await client.query(`select live::int as n from row_count where table_name = 'deputy'`);
    const persons = Math.round((searchBreadth('hashedWalk', rows[0].n, 25) + searchBreadth('broad', rows[0].n, 25)) / 2);
    await client.query(
      `update person set workplace = coalesce(workplace, '') || $1
        where id in (select p.id from person p where p.deleted_at is null and exists (select 1 from deputy d where d.person_id = p.id and d.deleted_at is null) order by p.id limit $2)`,
      [dense, persons],
    );
    await client.query('analyze person, deputy');
  } finally {
    await client.end();
  }
});

/** The test's own pattern: the query as a literal substring (LIKE's escape is the backslash). */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Rows of a table under `alias` in the subtree of `code`, along the model's region paths, written out by hand. */
const inCounty = {
  deputy: (alias: string) => `exists (select 1 from region g where g.id = ${alias}.region_id and g.code like $3)`,
  person: (alias: string) =>
    `(exists (select 1 from region g where g.id = ${alias}.region_id and g.code like $3)
      or exists (select 1 from deputy s join region g on g.id = s.region_id where s.person_id = ${alias}.id and g.code like $3)
      or exists (select 1 from appointment s join region g on g.id = s.region_id where s.appointee_id = ${alias}.id and g.code like $3))`,
};

/** Every matching deputy's id in the default order (level, term desc, id), for the whole table or one county. */
async function expected(q: string, county: string | null): Promise<string[]> {
  const client = await env.database.superClient();
  try {
    const scoped = (table: 'deputy' | 'person', alias: string) => (county ? `and ${inCounty[table](alias)}` : `and $3::text is null`);
    const { rows } = await client.query(
      `select d.id::text as id from deputy d
        where d.deleted_at is null ${scoped('deputy', 'd')}
          and (exists (select 1 from person p where p.id = d.person_id and p.deleted_at is null ${scoped('person', 'p')}
                 and (p.name ilike $1 or coalesce(p.name_pinyin like $2::text, false) or p.workplace ilike $1))
               or d.electoral_district ilike $1)
        order by array_position('{NATIONAL,PROVINCIAL,MUNICIPAL,COUNTY,TOWNSHIP}'::text[], d.level::text), d.term_number desc, d.id`,
      [containing(q), searchKeyOfPinyin(q) === null ? null : containing(searchKeyOfPinyin(q)!), county ? `${county}%` : null],
    );
    return rows.map((row) => row.id as string);
  } finally {
    await client.end();
  }
}

async function matchingPersons(q: string): Promise<number> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(`select count(*)::int as n from person where deleted_at is null and (name ilike $1 or workplace ilike $1)`, [containing(q)]);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

type Page = { ids: string[]; totalCount: number; lowerBound: boolean; statements: string[] };

async function page(gql: Gql, q: string, offset: number, countUpTo: number, listName: 'deputies' | 'persons' = 'deputies', server: TestServer = env.server): Promise<Page> {
  const statements: string[] = [];
  const stop = server.db.readPool!.onQuery((text) => statements.push(text));
  const answer = await gql(
    `query($q: String!, $offset: Int!, $countUpTo: Int) { ${listName}(where: { q: $q }, limit: 25, offset: $offset, countUpTo: $countUpTo) { totalCount totalCountIsLowerBound nodes { id } } }`,
    { q, offset, countUpTo },
  );
  stop();
  expect(answer.errors).toBeUndefined();
  const list = answer.data[listName];
  return { ids: list.nodes.map((node: { id: string }) => node.id), totalCount: list.totalCount, lowerBound: list.totalCountIsLowerBound, statements };
}

// A township's 镇 is in most workplaces (broad); 稠密 is planted in the workplaces of enough persons that the page walks
// the seats testing them (dense); then a place, a surname, a planted rarity, LIKE's wildcard, a letter.
const dense = '稠密';
const queries = ['镇', dense, '城关', '王', planted.two, '%', 'ä'];

/** `q` on deputies as `gql`'s user (bound to `county`, or not), over two pages and two caps, against the plain test. */
async function listsAsThePlainTest(gql: Gql, q: string, county: string | null, server: TestServer = env.server): Promise<void> {
  const rows = await expected(q, county);
  expect(rows.length).toBeGreaterThan(0);
  for (const offset of [0, 25]) {
    for (const cap of [10, 1000]) {
      const found = await page(gql, q, offset, cap, 'deputies', server);
      expect(found.ids).toEqual(rows.slice(offset, offset + 25));
      expect(found.totalCount).toBe(Math.min(rows.length, cap));
      expect(found.lowerBound).toBe(rows.length > cap);
      // One statement, as the same list without q.
      expect(found.statements.filter((text) => !/^(begin|commit|rollback|set )/i.test(text))).toHaveLength(1);
    }
  }
}

/** The breadths of a first page of deputies (search-drive.ts searchBreadth). */
async function breadths(): Promise<{ walkFrom: number; broadFrom: number }> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(`select count(*)::int as n from deputy where deleted_at is null`);
    return { walkFrom: searchBreadth('hashedWalk', rows[0].n, 25), broadFrom: searchBreadth('broad', rows[0].n, 25) };
  } finally {
    await client.end();
  }
}

describe('q on deputies, driven by its breadth', () => {
  it('has queries of every breadth to test: narrow, dense and broad', async () => {
    const { walkFrom, broadFrom } = await breadths();
    const matches = await Promise.all(queries.map(matchingPersons));
    expect(matches.filter((n) => n < walkFrom).length).toBeGreaterThan(0);
    expect(matches.filter((n) => n >= walkFrom && n < broadFrom).length).toBeGreaterThan(0);
    expect(matches.filter((n) => n >= broadFrom).length).toBeGreaterThan(0);
  });

  for (const role of ['super administrator', 'clerk'] as const) {
    it.each(queries)(`as a ${role}, "%s" lists and counts the rows the plain test finds`, async (q) => {
      const county = role === 'clerk' ? '990101' : null;
      await listsAsThePlainTest(county ? await env.server.as('CLERK', county) : env.server.gql, q, county);
    });
  }

  it.each(['镇', '王'])('"%s" beside another condition (no electoral district) keeps both', async (q) => {
    const rows = await expected(q, null);
    const client = await env.database.superClient();
    let withoutDistrict: string[];
    try {
      const result = await client.query(`select id::text from deputy where electoral_district is null`);
      withoutDistrict = result.rows.map((row) => row.id as string);
    } finally {
      await client.end();
    }
    const both = rows.filter((id) => withoutDistrict.includes(id));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(rows.length);
    const answer = await env.server.gql(`query($q: String!) { deputies(where: { q: $q, electoralDistrict: { isNull: true } }, limit: 25, countUpTo: 1000) { totalCount nodes { id } } }`, { q });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.deputies.nodes.map((node: { id: string }) => node.id)).toEqual(both.slice(0, 25));
    expect(answer.data.deputies.totalCount).toBe(Math.min(both.length, 1000));
  });

  // Suggestions are searched by their own title and number: every title ends in 建议 (broad), a topic is a tenth of them.
  it.each(['建议', '公路', '第1'])('suggestions: "%s" lists and counts the rows the plain test finds', async (q) => {
    const client = await env.database.superClient();
    let rows: string[];
    try {
      const result = await client.query(`select s.id::text as id from suggestion s where s.deleted_at is null and (s.title ilike $1 or s.number ilike $1) order by s.submitted_on desc, s.id`, [
        containing(q),
      ]);
      rows = result.rows.map((row) => row.id as string);
    } finally {
      await client.end();
    }
    expect(rows.length).toBeGreaterThan(25);
    for (const offset of [0, 25]) {
      const answer = await env.server.gql(
        `query($q: String!, $offset: Int!) { suggestions(where: { q: $q }, limit: 25, offset: $offset, countUpTo: 1000) { totalCount totalCountIsLowerBound nodes { id } } }`,
        { q, offset },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data.suggestions.nodes.map((node: { id: string }) => node.id)).toEqual(rows.slice(offset, offset + 25));
      expect(answer.data.suggestions.totalCount).toBe(Math.min(rows.length, 1000));
    }
  });

  type PlanNode = {
    'Node Type': string;
    'Relation Name'?: string;
    'Index Name'?: string;
    'Subplan Name'?: string;
    'Actual Rows': number;
    'Actual Loops': number;
    Plans?: PlanNode[];
  };

  /** Every node of the plan of the statement of a request for `q` (counted up to `cap`), as `gql`'s user asks it. */
  async function planNodes(q: string, cap: number, gql: Gql = env.server.gql, listName: 'deputies' | 'persons' = 'deputies', server: TestServer = env.server): Promise<PlanNode[]> {
    const { statements } = await page(gql, q, 0, cap, listName, server);
    const statement = statements.find((text) => text.includes('crc_search_keys') || text.includes('ilike'))!;
    // The statement's values, as the server sent them, are not kept by the listener: ask again with them.
    const seen: { text: string; values: readonly unknown[] }[] = [];
    const stop = server.db.readPool!.onQuery((text, values) => seen.push({ text, values }));
    await page(gql, q, 0, cap, listName, server);
    stop();
    const { values } = seen.find((candidate) => candidate.text === statement)!;
    const client = await env.database.superClient();
    try {
      const { rows: plan } = await client.query(`explain (analyze, format json) ${statement}`, values as unknown[]);
      const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
      return nodes((plan[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
    } finally {
      await client.end();
    }
  }

  /** The rows each plan node of the statement of a request for `q` (counted up to `cap`) read from `table` (its loops counted). */
  async function rowsRead(q: string, table: string, cap = 1000): Promise<number[]> {
    return (await planNodes(q, cap)).filter((node) => node['Relation Name'] === table).map((node) => node['Actual Rows'] * node['Actual Loops']);
  }

  it('reads a page and a cap of deputies for a broad query, not every match', async () => {
    const rows = await expected('镇', null);
    const { broadFrom } = await breadths();
    expect(await matchingPersons('镇')).toBeGreaterThan(broadFrom);
    // Of the 3,500 matching persons, the search reads as many as make it broad (the found), and counts up to 100 from them.
    expect(Math.max(...(await rowsRead('镇', 'person', 100)))).toBeLessThanOrEqual(broadFrom);
    // The page's walk stops after its 25 (a few dozen rows read), the count's at 101 (the count of the seats matched by
    // their district alone may run beside it, in parallel): never all the matches, as reading the persons first did.
    expect(Math.max(...(await rowsRead('镇', 'deputy', 100)))).toBeLessThan(rows.length / 2);
  });

  it('walks the deputies testing the persons found for a dense query, reading each match once', async () => {
    const rows = await expected(dense, null);
    const { walkFrom, broadFrom } = await breadths();
    expect(await matchingPersons(dense)).toBeGreaterThanOrEqual(walkFrom);
    expect(await matchingPersons(dense)).toBeLessThan(broadFrom);
    // The persons are read once (the found), not again by the count or the page.
    expect((await rowsRead(dense, 'person')).filter((read) => read > 25)).toHaveLength(1);
    // The page's walk stops after its 25, the count's at 26: reading the found persons' seats would read them all.
    expect(Math.max(...(await rowsRead(dense, 'deputy', 25)))).toBeLessThan(rows.length / 2);
  });

  it.each(['镇', dense, '王'])('searches "%s" as a clerk among the seats in reach, each tested: persons looked up by key, never searched across the list', async (q) => {
    const nodes = await planNodes(q, 1000, await env.server.as('CLERK', '990101'));
    // Of the parts that ran (the other way of reading the page is in the plan too, behind its one-time condition).
    const persons = nodes.filter((node) => node['Relation Name'] === 'person' && node['Actual Loops'] > 0);
    expect(persons.length).toBeGreaterThan(0);
    for (const node of persons) expect(node['Index Name']).toBe('person_pkey');
  });

  // Persons are ranked (exact matches first), not walked: a clerk's search reads the persons in reach (by the region's
  // side: the scope indexes), each by key — never the country's matches from the search indexes, nor the name order.
  it.each(['镇', dense, '王', '城关'])('searches persons for "%s" as a clerk among the persons in reach, each looked up by key', async (q) => {
    const nodes = await planNodes(q, 1000, await env.server.as('CLERK', '990201'), 'persons');
    // The reach itself may be read by a scan (here a third of the table is the county's) or by a scope index.
    // Of the parts that ran (the other way of reading the page is in the plan too, behind its one-time condition).
    const indexes = nodes
      .filter((node) => node['Actual Loops'] > 0)
      .map((node) => node['Index Name'] ?? '')
      .filter((name) => name.startsWith('person_'));
    expect(indexes).toContain('person_pkey');
    for (const name of indexes) expect(name).toMatch(/^person_pkey$|^person_scope_/);
  });

  // Persons are ranked: what their search found serves only the capped count, and one past the cap is enough.
  it('counts a broad search of persons from one past the cap found, not the breadth', async () => {
    const cap = 10;
    const { rows } = await env.database.superClient().then(async (client) => {
      try {
        return await client.query(
          `select count(*)::int as n, (select live::int from row_count where table_name = 'person') as live from person where deleted_at is null and (name ilike '%镇%' or workplace ilike '%镇%')`,
        );
      } finally {
        await client.end();
      }
    });
    // Broad: more match than the breadth the statement reads up to for the plan's page (the list's live rows, its end 25),
    // which is itself more than one past the cap — so reading the breadth would show here.
    expect(rows[0].n).toBeGreaterThan(searchBreadth('broadText', rows[0].live, 25));
    expect(searchBreadth('broadText', rows[0].live, 25)).toBeGreaterThan(cap + 1);
    const found = (await planNodes('镇', cap, env.server.gql, 'persons')).filter((node) => node['Subplan Name']?.startsWith('CTE'));
    const read = found.flatMap(function nodes(node: PlanNode): PlanNode[] {
      return [node, ...(node.Plans ?? []).flatMap(nodes)];
    });
    const persons = read.filter((node) => node['Relation Name'] === 'person');
    expect(persons.length).toBeGreaterThan(0);
    for (const node of persons) expect(node['Actual Rows'] * node['Actual Loops']).toBeLessThanOrEqual(cap + 1);
    const answer = await env.server.gql(`{ persons(where: { q: "镇" }, limit: 5, countUpTo: ${cap}) { totalCount totalCountIsLowerBound } }`);
    expect(answer.data.persons).toEqual({ totalCount: cap, totalCountIsLowerBound: true });
  });

  // A reach too large to read from its rows (a province's nationally: more than SEARCH_REACH_LIMIT, made small here):
  // the persons matching are found within it by index (their region prefixes beside the search's), then their seats —
  // never the seats in reach walked in order testing each one's person (a province's `wangwei`: 1.7 s, `liuyang` 8 s).
  describe("as a user whose reach is more than the server reads from its rows (a province's)", () => {
    let wide: TestServer;
    beforeAll(async () => {
      wide = await startTestServer(env.database, { searchReachLimit: 50 });
    });
    afterAll(async () => {
      await wide?.stop();
    });
    const county = '990101';

    it.each(queries)('"%s" lists and counts the rows the plain test finds', async (q) => {
      await listsAsThePlainTest(await wide.as('ADMIN', county), q, county, wide);
    });

    it('reads the seats of the persons a narrow query finds, not the seats in reach', async () => {
      const client = await env.database.superClient();
      let seats: number;
      try {
        const { rows } = await client.query(`select count(*)::int as n from deputy d join region r on r.id = d.region_id where r.code = $1 and d.deleted_at is null`, [county]);
        seats = rows[0].n as number;
      } finally {
        await client.end();
      }
      const matches = await expected(planted.two, county);
      expect(matches.length).toBeGreaterThan(0);
      expect(seats).toBeGreaterThan(50 * 20);
      const nodes = await planNodes(planted.two, 1000, await wide.as('ADMIN', county), 'deputies', wide);
      // Walked, each seat in reach had its person looked up by key (3,000 lookups); found, the persons are read once.
      const persons = nodes.filter((node) => node['Relation Name'] === 'person' && node['Actual Loops'] > 0);
      expect(persons.length).toBeGreaterThan(0);
      for (const node of persons) expect(node['Actual Loops'], `${node['Node Type']} on person`).toBeLessThan(seats / 10);
      const deputies = nodes.filter((node) => node['Relation Name'] === 'deputy' && node['Actual Loops'] > 0);
      // The reach's first 51 ids, read to learn it is large; then the seats of the persons found.
      expect(deputies.length).toBeGreaterThan(0);
      for (const node of deputies) expect(node['Actual Rows'] * node['Actual Loops']).toBeLessThan(seats / 10);
    });
  });
});
