/**
 * `npm run seed -- --scale N`: the synthetic data set, loaded at 20 counties into fresh migrated
 * databases. Row counts follow DOMAIN.md's budget, the schema (keys, indexes, foreign keys, triggers)
 * comes back whole and validated, live row counts and sequences are right, the business rules hold,
 * and the same seed gives the same content while another seed does not.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelOfKind, type RegionKind } from '../../schema/shared/enums.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';
import { pinyinColumns } from '../../server/db/pinyin.js';
import { zonedOrders } from '../../server/db/search-zones.js';
import { missingGramsSql } from '../support/search-zones.js';
import { divisionCodeFitsParent, levelOfDivisionCode, parseIdNumber, validateIdNumber } from '../../schema/shared/validators.js';
import { checkFreeDisk, ScaleRefusal } from '../../seeds/national/disk.js';
import { generators, loadScale, scaleCounties, type ScaleSummary } from '../../seeds/national/load-scale.js';
import { actAsTest, createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

const counties = 20;
/** DOMAIN.md "Scale to plan for": rows at 2,850 counties. */
const nationalBudget: Record<string, number> = {
  region: 41_000,
  person: 2_600_000,
  deputy: 2_700_000,
  liaison_station: 200_000,
  station_assignment: 2_600_000,
  deputy_group: 60_000,
  group_membership: 600_000,
  activity: 3_000_000,
  activity_participant: 9_000_000,
  funding_allocation: 250_000,
  appointment: 300_000,
  oath: 150_000,
  suggestion: 800_000,
  suggestion_handling: 1_000_000,
  training: 30_000,
  training_participant: 3_000_000,
  performance_record: 2_500_000,
};
const tables = generators.map((generator) => generator.table);
const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function load(database: TestDatabase, seed: string): Promise<ScaleSummary> {
  const client = await connect(database.ownerUrl);
  try {
    return await loadScale(client, { counties, seed, output: silent() });
  } finally {
    await client.end();
  }
}

/** A digest of every row of `table` except the creation timestamps (which say when it was loaded). */
async function checksum(client: pg.Client, table: string): Promise<string> {
  const { rows } = await client.query(`select md5(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' order by t.id)) as digest from "${table}" t`);
  return rows[0].digest;
}

async function schemaOf(client: pg.Client) {
  const indexes = await client.query(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`);
  const constraints = await client.query(
    `select conrelid::regclass::text as table, conname, contype, pg_get_constraintdef(oid) as definition
       from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
  );
  const triggers = await client.query(`select tgrelid::regclass::text as table, tgname, tgenabled from pg_trigger where not tgisinternal order by 1, 2`);
  return { indexes: indexes.rows, constraints: constraints.rows, triggers: triggers.rows };
}

