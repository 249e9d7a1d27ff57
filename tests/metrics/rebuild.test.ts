/**
 * A full rebuild of the metric facts (a minute nationally) never makes a comparison wait: the previous
 * facts serve, kept fresh by refreshes, until the new ones are complete; writes made meanwhile are in
 * the new facts when they are swapped in; facts of another catalog are never read.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildPause } from '../../server/metrics/refresher.js';
import { readConfig } from '../../server/config.js';
import { clientGraceMs } from '../../server/db/read-pool.js';
import { actAsTest, createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer, createRecord } from '../support/test-server.js';

// Requests time out after a second here: a rebuild paused for longer must not be cut off by that timeout.
const statementTimeoutMs = 1_000;
const env = {} as { database: TestDatabase; server: TestServer };
let owner: pg.Client;
let city: { id: string };
let east: { id: string };

const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

/** The eastern county's voters received in 2024, and how long the comparison took. */
const voters = async (): Promise<{ value: number; ms: number }> => {
  const started = performance.now();
  const response = await env.server.gql(`query($parentId: ID) { compareRegions(metrics: ["votersReceived"], level: COUNTY, parentId: $parentId, years: [2024]) { rows { region { code } values } } }`, {
    parentId: city.id,
  });
  expect(response.errors).toBeUndefined();
  const row = response.data.compareRegions.rows.find((candidate: any) => candidate.region.code === '980201');
  return { value: row.values[0], ms: performance.now() - started };
};

const receive = (count: number) => create('Activity', { kind: 'VOTER_RECEPTION', title: '接待日', heldOn: '2024-05-15', regionId: east.id, votersReceived: count });

const builtAt = async () => (await owner.query(`select built_at from metric_state`)).rows[0]?.built_at?.getTime() as number | undefined;

