import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, pendingMigrations } from '../../server/db/migrate.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { appRoleName } from '../../server/db/roles.js';
import { actAsTest, createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { createUserWith } from '../support/test-users.js';

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe('the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('stores and measures Chinese text as UTF-8 characters', async () => {
    const client = await connect(database.appUrl);
    const { rows } = await client.query(`select length('灵台') as length, current_setting('server_encoding') as encoding`);
    await client.end();
    expect(rows[0]).toEqual({ length: 2, encoding: 'UTF8' });
  });

  it('connects the server role as neither superuser nor owner of anything', async () => {
    const client = await connect(database.appUrl);
    const { rows } = await client.query(`
      select current_user as role,
             (select rolsuper from pg_roles where rolname = current_user) as superuser,
             (select count(*)::int from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user) as owned,
             (select count(*)::int from pg_database d join pg_roles r on r.oid = d.datdba where r.rolname = current_user) as databases`);
    expect(rows[0]).toEqual({ role: appRoleName, superuser: false, owned: 0, databases: 0 });
    await expect(client.query('create table intruder (id int)')).rejects.toThrow(/permission denied/);
    await expect(client.query('drop table setting')).rejects.toThrow(/must be owner/);
    await client.end();
  });

  it('lets the server role read and write the tables the migrations created, as the user of the live session it names', async () => {
    const owner = await connect(database.ownerUrl);
    await createUserWith(owner, { username: 'probe_admin', role: 'ADMIN' });
    const token = 'probe-session-token';
    await owner.query(
      `insert into user_session (id, user_id, expires_at) select encode(sha256(convert_to($1, 'UTF8')), 'hex'), id, now() + interval '1 hour' from app_user where username = 'probe_admin'`,
      [token],
    );
    await owner.end();
    const client = await connect(database.appUrl);
    await expect(client.query(`insert into setting (key, value) values ('probe', '"灵台县"')`)).rejects.toThrow(/without an actor/);
    await actAsTest(client); // a system actor is the owner's to name, not the application's
    await expect(client.query(`insert into setting (key, value) values ('probe', '"灵台县"')`)).rejects.toThrow(/without an actor/);
    await client.query(`select set_config('crc.session', $1, false)`, [token]);
    await client.query(`insert into setting (key, value) values ('probe', '"灵台县"')`);
    const { rows } = await client.query(`select value from setting where key = 'probe'`);
    const { rows: trail } = await client.query(`select actor_name from audit_entry where entity = 'Setting' order by id desc limit 1`);
    await client.end();
    expect(rows[0].value).toBe('灵台县');
    expect(trail[0].actor_name).toBe('probe_admin');
  });
});

describe('migrations', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ migrated: false });
  });
  afterAll(() => empty.drop());

  it('apply to an empty database, and a second run changes nothing', async () => {
    const client = await connect(empty.ownerUrl);
    const query = async (sql: string, params?: unknown[]) => (await client.query(sql.replaceAll('?', '$1'), params)).rows;
    expect(await pendingMigrations(query)).toEqual(migrationsList.map((migration) => migration.name));

    expect(await migrate(empty.ownerUrl)).toEqual(migrationsList.map((migration) => migration.name));
    const schemaAfterFirst = await client.query(`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`);
    expect(schemaAfterFirst.rows.map((row) => row.table_name)).toContain('setting');

    expect(await migrate(empty.ownerUrl)).toEqual([]);
    const schemaAfterSecond = await client.query(`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`);
    expect(schemaAfterSecond.rows).toEqual(schemaAfterFirst.rows);
    expect(await pendingMigrations(query)).toEqual([]);
    await client.end();
  });
});
