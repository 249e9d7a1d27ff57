/**
 * An upgrade that changes the metrics catalog (issue 20): until the rebuild swaps in the new catalog's facts,
 * the previous catalog's facts answer every metric whose parts did not change — wherever that catalog stored
 * them, and kept fresh by writes meanwhile — and only the changed and new metrics are computed from the records.
 * No comparison is refused, and the answer is the one the new facts give once built.
 *
 * The change is real: the facts are built by the refresher of an earlier catalog (its metrics in another
 * order, one metric fewer, one part defined otherwise), then the server's own catalog's refresher is
 * installed again, as an upgrade's migration does.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { metricCatalog } from '../../server/metrics/catalog.js';
import type { Metric, Part } from '../../server/metrics/metric.js';
import { catalogSignature, rebuildPause, refresherStatements } from '../../server/metrics/refresher.js';
import { sql } from '../../server/sql/sql.js';
import { actAsTest, createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer, createRecord } from '../support/test-server.js';

/** The part defined otherwise in the earlier catalog: twice the voters received. */
const doubled = (part: Part): Part => ({
  key: part.key,
  combine: part.combine,
  reads: part.reads,
  query: (scope) => sql`select d.region_id, d.year, d.value * 2 as value from (${part.query(scope)}) d`,
});

/** The earlier catalog: reversed (every metric and part stored elsewhere), without deputiesPerStation, votersReceived doubled. */
const earlier: readonly Metric[] = [...metricCatalog]
  .reverse()
  .filter((metric) => metric.key !== 'deputiesPerStation')
  .map((metric) => (metric.key === 'votersReceived' ? { ...metric, numerator: doubled(metric.numerator) } : metric));

const keys = metricCatalog.map((metric) => metric.key);
const changed = ['votersReceived', 'deputiesPerStation'];
/** Unchanged metrics whose parts add up over years or are taken at the period's end: a period reads their rollups. */
const combinable = ['deputies', 'stations', 'suggestions'];

const env = {} as { database: TestDatabase; server: TestServer };
let owner: pg.Client;
let city: { id: string };
let east: { id: string };

const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

type Row = { region: { code: string } | null; year: number | null; values: (number | null)[] };
type Comparison = { rows: Row[]; medians: Row[]; parents: Row[]; recomputing: string[] };

/** Every metric of the city's counties for two years, or over them as a period. */
const compare = async (variables: Record<string, unknown> = { years: [2023, 2024] }): Promise<Comparison> => {
  const response = await env.server.gql(
    `query($metrics: [String!]!, $parentId: ID, $years: [Int!], $period: PeriodInput) {
      compareRegions(metrics: $metrics, level: COUNTY, parentId: $parentId, years: $years, period: $period) {
        rows { region { code } year values } medians { year values } parents { region { code } year values } recomputing } }`,
    { metrics: keys, parentId: city.id, ...variables },
  );
  expect(response.errors).toBeUndefined();
  return response.data.compareRegions;
};

/** A metric's value in a county's row of a year. */
const valueOf = (answer: Comparison, code: string, year: number, key: string) => answer.rows.find((row) => row.region!.code === code && row.year === year)!.values[keys.indexOf(key)];

const state = async () => (await owner.query(`select signature, built_at from metric_state`)).rows[0] as { signature: string; built_at: Date };