/** Until a rebuild waits at its pause (held by the test): its build is done, its swap not yet. */
async function untilPaused(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await owner.query(`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [rebuildPause]);
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no rebuild reached its pause');
}

beforeAll(async () => {
  env.database = await createTestDatabase();
  env.server = await startTestServer(env.database, { database: { ...readConfig({}).database, statementTimeoutMs } });
  await env.server.db.whenConnected();
  const province = await create('Region', { code: '980000', name: '重建省', kind: 'PROVINCE' });
  city = await create('Region', { code: '980200', name: '重建市', kind: 'CITY', parentId: province.id });
  east = await create('Region', { code: '980201', name: '东区', kind: 'COUNTY', parentId: city.id });
  await create('Region', { code: '980202', name: '西区', kind: 'COUNTY', parentId: city.id });
  owner = new pg.Client({ connectionString: env.database.ownerUrl });
  await owner.connect();
  await actAsTest(owner);
  await receive(10);
  expect((await voters()).value).toBe(10);
  await env.server.db.metricFacts!.settled();
});
afterAll(async () => {
  await owner?.end();
  await env.server?.stop();
  await env.database?.drop();
});

describe('a full rebuild of the metric facts', () => {
  it('serves the previous facts while it builds, keeps them fresh, and swaps in new facts that hold the writes made meanwhile', async () => {
    const before = await builtAt();
    expect(before).toBeDefined();
    await owner.query('select pg_advisory_lock($1)', [rebuildPause]);
    try {
      // A changed region tree asks for a rebuild (as moving a township does); the next comparison starts it.
      await owner.query(`insert into metric_dirty (region_id) values (null)`);
      expect((await voters()).value).toBe(10);
      await untilPaused();
      // Built but not swapped in: comparisons answer from the previous facts without waiting for it …
      const during = await voters();
      expect(during.value).toBe(10);
      expect(during.ms).toBeLessThan(2_000);
      // … and see a write made now: the refresh brings the current facts up to date.
      await receive(5);
      expect((await voters()).value).toBe(15);
      expect(await builtAt()).toBe(before);
      // Longer than any request may take: the rebuild's own connection has no request timeout.
      await new Promise((resolve) => setTimeout(resolve, statementTimeoutMs + clientGraceMs + 500));
    } finally {
      await owner.query('select pg_advisory_unlock($1)', [rebuildPause]);
    }
    await env.server.db.metricFacts!.settled();
    expect(await builtAt()).not.toBe(before);
    // The write of the pause was taken by a refresh of the previous facts, after the build had read the
    // records: the rebuild replayed it into the new ones before the swap.
    expect((await voters()).value).toBe(15);
    const own = await owner.query(`select coalesce(sum(value), 0)::int as voters from metric_own_fact where region_id = $1 and year = 2024 and part = $2`, [
      east.id,
      env.server.db.metricFacts!.slotOf(env.server.db.metricFacts!.metrics.find((metric) => metric.key === 'votersReceived')!.numerator),
    ]);
    expect(own.rows[0].voters).toBe(15);
    // The tables swapped in are unlogged like the ones they replace (a crash empties them with metric_state) …
    const persistence = await owner.query(`select relname, relpersistence from pg_class where relname in ('metric_state', 'metric_own_fact', 'metric_rollup', 'metric_value') order by 1`);
    expect(persistence.rows).toEqual(['metric_own_fact', 'metric_rollup', 'metric_state', 'metric_value'].map((relname) => ({ relname, relpersistence: 'u' })));
    // … and as closed to the application role.
    const app = new pg.Client({ connectionString: env.database.appUrl });
    await app.connect();
    try {
      for (const statement of [`update metric_value set mvals[1] = 9999`, `delete from metric_own_fact`, `insert into metric_rollup (region_id, year, vals) values (1, 2024, '{1}')`]) {
        await expect(app.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await app.end();
    }
  });

  it('does not start while another process is rebuilding', async () => {
    const { rows } = await owner.query(`select signature from metric_state`);
    // Another process holding the rebuild lock: this one does not start a second build.
    await owner.query('select pg_advisory_lock(8514002)');
    try {
      const app = new pg.Client({ connectionString: env.database.appUrl });
      await app.connect();
      try {
        await app.query('begin');
        const outcome = (await app.query(`select crc_metric_rebuild($1, 2015, 2026) as outcome`, [rows[0].signature])).rows[0].outcome;
        await app.query('rollback');
        expect(outcome).toMatchObject({ rebuilt: false, busy: true });
      } finally {
        await app.end();
      }
    } finally {
      await owner.query('select pg_advisory_unlock(8514002)');
    }
    expect((await voters()).value).toBe(15);
  });

  it('never reads facts built from another catalog: comparisons answer from the records until the rebuild', async () => {
    await owner.query('select pg_advisory_lock($1)', [rebuildPause]);
    try {
      // Facts of another make-up, where the figure at this slot means something else.
      await owner.query(`update metric_value set mtext = array_fill('777'::text, array[cardinality(mtext)]), mvals = array_fill(777::float8, array[cardinality(mvals)])`);
      // (Its parts and metrics made otherwise: none of them serves this catalog — catalog-change.test.ts has those that do.)
      await owner.query(
        `update metric_state set signature = 'another catalog', part_signatures = array_fill('another part'::text, array[cardinality(part_signatures)]), metric_signatures = array_fill('another metric'::text, array[cardinality(metric_signatures)])`,
      );
      expect((await voters()).value).toBe(15);
      await untilPaused();
      await receive(1);
      expect((await voters()).value).toBe(16);
    } finally {
      await owner.query('select pg_advisory_unlock($1)', [rebuildPause]);
    }
    await env.server.db.metricFacts!.settled();
    expect((await owner.query(`select count(*)::int as n from metric_value where 777 = any(mvals)`)).rows[0].n).toBe(0);
    expect((await voters()).value).toBe(16);
  });

  it('swaps a finished build in although a comparison reads the facts for longer than the lock timeout, comparisons never queued for long', async () => {
    const before = await builtAt();
    const lockTimeoutMs = Number((await owner.query(`select setting from pg_settings where name = 'lock_timeout'`)).rows[0].setting) || 5_000;
    const reader = new pg.Client({ connectionString: env.database.appUrl });
    await reader.connect();
    try {
      await owner.query('select pg_advisory_lock($1)', [rebuildPause]);
      try {
        await owner.query(`insert into metric_dirty (region_id) values (null)`);
        expect((await voters()).value).toBe(16);
        await untilPaused();
        // A long read of the current facts (a comparison computing changed metrics from the records runs up to its limit).
        await reader.query('begin');
        await reader.query('select count(*) from metric_value');
      } finally {
        await owner.query('select pg_advisory_unlock($1)', [rebuildPause]);
      }
      // The swap waits for the reader past the lock timeout the server's connections have (5 s) …
      const waitUntil = performance.now() + Math.max(lockTimeoutMs, 5_000) + 1_500;
      while (performance.now() < waitUntil) {
        // … in short attempts, so comparisons meanwhile are answered without queueing behind it for long.
        const during = await voters();
        expect(during.value).toBe(16);
        expect(during.ms).toBeLessThan(2_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(await builtAt()).toBe(before);
      await reader.query('commit');
    } finally {
      await reader.end();
    }
    await env.server.db.metricFacts!.settled();
    // The build finished before the reader did is swapped in, not thrown away.
    expect(await builtAt()).not.toBe(before);
    expect((await voters()).value).toBe(16);
  });
});
