/**
 * A model reached through lists (a person) is scoped by region prefixes the database keeps on its rows
 * (server/db/region-prefixes.ts). They must always say what walking the model's region paths says: after random
 * writes to every table along the paths (the row's own region, its seats and posts moved, added and removed, a
 * region's code changed), for every region of the demo, the rows the prefixes place in it are exactly those the
 * walk finds. And the column is the database's alone: a value written to it is replaced, and the audit trail records
 * no change of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { stepsAlong } from '../../schema/model/relations.js';
import { alongPathsSql, inRegionSql } from '../../server/access/region-scope.js';
import { prefixesSql } from '../../server/db/region-prefixes.js';
import { ident, sql, type Sql } from '../../server/sql/sql.js';
import { loadDemoInto } from '../support/demo-database.js';
import { createUserWith } from '../support/test-users.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

const prefixed = servedEntities.map((entity) => modelOf(entity)).filter((model) => model.regionPrefixesColumn);

/** A small deterministic generator (mulberry32): the same writes on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('region prefixes', () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemoInto(database);
    client = await database.superClient();
    await client.query(`select set_config('crc.actor', '{"name":"system:test"}', false)`);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  const ids = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows.map((row) => String(row.id));
  const pick = <T>(next: () => number, list: readonly T[]) => list[Math.floor(next() * list.length)];

  /** The regions whose rows differ between the prefixes and the walk (none, when the prefixes are kept). */
  async function disagreements(model: ModelMeta, codes: readonly string[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const code of codes) {
      const read = async (condition: Sql) => {
        const query = sql`select t.id from ${ident(model.table)} t where ${condition} order by t.id`.compile();
        return ids(query.text, query.values);
      };
      const [byPrefixes, byWalk] = await Promise.all([read(inRegionSql(model, 't', code)), read(alongPathsSql(model, 't', code))]);
      if (byPrefixes.join() !== byWalk.join()) wrong.push(`${model.name} in ${code}: ${byPrefixes.length} by prefixes, ${byWalk.length} by the walk`);
    }
    return wrong;
  }

  it('is kept for Person (the model reached through lists)', () => {
    expect(prefixed.map((model) => model.name)).toEqual(['Person']);
  });

  it.each(prefixed.map((model) => [model.name, model] as const))(
    '%s: place every row where walking its paths does, through random writes along every path',
    async (_name, model) => {
      const next = random(20261207);
      const sample = `select id, code from region where level in ('PROVINCE', 'CITY', 'COUNTY') or id % 7 = 0`;
      const codes = (await client.query(`${sample} order by code`)).rows.map((row) => String(row.code));
      const codesBefore = new Map((await client.query(`select id, code from region`)).rows.map((row) => [String(row.id), String(row.code)]));
      expect(codes.length).toBeGreaterThan(20);
      expect(await disagreements(model, codes)).toEqual([]);

      const regionIds = await ids(`select id from region`);
      const done: Record<string, number> = {};
      const write = async (kind: string, text: string, values: unknown[]) => {
        await client.query('savepoint w');
        try {
          await client.query(text, values);
          await client.query('release savepoint w');
          done[kind] = (done[kind] ?? 0) + 1;
        } catch {
          // A write the data's own rules refuse (a unique seat, a code's shape): another is drawn.
          await client.query('rollback to savepoint w');
        }
      };
      await client.query('begin');
      for (let round = 0; round < 60; round += 1) {
        const rows = await ids(`select id from ${model.table} order by id`);
        for (const path of model.regionPaths) {
          const [first, second] = stepsAlong(model, path);
          if (first.kind === 'reference') {
            await write(`${path}: the row's own`, `update "${model.table}" set "${first.fromColumn}" = $1 where id = $2`, [pick(next, regionIds), pick(next, rows)]);
            // A new row (its required columns copied from another), placed by this reference.
            const required = (
              await client.query(
                `select column_name as name from information_schema.columns where table_name = $1 and is_nullable = 'NO' and column_default is null and is_generated = 'NEVER' and column_name <> $2`,
                [model.table, first.fromColumn],
              )
            ).rows.map((row) => `"${row.name}"`);
            await write(
              `${path}: a new row`,
              `insert into "${model.table}" (${[...required, `"${first.fromColumn}"`].join(', ')}) select ${[...required, '$1::bigint'].join(', ')} from "${model.table}" where id = $2`,
              [pick(next, regionIds), pick(next, rows)],
            );
            continue;
          }
          const child = first.to.table;
          const owner = first.toColumn;
          const children = await ids(`select id from "${child}" order by id`);
          if (second) await write(`${path}: moved`, `update "${child}" set "${second.fromColumn}" = $1 where id = $2`, [pick(next, regionIds), pick(next, children)]);
          await write(`${path}: to another owner`, `update "${child}" set "${owner}" = $1 where id = $2`, [pick(next, rows), pick(next, children)]);
          // Added (a copy of a row for another owner) and removed (a copy, which nothing references).
          const columns = (
            await client.query(`select column_name as name from information_schema.columns where table_name = $1 and column_name <> 'id' and is_generated = 'NEVER' order by ordinal_position`, [child])
          ).rows.map((row) => `"${row.name}"`);
          const copied = columns.map((column) => (column === `"${owner}"` ? '$1::bigint' : column)).join(', ');
          await write(`${path}: added`, `insert into "${child}" (${columns.join(', ')}) select ${copied} from "${child}" where id = $2`, [pick(next, rows), pick(next, children)]);
          if (next() < 0.5) await write(`${path}: removed`, `delete from "${child}" where id = (select max(id) from "${child}")`, []);
        }
        // A region's code changed (a township renumbered): the rows under it move with it.
        if (round % 10 === 0) {
          await write('a region recoded', `update region set code = left(code, length(code) - 3) || lpad(((right(code, 3)::int + 500) % 1000)::text, 3, '0') where id = $1 and level = 'TOWNSHIP'`, [
            pick(next, regionIds),
          ]);
        }
      }
      await client.query('commit');
      // Every kind of write happened: a test that drew only refused writes would prove nothing.
      const kinds = model.regionPaths.flatMap((path) =>
        stepsAlong(model, path)[0].kind === 'reference' ? [`${path}: the row's own`, `${path}: a new row`] : [`${path}: moved`, `${path}: to another owner`, `${path}: added`, `${path}: removed`],
      );
      for (const kind of [...kinds, 'a region recoded']) expect(done[kind] ?? 0, kind).toBeGreaterThan(0);
      expect((await client.query(`select count(*)::int as n from "${model.table}" where "${model.regionPrefixesColumn}" is null`)).rows[0].n).toBe(0);
      // The sample again, and every region recoded: the rows under it moved with it.
      const regions = (await client.query(`select id, code from region order by code`)).rows.map((row) => ({ id: String(row.id), code: String(row.code) }));
      const sampled = new Set((await client.query(sample)).rows.map((row) => String(row.code)));
      const recoded = regions.filter((region) => sampled.has(region.code) || codesBefore.get(region.id) !== region.code).map((region) => region.code);
      expect(recoded.length).toBeGreaterThan(sampled.size);
      expect(await disagreements(model, recoded)).toEqual([]);
    },
    300_000,
  );

  // The rewrite computes each owner's prefixes once (to learn whether they change, and to write them): the row trigger
  // keeps what a trigger writes. Counted by the scans of a list's table the write does not touch (a seat moved: the
  // posts), which only the computation reads — the other triggers (metrics, audit, row counts) off, in a transaction
  // rolled back, and the counts read inside it (PostgreSQL publishes a backend's counts after its transactions).
  it('computes the prefixes of a row a list write moves once', async () => {
    for (const model of prefixed) {
      const lists = model.regionPaths.map((path) => stepsAlong(model, path)).filter(([first]) => first.kind === 'list');
      expect(lists.length, `${model.name} has two lists to tell the computation by`).toBeGreaterThanOrEqual(2);
      const [[moved, movedRegion], [other]] = lists;
      const column = model.regionPrefixesColumn!;
      const [row] = (
        await client.query(
          `select c.id, c."${moved.toColumn}" as owner, (select r.id from "${movedRegion.to.table}" r where not (array[r.code::text] <@ t."${column}") order by r.id limit 1) as region
             from "${moved.to.table}" c join "${model.table}" t on t.id = c."${moved.toColumn}" order by c.id limit 1`,
        )
      ).rows;
      expect(row?.region, `a ${moved.to.table} row that can move to a region new to its owner`).toBeTruthy();
      const scans = async () => Number((await client.query(`select seq_scan + idx_scan as n from pg_stat_xact_user_tables where relname = $1`, [other.to.table])).rows[0]?.n ?? 0);
      await client.query('begin');
      try {
        for (const table of [model.table, moved.to.table]) {
          const { rows: triggers } = await client.query(`select tgname from pg_trigger where tgrelid = $1::regclass and not tgisinternal and tgname not like 'crc_region_prefixes%'`, [table]);
          for (const { tgname } of triggers) await client.query(`alter table ${ident(table).compile().text} disable trigger ${ident(String(tgname)).compile().text}`);
        }
        const prefixes = async () => (await client.query(`select "${column}" as prefixes from "${model.table}" where id = $1`, [row.owner])).rows[0].prefixes as string[];
        const atStart = await scans();
        const computed = (await client.query(`select ${prefixesSql(model, 'w')} as prefixes from "${model.table}" w where w.id = $1`, [row.owner])).rows[0].prefixes as string[];
        const once = (await scans()) - atStart;
        expect(once, `${other.to.table} read by one computation`).toBeGreaterThan(0);
        expect(await prefixes()).toEqual(computed);
        const beforeMove = await scans();
        await client.query(`update "${moved.to.table}" set "${movedRegion.fromColumn}" = $2 where id = $1`, [row.id, row.region]);
        const read = (await scans()) - beforeMove;
        expect(await prefixes()).not.toEqual(computed);
        expect(read, `${other.to.table} read by the rewrite of one ${model.name}'s prefixes`).toBe(once);
      } finally {
        await client.query('rollback');
      }
    }
  });

  it('replaces a value written to the column, and records no change of it in the audit trail', async () => {
    const [person] = await ids(`select p.id from person p where exists (select 1 from deputy d where d.person_id = p.id) order by p.id limit 1`);
    const before = (await client.query(`select region_prefixes as prefixes, region_id from person where id = $1`, [person])).rows[0];
    const entries = async () => (await client.query(`select count(*)::int as n from audit_entry where entity = 'Person' and record_id = $1`, [person])).rows[0].n as number;
    await client.query(`update person set region_prefixes = '{11}' where id = $1`, [person]);
    expect((await client.query(`select region_prefixes as prefixes from person where id = $1`, [person])).rows[0].prefixes).toEqual(before.prefixes);
    // (That statement is recorded, as any update that changes nothing is: with no changes.)
    const recorded = await entries();
    // A seat moved rewrites its person's prefixes: no entry for the person (the seat's own is recorded).
    const [seat] = await ids(`select id from deputy where person_id = $1 limit 1`, [person]);
    const elsewhere = (await client.query(`select id from region where level = 'COUNTY' and id <> $1 order by id limit 1`, [before.region_id])).rows[0].id;
    await client.query(`update deputy set region_id = $1 where id = $2`, [elsewhere, seat]);
    expect((await client.query(`select region_prefixes as prefixes from person where id = $1`, [person])).rows[0].prefixes).not.toEqual(before.prefixes);
    expect(await entries()).toBe(recorded);
    // The person's own region changed: recorded, without the prefixes.
    await client.query(`update person set region_id = $1 where id = $2`, [elsewhere, person]);
    const last = (await client.query(`select changes from audit_entry where entity = 'Person' and record_id = $1 order by id desc limit 1`, [person])).rows[0];
    expect(await entries()).toBe(recorded + 1);
    expect(Object.keys(last.changes)).toEqual(['region']);
  });

  // The row trigger keeps a value written from within a trigger only when the table's owner writes it (the prefix
  // triggers): the application, which may make a temporary table with a trigger of its own, writes as itself.
  it('replaces a value the application writes from within a trigger of its own', async () => {
    for (const model of prefixed) {
      const column = model.regionPrefixesColumn!;
      const [row] = await ids(`select id from ${ident(model.table).compile().text} order by id limit 1`);
      const kept = async () => (await client.query(`select ${ident(column).compile().text} as prefixes from ${ident(model.table).compile().text} where id = $1`, [row])).rows[0].prefixes as string[];
      const before = await kept();
      const version = async () => (await client.query(`select xmin::text as v from ${ident(model.table).compile().text} where id = $1`, [row])).rows[0].v as string;
      const versionBefore = await version();
      // The application writes for a signed-in user (the audit trail refuses a write without one): a session of its own.
      await createUserWith(client, { username: `relay_${model.table}`, role: 'ADMIN', regionCode: null });
      const token = `relay-${model.table}`;
      await client.query(`insert into user_session (id, user_id, expires_at) select encode(sha256(convert_to($1, 'UTF8')), 'hex'), id, now() + interval '1 hour' from app_user where username = $2`, [
        token,
        `relay_${model.table}`,
      ]);
      const app = new pg.Client({ connectionString: database.appUrl });
      await app.connect();
      try {
        await app.query(`select set_config('crc.session', $1, false)`, [token]);
        await app.query(`create temporary table relay (id bigint)`);
        await app.query(`create function pg_temp.relay() returns trigger language plpgsql as $$
          begin update ${ident(model.table).compile().text} set ${ident(column).compile().text} = '{11}' where id = new.id; return null; end $$`);
        await app.query(`create trigger relay after insert on relay for each row execute function pg_temp.relay()`);
        await app.query(`insert into relay values ($1)`, [row]);
      } finally {
        await app.end();
      }
      expect(before).not.toContain('11');
      // The relay's update did write the row (a new version of it), and its value was replaced.
      expect(await version()).not.toBe(versionBefore);
      expect(await kept()).toEqual(before);
    }
  });
});
