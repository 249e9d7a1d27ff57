/**
 * A refresh of the metric facts too big for a request (issue 20: a data migration marked ~31,000 regions, its
 * refresh ran past the statement limit, was cancelled with its taking of the marks, and every comparison began it
 * again — for ever) hands its marks to the background catch-up. Comparisons meanwhile answer at once from the
 * facts as they are, flagged `catchingUp`; the catch-up takes the marks in bounded batches without the request
 * limits; once it ends the flag clears and the figures are those a rebuild from the records gives.
 *
 * Here a request may take 3 marked regions and run 1 s. A refresh is made to hit the statement timeout by holding
 * the refresh lock it needs (as another process's long refresh would), and to exceed its batch by one statement
 * that writes in 8 regions.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { refreshLock } from '../../server/metrics/refresher.js';
import { actAsTest, createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer, createRecord } from '../support/test-server.js';

const batch = 3;
const env = {} as { database: TestDatabase; server: TestServer };
let owner: pg.Client;
let metrics: string[];
let city: { id: string };
let east: { id: string };
const townships: { id: string; code: string }[] = [];

const facts = () => env.server.db.metricFacts!;
const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

type Row = { region: { code: string } | null; year: number | null; values: (number | null)[] };
type Answer = { catchingUp: boolean; rows: Row[]; medians: Row[]; parents: Row[] };

/** Every metric of the eastern county's townships and of the city's counties, 2023 and 2024 (one operation, two comparisons). */
async function compare(): Promise<{ townships: Answer; counties: Answer }> {
  const fields = `catchingUp rows { region { code } year values } medians { year values } parents { region { code } year values }`;
  const response = await env.server.gql(
    `query($metrics: [String!]!, $east: ID, $city: ID) {
      townships: compareRegions(metrics: $metrics, level: TOWNSHIP, parentId: $east, years: [2023, 2024]) { ${fields} }
      counties: compareRegions(metrics: $metrics, level: COUNTY, parentId: $city, years: [2023, 2024]) { ${fields} } }`,
    { metrics, east: east.id, city: city.id },
  );
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** Voters received in 2024 by region code, as the townships' comparison (and their county as its parent) answers them. */
function voters(answer: { townships: Answer }): Record<string, number | null> {
  const at = metrics.indexOf('votersReceived');
  const rows = [...answer.townships.rows, ...answer.townships.parents].filter((row) => row.year === 2024);
  return Object.fromEntries(rows.map((row) => [row.region!.code, row.values[at]]));
}

/** What the facts answer, without the flag: to compare with what a rebuild from the records answers. */
const figures = (answer: { townships: Answer; counties: Answer }) => JSON.stringify([answer.townships, answer.counties].map(({ catchingUp: _, ...rest }) => rest));

/** The same comparisons after a rebuild of every fact from the records (as a changed region tree asks for). */
async function fromScratch(): Promise<string> {
  const before = (await owner.query(`select built_at from metric_state`)).rows[0].built_at.getTime();
  await owner.query(`insert into metric_dirty (region_id) values (null)`);
  await compare();
  await facts().settled();
  expect((await owner.query(`select built_at from metric_state`)).rows[0].built_at.getTime()).not.toBe(before);
  return figures(await compare());
}

/** The backends waiting for the refresh lock, by name. */
const waitingForRefresh = async (): Promise<string[]> =>
  (
    await owner.query(`select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.objid = $1 and not l.granted order by 1`, [
      refreshLock,
    ])
  ).rows.map((row) => row.name);

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never: ${what}`);
}

const pendingMarks = async () => (await owner.query(`select count(distinct region_id)::int as regions from metric_dirty`)).rows[0].regions as number;

/** One statement receiving voters in `regions` (plain SQL: no refresh after it, as with an import or a migration). */
const receive = (regions: string[], voters: number) =>
  owner.query(`insert into activity (kind, title, held_on, region_id, voters_received) select 'VOTER_RECEPTION', '批量接待', '2024-06-01', id, $2 from unnest($1::bigint[]) id`, [regions, voters]);

beforeAll(async () => {
  env.database = await createTestDatabase();
  env.server = await startTestServer(env.database, { database: { ...readConfig({}).database, statementTimeoutMs: 1_000 }, metricsRefreshBatch: batch });
  await env.server.db.whenConnected();
  metrics = (await env.server.gql(`{ metricCatalog { key } }`)).data.metricCatalog.map((metric: { key: string }) => metric.key);
  const province = await create('Region', { code: '960000', name: '补算省', kind: 'PROVINCE' });
  city = await create('Region', { code: '960100', name: '补算市', kind: 'CITY', parentId: province.id });
  east = await create('Region', { code: '960101', name: '东县', kind: 'COUNTY', parentId: city.id });
  await create('Region', { code: '960102', name: '西县', kind: 'COUNTY', parentId: city.id });
  for (let n = 1; n <= 7; n++) {
    const code = `960101${String(n).padStart(3, '0')}`;
    townships.push({ code, ...(await create('Region', { code, name: `东${n}镇`, kind: 'TOWN', parentId: east.id })) });
  }
  owner = new pg.Client({ connectionString: env.database.ownerUrl });
  await owner.connect();
  await actAsTest(owner);
  await compare();
  await facts().settled();
});
afterAll(async () => {
  await owner?.query('select pg_advisory_unlock_all()').catch(() => undefined);
  await owner?.end();
  await env.server?.stop();
  await env.database?.drop();
});

describe('a refresh too big for a request', () => {
  it('keeps the promise of small refreshes: a write in as many regions as a request may take is in the next comparison', async () => {
    await receive(
      townships.slice(0, batch).map((township) => township.id),
      1,
    );
    const answer = await compare();
    expect(answer.townships.catchingUp).toBe(false);
    expect(voters(answer)).toMatchObject({ '960101001': 1, '960101002': 1, '960101003': 1, '960101004': 0, '960101': 3 });
    expect(await pendingMarks()).toBe(0);
  });

  it('answers while a refresh hits the statement timeout, flagged; the catch-up completes, the flag clears, the figures are a rebuild’s', async () => {
    // Another writer of the facts holds the refresh lock longer than a request may wait (1 s).
    await owner.query('select pg_advisory_lock($1)', [refreshLock]);
    try {
      await receive([townships[3].id], 10);
      const during = await compare();
      // The comparison's refresh was cancelled at the limit: the facts answer as they were, and say so.
      expect(during.townships.catchingUp).toBe(true);
      expect(during.counties.catchingUp).toBe(true);
      expect(voters(during)).toMatchObject({ '960101004': 0, '960101': 3 });
      // The marks went to the catch-up, which waits for the lock without the request's limits …
      await until(async () => (await waitingForRefresh()).includes('crc-metrics-catch-up'), 'the catch-up waits for the refresh lock');
      // … and later comparisons answer at once, flagged, none of them starting a refresh of its own.
      const again = await compare();
      expect(again.townships.catchingUp).toBe(true);
      expect(await waitingForRefresh()).toEqual(['crc-metrics-catch-up']);
      expect(await pendingMarks()).toBe(1);
    } finally {
      await owner.query('select pg_advisory_unlock($1)', [refreshLock]);
    }
    await facts().settled();
    expect(facts().lastCatchUp).toMatchObject({ regions: 1, batches: 1 });
    expect(await pendingMarks()).toBe(0);
    const after = await compare();
    expect(after.townships.catchingUp).toBe(false);
    expect(after.counties.catchingUp).toBe(false);
    expect(voters(after)).toMatchObject({ '960101004': 10, '960101': 13 });
    expect(await fromScratch()).toBe(figures(after));
  });

  it('hands a bulk change beyond a request’s batch to the catch-up, which takes it a batch per transaction', async () => {
    // One statement in every township and their county: 8 regions marked, more than a request may take.
    await receive([...townships.map((township) => township.id), east.id], 2);
    expect(await pendingMarks()).toBe(8);
    const during = await compare();
    expect(during.townships.catchingUp).toBe(true);
    await facts().settled();
    // The request took 3; the catch-up the other 5, in batches of at most 3.
    expect(facts().lastCatchUp).toMatchObject({ regions: 5, batches: 2 });
    expect(await pendingMarks()).toBe(0);
    const after = await compare();
    expect(after.townships.catchingUp).toBe(false);
    expect(voters(after)).toMatchObject({ '960101001': 3, '960101004': 12, '960101007': 2, '960101': 13 + 8 * 2 });
    expect(await fromScratch()).toBe(figures(after));
  });

  it('cancels a catch-up under way when the server stops, its marks kept for the next start', async () => {
    await owner.query('select pg_advisory_lock($1)', [refreshLock]);
    try {
      await receive([townships[6].id], 5);
      expect((await compare()).townships.catchingUp).toBe(true);
      await until(async () => (await waitingForRefresh()).includes('crc-metrics-catch-up'), 'the catch-up waits for the refresh lock');
      // Stopping does not wait for the lock the catch-up waits for: it cancels it.
      await facts().close();
      expect(await waitingForRefresh()).toEqual([]);
      expect(await pendingMarks()).toBe(1);
    } finally {
      await owner.query('select pg_advisory_unlock($1)', [refreshLock]);
    }
  });
});
