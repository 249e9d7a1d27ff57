/**
 * The medians of a comparison read from the facts are kept with the fingerprint of what they were computed from
 * (server/metrics/median-cache.ts): asked again with nothing changed, the statement sends no values for them; a
 * write to the facts, a region that becomes one of the compared (a new county) or stops being one in the year (its
 * validity ended) gives new medians at once.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rows } from '../../server/db/read-pool.js';
import type { ComparisonText } from '../../server/metrics/compare.js';
import { compareRegions } from '../../server/metrics/comparison.js';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer, createRecord } from '../support/test-server.js';

const env = useTestServer();
let city: { id: string };
let counties: { id: string }[];

const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

const receive = (regionId: string, count: number) => create('Activity', { kind: 'VOTER_RECEPTION', title: '接待日', heldOn: '2024-05-15', regionId, votersReceived: count });

/** What each comparison's statement answered: whether it sent the values for the medians. */
const answers: ComparisonText[] = [];

/** The median of voters received in 2024 over the city's counties, through the server's own facts and pool. */
async function median(): Promise<number | null> {
  const pool = env.server.db.readPool!;
  const observed: Rows = {
    rows: async <T>(query: Parameters<Rows['rows']>[0]) => {
      const rows = await pool.rows<T>(query);
      answers.push(rows[0] as ComparisonText);
      return rows;
    },
    withClient: (work) => pool.withClient(work),
  };
  const answer = await compareRegions(env.server.db.metricFacts!, observed, { metrics: ['votersReceived'], level: 'COUNTY', parentId: city.id, years: [2024] });
  return answer.medians[0]?.values[0] ?? null;
}

/** Whether the last statement sent the values (the medians were computed anew). */
const sentValues = () => answers.at(-1)!.values !== null;

beforeAll(async () => {
  const province = await create('Region', { code: '960000', name: '中位省', kind: 'PROVINCE' });
  city = await create('Region', { code: '960100', name: '中位市', kind: 'CITY', parentId: province.id });
  counties = [];
  for (const [index, voters] of [10, 20, 30].entries()) {
    const county = await create('Region', { code: `96010${index + 1}`, name: `中位${index + 1}县`, kind: 'COUNTY', parentId: city.id });
    await receive(county.id, voters);
    counties.push(county);
  }
  await median();
  await env.server.db.metricFacts!.settled();
});

describe('the medians of a comparison of the facts', () => {
  it('are not sent again while nothing they depend on changed, and follow writes, new regions and validity at once', async () => {
    // (Known since the comparison of beforeAll, if the facts were built by then.)
    expect(await median()).toBe(20);
    expect(await median()).toBe(20);
    expect(sentValues()).toBe(false);

    // A write to the facts: 60, 20, 30.
    await receive(counties[0].id, 50);
    expect(await median()).toBe(30);
    expect(sentValues()).toBe(true);
    expect(await median()).toBe(30);
    expect(sentValues()).toBe(false);

    // A new county with no records (voters 0) is compared too, though the facts did not change: 60, 20, 30, 0.
    counties.push(await create('Region', { code: '960104', name: '中位4县', kind: 'COUNTY', parentId: city.id }));
    expect(await median()).toBe(25);
    expect(sentValues()).toBe(true);

    // The third county ended on 1 January 2024 (a change the facts do not follow): not a row of 2024: 60, 20, 0.
    const owner = new pg.Client({ connectionString: env.database.ownerUrl });
    await owner.connect();
    try {
      await actAsTest(owner);
      await owner.query(`update region set valid_to = '2024-01-01' where id = $1`, [counties[2].id]);
    } finally {
      await owner.end();
    }
    expect(await median()).toBe(20);
    expect(sentValues()).toBe(true);
    expect(await median()).toBe(20);
    expect(sentValues()).toBe(false);
  });
});