describe('the synthetic data set (--scale)', () => {
  let fresh: TestDatabase;
  let first: TestDatabase;
  let second: TestDatabase;
  let other: TestDatabase;
  let summary: ScaleSummary;
  let client: pg.Client;

  beforeAll(async () => {
    [fresh, first, second, other] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    summary = await load(first, 'scale-test');
    await load(second, 'scale-test');
    await load(other, 'another-seed');
    client = await connect(first.ownerUrl);
  });
  afterAll(async () => {
    await client?.end();
    await Promise.all([fresh, first, second, other].map((database) => database?.drop()));
  });

  it('parses national, province and a number of counties', () => {
    expect(scaleCounties('national')).toBe(2850);
    expect(scaleCounties('province')).toBe(95);
    expect(scaleCounties('20')).toBe(20);
    expect(scaleCounties('0')).toBeUndefined();
    expect(scaleCounties('-3')).toBeUndefined();
    expect(scaleCounties('1.5')).toBeUndefined();
    expect(scaleCounties('county')).toBeUndefined();
  });

  it("loads every table with rows in the budget's proportions (±15 %)", async () => {
    for (const [table, national] of Object.entries(nationalBudget)) {
      const expected = (national * counties) / 2850;
      const { rows } = await client.query(`select count(*)::int as n from "${table}"`);
      expect(rows[0].n, table).toBe(summary.rows[table]);
      expect(Math.abs(rows[0].n / expected - 1), `${table}: ${rows[0].n} rows, budget ${Math.round(expected)}`).toBeLessThanOrEqual(0.15);
    }
    for (const table of tables) expect(summary.rows[table], table).toBeGreaterThan(0);
    expect(summary.totalRows).toBeGreaterThan(190_000);
    expect(summary.databaseSize).toMatch(/\d+ (kB|MB|GB)/);
  });

  it('gives synthetic regions codes beginning with 9 that fit their parent’s, with levels matching kinds', async () => {
    const { rows } = await client.query<{ code: string; kind: RegionKind; level: string; parent: string | null }>(
      `select r.code, r.kind, r.level, p.code as parent from region r left join region p on p.id = r.parent_id`,
    );
    for (const region of rows) {
      expect(region.code, region.code).toMatch(/^9/);
      expect(divisionCodeFitsParent(region.code, region.parent), `${region.code} under ${region.parent}`).toBe(true);
      expect(levelOfKind[region.kind], region.code).toBe(region.level);
      expect(levelOfDivisionCode(region.code), region.code).toBe(region.level);
    }
    expect(rows.filter((region) => region.level === 'COUNTY')).toHaveLength(counties);
    const townships = rows.filter((region) => region.level === 'TOWNSHIP').length;
    expect(townships / counties).toBeGreaterThan(10);
    expect(townships / counties).toBeLessThan(18);
  });

  it('writes the pinyin forms of every person’s, region’s and organisation’s name, as the API would (issue 22)', async () => {
    for (const { table, column, pinyinColumn, reading } of pinyinColumns()) {
      const { rows } = await client.query<{ text: string; pinyin: string | null }>(`select "${column}" as text, "${pinyinColumn}" as pinyin from "${table}" order by id limit 2000`);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) expect(row.pinyin, `${table} ${row.text}`).toBe(pinyinForms(row.text, reading));
      expect(rows.every((row) => row.pinyin !== null)).toBe(true);
    }
  });

  it('rebuilds every index, key and foreign key of the migrations, foreign keys validated, triggers enabled', async () => {
    const reference = await connect(fresh.ownerUrl);
    const expected = await schemaOf(reference);
    await reference.end();
    const actual = await schemaOf(client);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.constraints).toEqual(expected.constraints);
    expect(actual.triggers).toEqual(expected.triggers);
    expect(actual.triggers.every((trigger) => trigger.tgenabled === 'O')).toBe(true);
    const { rows } = await client.query(`select conname from pg_constraint where connamespace = 'public'::regnamespace and not convalidated`);
    expect(rows).toEqual([]);
    expect(actual.constraints.filter((constraint) => constraint.contype === 'f').length).toBeGreaterThan(30);
  });

  // Loaded with triggers off: the zones of the ranked lists are built from the rows loaded (search-zones.ts).
  it('builds the search zones of the tables it loads, every loaded row’s grams in its zone', async () => {
    const zoned = zonedOrders().filter((candidate) => tables.includes(candidate.model.table));
    expect(zoned.map((candidate) => candidate.model.table)).toContain('person');
    for (const candidate of zoned) {
      const { rows } = await client.query(`select (select count(*) from "${candidate.zones}")::int as zones, (${missingGramsSql(candidate)}) as missing`);
      expect(rows[0].zones, candidate.model.table).toBeGreaterThan(0);
      expect(rows[0].missing, candidate.model.table).toBe(0);
    }
  });

  it('sets the live row counts and moves every id sequence past the loaded ids', async () => {
    for (const table of tables) {
      const { rows } = await client.query(
        `select (select live from row_count where table_name = $1)::int as live,
                (select count(*) from "${table}" where deleted_at is null)::int as actual,
                (select max(id) from "${table}")::bigint as max_id,
                nextval(pg_get_serial_sequence($1, 'id'))::bigint as next`,
        [table],
      );
      expect(rows[0].live, table).toBe(rows[0].actual);
      expect(Number(rows[0].next), table).toBeGreaterThan(Number(rows[0].max_id));
    }
    // The triggers count again: a row inserted now moves the live count (and is audited, so it names its actor).
    await actAsTest(client);
    await client.query(`insert into organisation (name, kind, region_id) select '测试单位', 'OTHER', min(id) from region`);
    const { rows } = await client.query(`select live::int from row_count where table_name = 'organisation'`);
    expect(rows[0].live).toBe(summary.rows.organisation + 1);
    await client.query(`delete from organisation where name = '测试单位'`);
  });

  it('writes valid ID numbers that agree with gender and birth date, unique', async () => {
    const { rows } = await client.query<{ id_number: string; gender: string; birth_date: string }>(`select id_number, gender, birth_date::text as birth_date from person`);
    const now = new Date('2027-01-01T00:00:00Z');
    for (const person of rows) {
      expect(validateIdNumber(person.id_number, now), person.id_number).toEqual({ ok: true, value: person.id_number });
      expect(parseIdNumber(person.id_number)).toEqual({ birthDate: person.birth_date, gender: person.gender });
    }
    expect(new Set(rows.map((person) => person.id_number)).size).toBe(rows.length);
  });

  it('satisfies the business rules', async () => {
    const violations: Record<string, string> = {
      'seat ended before it began, or status and end disagree': `select count(*) from deputy where ended_on < elected_on or (status = 'ACTIVE') <> (ended_on is null)`,
      'assignment ends before it starts': `select count(*) from station_assignment where ends_on < starts_on`,
      'membership left before joining': `select count(*) from group_membership where left_on < joined_on`,
      'training ends before it starts': `select count(*) from training where ends_on < starts_on`,
      'oath for an action that takes none': `select count(*) from oath o join appointment a on a.id = o.appointment_id where a.action not in ('ELECT', 'APPOINT', 'DECIDE_APPOINT')`,
      'oath before the decision': `select count(*) from oath o join appointment a on a.id = o.appointment_id where o.sworn_on < a.decision_date`,
      'two oaths for one appointment': `select count(*) from (select appointment_id from oath group by 1 having count(*) > 1) t`,
      'two active memberships of a deputy in a group': `select count(*) from (select deputy_id, group_id from group_membership where left_on is null group by 1, 2 having count(*) > 1) t`,
      'station under something other than a home': `select count(*) from liaison_station s join liaison_station p on p.id = s.parent_id where p.kind <> 'HOME'`,
      'standard score not from the eight items': `select count(*) from liaison_station where standard_score <> round(100.0 * (has_premises::int + has_sign::int + has_rules::int + has_ledger::int + has_schedule::int + has_staff::int + has_funds::int + has_records::int) / 8)`,
      'disbursed beyond the budget before settlement': `select count(*) from funding_allocation where status <> 'SETTLED' and disbursed > budgeted`,
      'suggestion stage without its dates': `select count(*) from suggestion where
          (status in ('ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED')) <> (assigned_on is not null)
          or (status in ('ANSWERED', 'FEEDBACK', 'CLOSED')) <> (answered_on is not null and answer_category is not null)
          or (status in ('FEEDBACK', 'CLOSED')) <> (satisfaction is not null)
          or (status = 'CLOSED') <> (closed_on is not null)`,
      'suggestion dates out of order': `select count(*) from suggestion where assigned_on < submitted_on or answered_on < assigned_on or closed_on < answered_on`,
      'answer due other than three months after assignment': `select count(*) from suggestion where answer_due_on is distinct from (assigned_on + interval '3 months')::date`,
      'reopened without a dissatisfied feedback path': `select count(*) from suggestion where reopened and status in ('SUBMITTED', 'REVIEWED', 'ASSIGNED')`,
      'handling of an unassigned suggestion': `select count(*) from suggestion_handling h join suggestion s on s.id = h.suggestion_id where s.assigned_on is null or h.assigned_on <> s.assigned_on`,
      'no lead submitter, or two': `select count(*) from suggestion s
          left join (select suggestion_id, count(*) filter (where role = 'LEAD') as leads from suggestion_submitter group by 1) x on x.suggestion_id = s.id
          where coalesce(x.leads, 0) <> 1`,
      'participant twice in one activity': `select count(*) from (select activity_id, deputy_id from activity_participant group by 1, 2 having count(*) > 1) t`,
      'participant without a seat on the day': `select count(*) from activity_participant p join activity a on a.id = p.activity_id join deputy d on d.id = p.deputy_id where a.held_on < d.elected_on or a.held_on > d.ended_on`,
      'a person holding two seats of one level': `select count(*) from (select person_id, level from deputy group by 1, 2 having count(*) > 1) t`,
      'dates after the reference day': `select count(*) from activity where held_on > date '2026-09-30'`,
      'below-standard flag disagreeing with the standard in force': `
        select count(*) from funding_allocation a join region r on r.id = a.region_id
        cross join lateral (
          with recursive chain(id, parent_id, depth) as (
            select id, parent_id, 0 from region where id = a.region_id
            union all select g.id, g.parent_id, c.depth + 1 from region g join chain c on g.id = c.parent_id)
          select s.amount_per_unit, s.unit from funding_standard s join chain c on c.id = s.region_id
          where s.category = a.category and s.effective_from_year <= a.fiscal_year
            and (s.deputy_level is null or s.deputy_level = case r.level when 'COUNTY' then 'COUNTY' when 'TOWNSHIP' then 'TOWNSHIP' end)
          order by c.depth, s.effective_from_year desc, s.deputy_level nulls last limit 1) s
        where a.below_standard <> case when s.unit = 'PER_DEPUTY_YEAR' then coalesce(a.headcount, 0) > 0 and a.budgeted < s.amount_per_unit * a.headcount
                                       else a.budgeted < s.amount_per_unit end`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      const { rows } = await client.query(sql);
      expect(Number(rows[0].count), rule).toBe(0);
    }
    const flagged = await client.query(`select count(*)::int as n from funding_allocation where below_standard`);
    expect(flagged.rows[0].n).toBeGreaterThan(0);
  });

  it('gives the same content for the same seed and different content for another', async () => {
    const [again, different] = await Promise.all([connect(second.ownerUrl), connect(other.ownerUrl)]);
    try {
      for (const table of ['region', 'person', 'deputy', 'liaison_station', 'activity_participant', 'suggestion', 'funding_allocation', 'oath']) {
        const digest = await checksum(client, table);
        expect(await checksum(again, table), table).toBe(digest);
        expect(await checksum(different, table), table).not.toBe(digest);
      }
      const counts = async (database: pg.Client) => {
        const result: Record<string, number> = {};
        for (const table of tables) result[table] = (await database.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
        return result;
      };
      expect(await counts(again)).toEqual(await counts(client));
    } finally {
      await Promise.all([again.end(), different.end()]);
    }
  });

  it('refuses to load a second synthetic set into the same database, suggesting --reset', async () => {
    const owner = await connect(first.ownerUrl);
    try {
      await expect(loadScale(owner, { counties: 1, output: silent() })).rejects.toThrow(/--reset/);
    } finally {
      await owner.end();
    }
  });

  it('refuses, with the sizes, when the disk has too little room', async () => {
    const owner = await connect(fresh.ownerUrl);
    try {
      const error = await checkFreeDisk(owner, 1024 ** 5, 'a data set of a petabyte').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ScaleRefusal);
      expect((error as Error).message).toMatch(/not enough free disk for a data set of a petabyte: it needs about [\d.]+ GB .* but only [\d.]+ GB are free on /);
    } finally {
      await owner.end();
    }
  });
});

describe('the synthetic data set beside existing records', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('numbers its rows after the ids already used and keeps the existing rows', async () => {
    const client = await connect(database.ownerUrl);
    try {
      await actAsTest(client);
      await client.query(`insert into region (code, name, kind, level) values ('620000', '甘肃省', 'PROVINCE', 'PROVINCE')`);
      await client.query(`insert into person (name) values ('已有人员')`);
      const summary = await loadScale(client, { counties: 2, seed: 'beside', output: silent() });
      const { rows } = await client.query(`
        select (select min(id) from region where code like '9%')::int as first_region,
               (select count(*) from region)::int as regions,
               (select live from row_count where table_name = 'person')::int as persons_live,
               (select count(*) from deputy d left join person p on p.id = d.person_id where p.name = '已有人员')::int as seats_of_existing`);
      expect(rows[0]).toEqual({ first_region: 2, regions: summary.rows.region + 1, persons_live: summary.rows.person + 1, seats_of_existing: 0 });
    } finally {
      await client.end();
    }
  });
});
