/**
 * Filters a reader expects (issue 18, API details): `every` on a to-many list (true of an empty one),
 * `isNull` on a reference (is it set at all), and `contains` / `startsWith` agreeing on case — with the
 * access rule checking `every` like `some` and `none` (no personal identifier through it for those who read
 * them masked).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

const create = async (entity: string, input: Record<string, unknown>): Promise<string> => {
  const response = await env.server.gql(`mutation($input: ${entity}CreateInput!) { create${entity}(input: $input) { id } }`, { input });
  expect(response.errors).toBeUndefined();
  return response.data[`create${entity}`].id;
};

const names = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await env.server.gql(query, variables);
  expect(response.errors).toBeUndefined();
  const [list] = Object.values<{ nodes: { name: string }[] }>(response.data);
  return list.nodes.map((node) => node.name).sort();
};

let county: string;
beforeAll(async () => {
  const province = await create('Region', { code: '990000', name: '样例省', kind: 'PROVINCE' });
  county = await create('Region', { code: '990101', name: '样例县', kind: 'COUNTY', parentId: province });
  const [leaders, mixed] = [await create('DeputyGroup', { name: '全是组长', kind: 'REGIONAL', regionId: county }), await create('DeputyGroup', { name: '有组员', kind: 'REGIONAL', regionId: county })];
  await create('DeputyGroup', { name: '空小组', kind: 'REGIONAL', regionId: county });
  for (const [index, group, role] of [
    [1, leaders, 'LEADER'],
    [2, mixed, 'LEADER'],
    [3, mixed, 'MEMBER'],
  ] as const) {
    const person = await create('Person', { name: `成员${index}`, regionId: county });
    const deputy = await create('Deputy', { personId: person, regionId: county, level: 'COUNTY', termNumber: 18, electedOn: '2021-10-15' });
    await create('GroupMembership', { deputyId: deputy, groupId: group, role, joinedOn: '2022-01-01' });
  }
  await create('Organisation', { name: 'ABC 公司', kind: 'OTHER', regionId: county });
});

describe('filters', () => {
  it('take every on a to-many list: every row matches, and an empty list does', async () => {
    expect(await names(`{ deputyGroups(where: { memberships: { every: { role: { eq: LEADER } } } }) { nodes { name } } }`)).toEqual(['全是组长', '空小组']);
    expect(await names(`{ deputyGroups(where: { memberships: { some: { role: { eq: LEADER } } } }) { nodes { name } } }`)).toEqual(['全是组长', '有组员']);
  });

  it('take isNull on a reference: whether it is set at all', async () => {
    expect(await names(`{ regions(where: { parent: { id: { isNull: true } } }) { nodes { name } } }`)).toEqual(['样例省']);
    expect(await names(`{ regions(where: { parent: { id: { isNull: false } } }) { nodes { name } } }`)).toEqual(['样例县']);
  });

  it('match text ignoring case, contains and startsWith alike', async () => {
    for (const operator of ['contains', 'startsWith']) {
      expect(await names(`query ($text: String) { organisations(where: { name: { ${operator}: $text } }) { nodes { name } } }`, { text: 'abc' })).toEqual(['ABC 公司']);
    }
  });

  it('refuse a personal identifier through every, as through some and none, for those who read it masked', async () => {
    const analyst = await env.server.as('ANALYST');
    for (const quantifier of ['some', 'none', 'every']) {
      const response = await analyst(`{ regions(where: { persons: { ${quantifier}: { idNumber: { eq: "11010519491231002X" } } } }) { nodes { name } } }`);
      expect(response.errors?.[0]?.extensions, quantifier).toMatchObject({ code: 'FORBIDDEN', field: `where.persons.${quantifier}.idNumber` });
    }
  });
});
