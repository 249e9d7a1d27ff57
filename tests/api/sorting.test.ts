/**
 * Lists sort as a reader expects (issue 18, defect 8): a reference by its target's own order (a person by
 * surname strokes, a region by division code), never by internal id; an enum in its declared order; both ways.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

const create = async (entity: string, input: Record<string, unknown>): Promise<string> => {
  const response = await env.server.gql(`mutation($input: ${entity}CreateInput!) { create${entity}(input: $input) { id } }`, { input });
  expect(response.errors).toBeUndefined();
  return response.data[`create${entity}`].id;
};

const deputies = async (orderBy: unknown) => {
  const response = await env.server.gql(`query ($orderBy: [DeputyOrderBy!]) { deputies(orderBy: $orderBy) { nodes { person { name } region { code } level } } }`, { orderBy });
  expect(response.errors).toBeUndefined();
  return response.data.deputies.nodes as { person: { name: string }; region: { code: string }; level: string }[];
};

beforeAll(async () => {
  const province = await create('Region', { code: '990000', name: '样例省', kind: 'PROVINCE' });
  // Created out of code order, so an id order and a code order differ.
  const second = await create('Region', { code: '990200', name: '甲市', kind: 'CITY', parentId: province });
  const first = await create('Region', { code: '990100', name: '乙市', kind: 'CITY', parentId: province });
  // Created out of stroke order (王 4, 李 7, 丁 2 strokes), and at levels whose codes sort otherwise (NATIONAL is declared first).
  const seats = [
    { name: '王一', region: second, level: 'COUNTY' },
    { name: '李二', region: first, level: 'NATIONAL' },
    { name: '丁三', region: second, level: 'TOWNSHIP' },
  ];
  for (const seat of seats) {
    const person = await create('Person', { name: seat.name });
    await create('Deputy', { personId: person, regionId: seat.region, level: seat.level, termNumber: 18, electedOn: '2021-10-15' });
  }
});

describe('sorting', () => {
  it('orders a reference to a person by surname strokes, both ways', async () => {
    expect((await deputies([{ field: 'person', direction: 'ASC' }])).map((row) => row.person.name)).toEqual(['丁三', '王一', '李二']);
    expect((await deputies([{ field: 'person', direction: 'DESC' }])).map((row) => row.person.name)).toEqual(['李二', '王一', '丁三']);
  });

  it('orders a reference to a region by division code', async () => {
    expect(
      (
        await deputies([
          { field: 'region', direction: 'ASC' },
          { field: 'person', direction: 'ASC' },
        ])
      ).map((row) => row.region.code),
    ).toEqual(['990100', '990200', '990200']);
  });

  it('orders an enum in its declared order, not alphabetically', async () => {
    expect((await deputies([{ field: 'level', direction: 'ASC' }])).map((row) => row.level)).toEqual(['NATIONAL', 'COUNTY', 'TOWNSHIP']);
    expect((await deputies([{ field: 'level', direction: 'DESC' }])).map((row) => row.level)).toEqual(['TOWNSHIP', 'COUNTY', 'NATIONAL']);
  });

  it('orders by a field of the record a reference points to, and refuses a field it does not have', async () => {
    expect(
      (
        await deputies([
          { field: 'region', by: 'name', direction: 'ASC' },
          { field: 'person', direction: 'ASC' },
        ])
      ).map((row) => row.region.code),
    ).toEqual(['990200', '990200', '990100']);
    const refused = await env.server.gql(`{ deputies(orderBy: [{ field: person, by: "nothing" }]) { nodes { id } } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy.0.by' });
    // A personal identifier is no sort key for who reads it masked, through a reference or not.
    const analyst = await env.server.as('ANALYST');
    const masked = await analyst(`{ deputies(orderBy: [{ field: person, by: "idNumber" }]) { nodes { id } } }`);
    expect(masked.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'orderBy.0.by' });
  });
});
