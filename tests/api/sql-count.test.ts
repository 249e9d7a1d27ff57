import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';
import { nestedQuery, seedNestedData } from '../support/nested-data.js';

describe('SQL statements of a nested list query', () => {
  const env = useTestServer(async (database) => {
    const client = await database.superClient();
    await seedNestedData(client, { deputies: 120 });
    await client.end();
  });

  async function statementsFor(limit: number) {
    const statements: string[] = [];
    // A large page is a heavy operation, read on the heavy pool: count both.
    const stops = [env.server.db.readPool!, env.server.db.heavyPool!].map((pool) => pool.onQuery((text) => statements.push(text)));
    const result = await env.server.gql(nestedQuery, { limit });
    stops.forEach((stop) => stop());
    return { statements, result };
  }

  it('is the same for 10 and 100 rows: one per nesting level plus one count per list', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.errors).toBeUndefined();
    expect(ten.result.data.deputies.nodes).toHaveLength(10);
    expect(hundred.result.data.deputies.nodes).toHaveLength(100);
    expect(hundred.result.data.deputies.totalCount).toBe(120);
    const deputy = hundred.result.data.deputies.nodes[99];
    expect(deputy.person.name).toMatch(/^代表\d+$/);
    expect(deputy.memberships.totalCount).toBe(2);
    expect(deputy.memberships.nodes.map((node: { group: { name: string } }) => node.group.name).sort()).toEqual(['测试小组1', '测试小组2']);
    expect(deputy.assignments.nodes).toHaveLength(2);
    expect(deputy.assignments.nodes[0].station.region.name).toBe('测试省');

    // A query is compiled whole: one statement, whatever the page size and the nesting.
    expect(ten.statements).toHaveLength(1);
    expect(hundred.statements).toHaveLength(1);
  });

  it('answers a read with one statement, the session lookup included, while the session is remembered (≤ 1 s)', async () => {
    const db = env.server.db;
    const everyPool = [db.readPool!, db.heavyPool!, db.analystPool!, db.controlPool!, db.signInPool!];
    const statementsOf = async (query: string) => {
      const statements: string[] = [];
      const stops = everyPool.map((pool) => pool.onQuery((text) => statements.push(text)));
      const result = await env.server.gql(query);
      stops.forEach((stop) => stop());
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const query = `{ deputies(limit: 5) { nodes { id electoralDistrict } } }`;
    await statementsOf(query);
    expect(await statementsOf(query)).toHaveLength(1);
    // Past the second, the session is looked up again: one statement more.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const afterASecond = await statementsOf(query);
    expect(afterASecond).toHaveLength(2);
    expect(afterASecond[0]).toMatch(/from user_session/);
  });

  it('looks a session up once for requests sent together with one cookie', async () => {
    const db = env.server.db;
    const lookups: string[] = [];
    await env.server.gql(`{ deputies(limit: 1) { nodes { id } } }`);
    // Past the second the session is remembered for, eight requests at once (a console page's list, count and pickers).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stop = db.controlPool!.onQuery((text) => lookups.push(text));
    const answers = await Promise.all(Array.from({ length: 8 }, () => env.server.gql(`{ deputies(limit: 1) { nodes { id } } }`)));
    stop();
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(lookups.filter((text) => /from user_session/.test(text))).toHaveLength(1);
  });

  it("reads a mutation's answer back as a read would: one compiled statement, whatever it nests", async () => {
    const target = (await env.server.gql(`{ deputies(limit: 1) { nodes { id version } } }`)).data.deputies.nodes[0];
    const statements: string[] = [];
    const stop = env.server.db.readPool!.onQuery((text) => statements.push(text));
    const result = await env.server.gql(
      `mutation($id: ID!, $version: Int!) { updateDeputy(id: $id, version: $version, input: { electoralDistrict: "第三选区" }) {
        id electoralDistrict person { name } region { name }
        memberships { totalCount nodes { group { name region { name } } } }
        assignments { totalCount nodes { station { name region { name } } } } } }`,
      { id: target.id, version: target.version },
    );
    stop();
    expect(result.errors).toBeUndefined();
    expect(result.data.updateDeputy.electoralDistrict).toBe('第三选区');
    expect(result.data.updateDeputy.memberships.nodes[0].group.region.name).toBe('测试省');
    expect(result.data.updateDeputy.assignments.totalCount).toBe(2);
    // The answer is compiled whole, like a read (the ORM's own statements for the write are not in this pool).
    expect(statements).toHaveLength(1);
  });

  it('builds the same text for the same query, whatever was built before it or in between (one alias allocator per statement)', async () => {
    // A clerk's reads carry region scopes, whose subqueries take aliases too.
    const clerk = await env.server.as('CLERK', '900101');
    const queries = [
      nestedQuery,
      `{ deputiesAggregate(groupBy: [{ field: region }]) { key { value label } count } }`,
      `{ persons(where: { q: "代表1" }, limit: 3) { nodes { name region { name } } totalCount } }`,
      `{ liaisonStations(limit: 2) { nodes { name region { name } assignments { totalCount } } } }`,
    ];
    const textsOf = async (query: string) => {
      const statements: string[] = [];
      const stops = [env.server.db.readPool!, env.server.db.heavyPool!].map((pool) => pool.onQuery((text) => statements.push(text)));
      const result = await clerk(query, query.includes('$limit') ? { limit: 5 } : undefined);
      stops.forEach((stop) => stop());
      expect(result.errors, query).toBeUndefined();
      return statements;
    };
    // An import's lookups read through the same pool, built outside any list or aggregate.
    const importTexts = async () => {
      const statements: string[] = [];
      const stop = env.server.db.readPool!.onQuery((text) => statements.push(text));
      const response = await fetch(`${env.server.url}/import/Person?mode=dry-run`, {
        method: 'POST',
        headers: { cookie: clerk.cookie, 'x-filename': 'p.csv' },
        body: '姓名,登记区划\r\n甲,900101\r\n',
      });
      stop();
      expect(((await response.json()) as { created: number }).created).toBe(1);
      return statements.filter((text) => !/import_job|audit_entry/.test(text));
    };
    const firstImport = await importTexts();
    const first: string[][] = [];
    for (const query of queries) first.push(await textsOf(query));
    expect(await importTexts()).toEqual(firstImport);
    // Again, in the other order: every query's statements are the same text as the first time.
    const again = new Map<string, string[]>();
    for (const query of [...queries].reverse()) again.set(query, await textsOf(query));
    queries.forEach((query, index) => expect(again.get(query), query).toEqual(first[index]));
    const all = first.flat();
    // Aliases named per statement from 1, never the marks they are built with.
    expect(all.some((text) => /"(?:r|j|n|c|s|tt)1"\./.test(text))).toBe(true);
    for (const text of all) expect(text).not.toContain('\u0001');
  });
});
