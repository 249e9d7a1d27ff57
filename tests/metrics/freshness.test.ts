/**
 * The facts behind comparisons follow writes: through the API, through plain SQL that bypasses the ORM,
 * soft deletes, and a township moved to another county (the region tree changing). And they follow only
 * the records: the application role cannot write a figure into them (issue 17, case 5).
 */
import pg from 'pg';
import { actAsSession } from '../support/test-cluster.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer, createRecord } from '../support/test-server.js';

const env = useTestServer();
let app: pg.Client;

type Created = { id: string; version: number };
const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

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
  await actAsSession(app, (await env.server.as('ADMIN')).cookie);
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
    // A changed tree rebuilds every rollup, in the background (tests/metrics/rebuild.test.ts): the previous facts serve until then.
    await env.server.db.metricFacts!.settled();
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 0, '990202': 32 });
  });

  it('never counts a seat whose person was deleted, even behind the API (issue 17, case 2)', async () => {
    const deputies = async () => {
      const response = await env.server.gql(`query($parentId: ID) { compareRegions(metrics: ["deputies"], level: COUNTY, parentId: $parentId, years: [2024]) { rows { region { code } values } } }`, {
        parentId: city.id,
      });
      expect(response.errors).toBeUndefined();
      return Object.fromEntries(response.data.compareRegions.rows.map((row: any) => [row.region.code, row.values[0]]));
    };
    const [person] = (await app.query(`insert into person (name, gender, ethnicity) values ('孤儿席位', 'MALE', 'HAN') returning id`)).rows;
    await app.query(`insert into deputy (person_id, level, term_number, region_id, composition, elected_on, status) values ($1, 'COUNTY', 18, $2, 'OTHER', '2021-01-01', 'ACTIVE')`, [
      person.id,
      west.id,
    ]);
    expect(await deputies()).toEqual({ '990201': 0, '990202': 1 });
    // What the API refuses (the person holds a seat), plain SQL does: the seat's person is gone, and so is its count.
    await app.query(`update person set deleted_at = now() where id = $1`, [person.id]);
    expect(await deputies()).toEqual({ '990201': 0, '990202': 0 });
  });

  it('leaves nothing pending once a comparison has read', async () => {
    const { rows } = await app.query(`select count(*)::int as pending from metric_dirty`);
    expect(rows[0].pending).toBe(0);
  });
});

describe('metric facts are written only by their refresher', () => {
  const refused = async (statement: string) => {
    const error = await app.query(statement).then(
      () => undefined,
      (caught: { code?: string }) => caught,
    );
    return error?.code;
  };

  it('refuses the application role every direct write to the facts, their marks and their state', async () => {
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 0, '990202': 32 });
    // The attack of the report: a stored figure rewritten in place.
    expect(await refused(`update metric_value set mvals[1] = 9999, mtext[1] = '9999'`)).toBe('42501');
    expect(await refused(`update metric_rollup set vals[1] = 9999`)).toBe('42501');
    expect(await refused(`insert into metric_own_fact (part, region_id, year, value) values (1, ${west.id}, 2024, 9999)`)).toBe('42501');
    expect(await refused(`delete from metric_own_fact`)).toBe('42501');
    expect(await refused(`truncate metric_value`)).toBe('42501');
    // Dropping a mark would leave a stale figure standing; resetting the state would force endless rebuilds.
    expect(await refused(`delete from metric_dirty`)).toBe('42501');
    expect(await refused(`insert into metric_dirty (region_id) values (null)`)).toBe('42501');
    expect(await refused(`update metric_state set signature = 'forged'`)).toBe('42501');
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 0, '990202': 32 });
  });

  it('refreshes through the owner function only as the installed catalog computes, whatever the caller shadows', async () => {
    // A refresher for another catalog is not run: the caller cannot choose what the facts are built from.
    await app.query('begin');
    try {
      await expect(app.query(`select crc_metric_refresh('forged')`)).rejects.toMatchObject({ code: 'CA004' });
    } finally {
      await app.query('rollback');
    }
    await app.query('begin');
    try {
      await expect(app.query(`select crc_metric_rebuild('forged', 2020, 2024)`)).rejects.toMatchObject({ code: 'CA004' });
    } finally {
      await app.query('rollback');
    }
    // A temporary table of the caller's named like a fact table is not written in its place (the refresh
    // run in the caller's own session, where its temporary tables would come first on a careless path).
    const [state] = (await app.query(`select signature as catalog from metric_state`)).rows;
    await app.query('begin');
    try {
      for (const table of ['metric_own_fact', 'metric_rollup', 'metric_value']) await app.query(`create temp table ${table} (like public.${table}) on commit drop`);
      await app.query(`insert into activity (kind, title, held_on, region_id, voters_received) values ('VOTER_RECEPTION', '影子表', '2024-07-01', $1, 3)`, [east.id]);
      await app.query(`select crc_metric_refresh($1)`, [state.catalog]);
      await app.query('commit');
    } catch (error) {
      await app.query('rollback');
      throw error;
    }
    expect(await voters('COUNTY', city.id)).toEqual({ '990201': 3, '990202': 32 });
  });
});