/** Until a rebuild waits at its pause (held by the test): its build is done, its swap not yet. */
async function untilPaused(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await owner.query(`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [rebuildPause]);
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no rebuild reached its pause');
}

/** The facts of `catalog`, built by its own refresher; then the server's catalog's refresher, as after an upgrade. */
async function buildFactsOf(catalog: readonly Metric[]): Promise<void> {
  const { firstYear, lastYear } = env.server.db.metricFacts!.range();
  for (const statement of refresherStatements(catalog)) await owner.query(statement);
  await owner.query('begin');
  const { rows } = await owner.query(`select crc_metric_rebuild($1, $2, $3) as outcome`, [catalogSignature(catalog), firstYear, lastYear]);
  await owner.query('commit');
  expect(rows[0].outcome).toMatchObject({ rebuilt: true });
  for (const statement of refresherStatements(metricCatalog)) await owner.query(statement);
}

beforeAll(async () => {
  env.database = await createTestDatabase();
  // Statements time out after a second here, so that computing the changed metrics from the records can be made to.
  env.server = await startTestServer(env.database, { database: { ...readConfig({}).database, statementTimeoutMs: 1_000 } });
  await env.server.db.whenConnected();
  const province = await create('Region', { code: '970000', name: '目录省', kind: 'PROVINCE' });
  city = await create('Region', { code: '970100', name: '目录市', kind: 'CITY', parentId: province.id });
  east = await create('Region', { code: '970101', name: '东县', kind: 'COUNTY', parentId: city.id });
  const west = await create('Region', { code: '970102', name: '西县', kind: 'COUNTY', parentId: city.id });
  owner = new pg.Client({ connectionString: env.database.ownerUrl });
  await owner.connect();
  await actAsTest(owner);
  await owner.query(
    `insert into person (id, name, gender, ethnicity, birth_date) values (97201, '甲', 'FEMALE', 'HAN', '1970-06-01'), (97202, '乙', 'MALE', 'HUI', '1980-01-01'), (97203, '丙', 'MALE', 'HAN', '1990-01-01');
     insert into deputy (person_id, level, term_number, region_id, composition, elected_on, status) values
       (97201, 'COUNTY', 18, $1, 'FARMER', '2021-01-01', 'ACTIVE'), (97202, 'COUNTY', 18, $1, 'OTHER', '2021-01-01', 'ACTIVE'), (97203, 'COUNTY', 18, $2, 'WORKER', '2023-05-01', 'ACTIVE');
     insert into liaison_station (name, kind, region_id, established_on) values ('东站', 'STATION', $1, '2022-01-01'), ('西站', 'STATION', $2, '2024-03-01');
     insert into activity (kind, title, held_on, region_id, voters_received) values
       ('VOTER_RECEPTION', '接待日', '2023-04-01', $1, 30), ('VOTER_RECEPTION', '接待日', '2024-04-01', $1, 7), ('VOTER_RECEPTION', '接待日', '2024-05-01', $2, 11);`.replaceAll(/\$([12])/g, (_, n) =>
      n === '1' ? east.id : west.id,
    ),
  );
});
afterAll(async () => {
  await owner?.query('select pg_advisory_unlock_all()').catch(() => undefined);
  await owner?.end();
  await env.server?.stop();
  await env.database?.drop();
});

describe('after an upgrade that changed the catalog', () => {
  it('answers unchanged metrics from the previous facts and the changed ones from the records, as the new facts will', async () => {
    // The facts of the server's own catalog: what every comparison must answer (they are the records' figures,
    // hand-built.test.ts and demo-figures.test.ts).
    await compare();
    await env.server.db.metricFacts!.settled();
    const expected = await compare();
    const expectedPeriod = await compare({ years: null, period: { from: '2023-01-01', to: '2024-12-31' } });
    const expectedCombined = await compare({ metrics: combinable, years: null, period: { from: '2023-01-01', to: '2024-12-31' } });
    expect(expectedCombined.rows.find((row) => row.region!.code === '970101')!.values).toEqual([2, 1, 0]);
    expect(valueOf(expected, '970101', 2024, 'votersReceived')).toBe(7);
    expect(valueOf(expected, '970101', 2024, 'deputiesPerStation')).toBe(2);

    await buildFactsOf(earlier);
    const previous = await state();
    expect(previous.signature).toBe(catalogSignature(earlier));
    // The earlier catalog's figure of the changed part, in its own place: twice the records'.
    const votersAt = earlier.findIndex((metric) => metric.key === 'votersReceived') + 1;
    const stored = await owner.query(`select mvals[${votersAt}] as voters from metric_value where region_id = $1 and year = 2024`, [east.id]);
    expect(stored.rows[0].voters).toBe(14);

    await owner.query('select pg_advisory_lock($1)', [rebuildPause]);
    try {
      // Computing the changed metrics from the records takes longer than a request may (here: a table one of them
      // reads is locked): the unchanged ones are answered, the changed ones said to be being computed, no data yet.
      // (The rebuild this comparison starts waits for the table too, briefly.)
      const locker = new pg.Client({ connectionString: env.database.ownerUrl });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table activity in access exclusive mode');
        const partial = await compare();
        expect(partial.recomputing).toEqual(['deputiesPerStation', 'votersReceived']);
        expect(valueOf(partial, '970101', 2024, 'votersReceived')).toBeNull();
        expect(valueOf(partial, '970101', 2024, 'deputiesPerStation')).toBeNull();
        const unchanged = (answer: Comparison) => answer.rows.map((row) => row.values.filter((_, index) => !changed.includes(keys[index])));
        expect(unchanged(partial)).toEqual(unchanged(expected));
      } finally {
        await locker.query('rollback');
        await locker.end();
      }

      // Otherwise the rebuild (started by now) waits at its pause: the previous facts serve meanwhile, every metric answered.
      expect(await compare()).toEqual(expected);
      await untilPaused();
      expect(await compare()).toEqual(expected);
      expect(await compare({ years: null, period: { from: '2023-01-01', to: '2024-12-31' } })).toEqual(expectedPeriod);
      // A period of whole years whose parts the previous facts hold sums their rollups, read where they are stored.
      expect(await compare({ metrics: combinable, years: null, period: { from: '2023-01-01', to: '2024-12-31' } })).toEqual(expectedCombined);

      // The unchanged metrics are read from the previous facts, where that catalog stored them: a figure put there
      // shows (and is taken out again).
      const deputiesAt = earlier.findIndex((metric) => metric.key === 'deputies') + 1;
      await owner.query(`update metric_value set mtext[${deputiesAt}] = '4242' where region_id = $1 and year = 2024`, [east.id]);
      expect(valueOf(await compare(), '970101', 2024, 'deputies')).toBe(4242);
      await owner.query(`update metric_value set mtext[${deputiesAt}] = mvals[${deputiesAt}]::text where region_id = $1 and year = 2024`, [east.id]);

      // Writes meanwhile show in both kinds at once: a station (unchanged, refreshed in the previous facts) and
      // voters received (changed, from the records).
      await create('LiaisonStation', { name: '东二站', kind: 'STATION', regionId: east.id, establishedOn: '2024-02-01' });
      await create('Activity', { kind: 'VOTER_RECEPTION', title: '接待日', heldOn: '2024-06-01', regionId: east.id, votersReceived: 5 });
      const written = await compare();
      expect(valueOf(written, '970101', 2024, 'stations')).toBe(2);
      expect(valueOf(written, '970101', 2024, 'deputiesPerStation')).toBe(1);
      expect(valueOf(written, '970101', 2024, 'votersReceived')).toBe(12);
      expect(valueOf(written, '970101', 2023, 'stations')).toBe(1);
      expect(written.recomputing).toEqual([]);
      expect(await state()).toEqual(previous);
    } finally {
      await owner.query('select pg_advisory_unlock($1)', [rebuildPause]);
    }
    await env.server.db.metricFacts!.settled();
    // (A rebuild paused longer than its lock timeout on a loaded machine fails; the next comparison starts it again.)
    await compare();
    await env.server.db.metricFacts!.settled();
    expect((await state()).signature).toBe(catalogSignature(metricCatalog));
    // The new facts give what the previous ones answered meanwhile.
    const rebuilt = await compare();
    expect(valueOf(rebuilt, '970101', 2024, 'stations')).toBe(2);
    expect(valueOf(rebuilt, '970101', 2024, 'votersReceived')).toBe(12);
    for (const key of keys.filter((key) => !changed.includes(key) && key !== 'stations')) {
      expect(valueOf(rebuilt, '970101', 2023, key), key).toBe(valueOf(expected, '970101', 2023, key));
    }
  });
});
