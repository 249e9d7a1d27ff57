/**
 * The facts behind comparisons follow writes: through the API, through plain SQL that bypasses the ORM,
 * soft deletes, and a township moved to another county (the region tree changing).
 */
import pg from 'pg';
import { actAsTest } from '../support/test-cluster.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let app: pg.Client;

type Created = { id: string; version: number };
const create = async (entity: string, input: Record<string, unknown>): Promise<Created> => {
  const response = await env.server.gql(`mutation($input: ${entity}CreateInput!) { create${entity}(input: $input) { id version } }`, { input });
  expect(response.errors).toBeUndefined();
  return response.data[`create${entity}`];
};

const voters = async (level: string, parentId: string): Promise<Record<string, number>> => {
  const response = await env.server.gql(
    `query($parentId: ID) { compareRegions(metrics: ["votersReceived"], level: ${level}, parentId: $parentId, years: [2024]) { rows { region { code } values } } }`,
    { parentId },
  );
  expect(response.errors).toBeUndefined();
  return Object.fromEntries(response.data.compareRegions.rows.map((row: any) => [row.region.code, row.values[0]]));
};

let city: Created, east: Created, west: Created, town: Created;
beforeAll(async () => {
  const province = await create('Region', { code: '990000', name: '样例省', kind: 'PROVINCE' });
  city = await create('Region', { code: '990200', name: '新鲜市', kind: 'CITY', parentId: province.id });
  east = await create('Region', { code: '990201', name: '东县', kind: 'COUNTY', parentId: city.id });
  west = await create('Region', { code: '990202', name: '西县', kind: 'COUNTY', parentId: city.id });
  town = await create('Region', { code: '990201001', name: '东一镇', kind: 'TOWN', parentId: east.id });
  app = new pg.Client({ connectionString: env.database.appUrl });
  await app.connect();
  await actAsTest(app);
});
afterAll(async () => {
  await app?.end();
});

describe('metric facts stay fresh after writes', () => {
  it('shows a new activity in the next comparison, in its county and the county above its township', async () => {
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 0, '990202': 0 });
    await create('Activity', { kind: 'VOTER_RECEPTION', title: '接待日', heldOn: '2024-05-15', regionId: town.id, votersReceived: 25 });
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 25, '990202': 0 });
    expect(await voters('TOWNSHIP', east.id)).toEqual({ '990201001': 25 });
  });

  it('sees a write that bypasses the ORM (plain SQL as the application role)', async () => {
    await app.query(`insert into activity (kind, title, held_on, region_id, voters_received) values ('VOTER_RECEPTION', '直接写入', '2024-06-01', $1, 7)`, [west.id]);
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 25, '990202': 7 });
  });

  it('drops a soft-deleted record and brings it back on restore', async () => {
    const [row] = (await app.query(`select id, version from activity where region_id = $1`, [west.id])).rows;
    const deleted = await env.server.gql(`mutation($id: ID!, $version: Int!) { deleteActivity(id: $id, version: $version, reason: "录入错误") { version } }`, { id: row.id, version: row.version });
    expect(deleted.errors).toBeUndefined();
    expect((await voters('COUNTY', city.id))['990202']).toBe(0);
    const restored = await env.server.gql(`mutation($id: ID!, $version: Int!) { restoreActivity(id: $id, version: $version) { id } }`, { id: row.id, version: deleted.data.deleteActivity.version });
    expect(restored.errors).toBeUndefined();
    expect((await voters('COUNTY', city.id))['990202']).toBe(7);
  });

  it('follows a township moved to another county', async () => {
    const moved = await env.server.gql(`mutation($id: ID!, $version: Int!, $parentId: ID) { updateRegion(id: $id, version: $version, input: { parentId: $parentId, code: "990202001" }) { id } }`, {
      id: town.id,
      version: town.version,
      parentId: west.id,
    });
    expect(moved.errors).toBeUndefined();
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 0, '990202': 32 });
  });

  it('leaves nothing pending once a comparison has read', async () => {
    const { rows } = await app.query(`select count(*)::int as pending from metric_dirty`);
    expect(rows[0].pending).toBe(0);
  });
});
