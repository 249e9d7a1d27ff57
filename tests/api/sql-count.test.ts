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

  it('reads a mutation\'s answer back as a read would: one compiled statement, whatever it nests', async () => {
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
});
