/**
 * A generated data set for the nested-list query (deputies with person, region, memberships → group and
 * assignments → station): used by the SQL-count test and by `npm run bench:api`. Written with plain SQL
 * through a privileged client, as a bulk load would be.
 */
import type pg from 'pg';
import { actAsTest } from './test-cluster.js';

export type NestedDataOptions = { deputies: number; groupsPerDeputy?: number; stationsPerDeputy?: number; regions?: number };

export const nestedQuery = `query Nested($limit: Int!) {
  deputies(limit: $limit) {
    totalCount
    nodes {
      id level termNumber electedOn
      person { id name gender }
      region { id code name }
      memberships(limit: 5) { totalCount nodes { id role joinedOn group { id name kind region { id name } } } }
      assignments(limit: 5) { totalCount nodes { id startsOn station { id name kind region { id name } } } }
    }
  }
}`;

/**
 * Inserts the rows in a few set-based statements; codes start with 9 (no real region uses them).
 * Groups and stations belong to the province, which no deputy does, so their regions are a fourth level
 * of loading rather than a cache hit.
 */
export async function seedNestedData(client: pg.Client, options: NestedDataOptions): Promise<void> {
  const { deputies, groupsPerDeputy = 2, stationsPerDeputy = 2, regions = 10 } = options;
  await client.query('begin');
  await actAsTest(client);
  await client.query(`insert into region (code, name, kind, level) values ('990000', '测试省', 'PROVINCE', 'PROVINCE')`);
  await client.query(
    `insert into region (code, name, kind, level, parent_id)
    select '9' || lpad(g::text, 3, '0') || '01', '测试县' || g, 'COUNTY', 'COUNTY', (select id from region where code = '990000')
    from generate_series(1, $1) g`,
    [regions],
  );
  await client.query(`insert into person (name, gender) select '代表' || g, case when g % 2 = 0 then 'FEMALE' else 'MALE' end from generate_series(1, $1) g`, [deputies]);
  await client.query(
    `insert into deputy (person_id, level, term_number, region_id, elected_on)
    select p.id, 'COUNTY', 18, (select id from region where level = 'COUNTY' order by id offset (p.id % $1) limit 1), date '2021-10-01'
    from person p`,
    [regions],
  );
  await client.query(
    `insert into deputy_group (name, kind, region_id)
    select '测试小组' || g, 'PROFESSIONAL', (select id from region where code = '990000') from generate_series(1, $1) g`,
    [groupsPerDeputy],
  );
  await client.query(
    `insert into liaison_station (name, kind, region_id)
    select '测试联络站' || g, 'STATION', (select id from region where code = '990000') from generate_series(1, $1) g`,
    [stationsPerDeputy],
  );
  await client.query(`insert into group_membership (deputy_id, group_id, joined_on) select d.id, g.id, date '2022-01-01' from deputy d cross join deputy_group g`);
  await client.query(`insert into station_assignment (deputy_id, station_id, starts_on) select d.id, s.id, date '2022-03-01' from deputy d cross join liaison_station s`);
  await client.query('commit');
  await client.query('analyze');
}
