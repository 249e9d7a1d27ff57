import { describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { actAsTest } from '../support/test-cluster.js';
import { modelOf } from '../../schema/model/registry.js';
import { useTestServer } from '../support/test-server.js';

describe('live row counts (row_count, kept by triggers)', () => {
  const env = useTestServer();

  it('tracks every table of the model', async () => {
    const client = await env.database.superClient();
    const { rows } = await client.query<{ table_name: string }>('select table_name from row_count order by 1');
    await client.end();
    expect(rows.map((row) => row.table_name)).toEqual(servedEntities.map((entity) => modelOf(entity).table).sort());
  });

  it('agrees with count(*) after bulk inserts, soft deletes, restores and hard deletes behind the API', async () => {
    const client = await env.database.superClient();
    await actAsTest(client);
    const total = async () => (await env.server.gql(`{ persons(limit: 0) { totalCount } }`)).data.persons.totalCount as number;
    const live = async () => (await client.query(`select count(*)::int as n from person where deleted_at is null`)).rows[0].n as number;

    await client.query(`insert into person (name) select '批量' || g from generate_series(1, 500) g`);
    expect(await total()).toBe(500);
    await client.query(`update person set deleted_at = now() where name like '批量1%'`);
    expect(await total()).toBe(await live());
    expect(await total()).toBe(500 - 111);
    await client.query(`update person set deleted_at = null where name = '批量1'`);
    await client.query(`delete from person where name like '批量2%'`);
    await client.query(`update person set name = name || '改' where name like '批量3%'`);
    expect(await total()).toBe(await live());

    const created = await env.server.gql(`mutation { createPerson(input: { name: "新人" }) { id version } }`);
    expect(await total()).toBe(await live());
    const { id, version } = created.data.createPerson;
    await env.server.gql(`mutation($id: ID!, $version: Int!) { deletePerson(id: $id, version: $version) { id } }`, { id, version });
    expect(await total()).toBe(await live());
    // A filtered count never takes the shortcut.
    const filtered = await env.server.gql(`{ persons(where: { name: { startsWith: "批量4" } }, limit: 0) { totalCount } }`);
    expect(filtered.data.persons.totalCount).toBe(111);
    await client.end();
  });
});
