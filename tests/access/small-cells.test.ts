/**
 * Statistics over people publish small cells the way statistical offices do: a group holding fewer than
 * MIN_CELL_SIZE rows the user may not read one by one is shown without its count and measures. Two
 * counties with known people, counted by hand for each user:
 *
 * | ethnicity | 990011 (A) | 990021 (B) | all |
 * |-----------|-----------:|-----------:|----:|
 * | HAN       | 7          | 6          | 13  |
 * | HUI       | 3          | 4          | 7   |
 * | MIAO      | 0          | 1          | 1   |
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleIdNumber } from '../support/samples.js';
import { startTestServer, useTestServer, type Gql, type TestServer } from '../support/test-server.js';

const env = useTestServer();
const people: Record<string, Record<string, number>> = { '990011': { HAN: 7, HUI: 3 }, '990021': { HAN: 6, HUI: 4, MIAO: 1 } };
const byEthnicity = `{ personsAggregate(groupBy: [{ field: ethnicity }]) { key { value } count suppressed countBelow } }`;
const regionIds: Record<string, string> = {};

type Group = { key: { value: string }[]; count: number | null; suppressed: boolean; countBelow: number | null };
/** Each group as `count`, or `<N` when withheld. */
async function table(gql: Gql, query = byEthnicity): Promise<Record<string, number | string>> {
  const answer = await gql(query);
  expect(answer.errors).toBeUndefined();
  const groups = Object.values(answer.data)[0] as Group[];
  return Object.fromEntries(groups.map((group) => [group.key.map((key) => key.value).join('/') || 'all', group.suppressed ? `<${group.countBelow}` : group.count!]));
}

beforeAll(async () => {
  const gql = env.server.gql;
  const province = (await gql(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  let seed = 1;
  for (const [code, counts] of Object.entries(people)) {
    const region = (await gql(`mutation { createRegion(input: { code: "${code}", name: "县${code}", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
    regionIds[code] = region;
    for (const [ethnicity, count] of Object.entries(counts)) {
      for (let index = 0; index < count; index += 1) {
        const { idNumber } = sampleIdNumber(seed++);
        const person = (await gql(`mutation { createPerson(input: { name: "人${seed}", ethnicity: ${ethnicity}, idNumber: "${idNumber}", regionId: "${region}" }) { id } }`)).data.createPerson.id;
        const term = code === '990011' ? 18 : 17;
        await gql(`mutation { createDeputy(input: { personId: "${person}", level: COUNTY, termNumber: ${term}, regionId: "${region}", electedOn: "2021-10-01" }) { id } }`);
      }
    }
  }
});

describe('small cells', () => {
  it('are exact for a super administrator, who reads every row', async () => {
    expect(await table(env.server.gql)).toEqual({ HAN: 13, HUI: 7, MIAO: 1 });
  });

  it('are withheld from leaders and analysts below 5 rows (they read no row unmasked)', async () => {
    for (const role of ['LEADER', 'ANALYST'] as const) expect(await table(await env.server.as(role)), role).toEqual({ HAN: 13, HUI: 7, MIAO: '<5' });
  });

  it('are withheld from a clerk when fewer than 5 of the group’s rows lie outside their county', async () => {
    // A: HUI has 4 rows of B (withheld), MIAO 1 (withheld); HAN has 6 of B (shown).
    expect(await table(await env.server.as('CLERK', '990011'))).toEqual({ HAN: 13, HUI: '<5', MIAO: '<5' });
    // B: HUI has 3 rows of A (withheld); MIAO is B's own person (shown); HAN has 7 of A (shown).
    expect(await table(await env.server.as('CLERK', '990021'))).toEqual({ HAN: 13, HUI: '<5', MIAO: 1 });
    // By region: each county's own group is theirs, the other one has 10 and 11 rows.
    const byRegion = `{ personsAggregate(groupBy: [{ field: region }]) { key { value } count suppressed countBelow } }`;
    expect(await table(await env.server.as('CLERK', '990011'), byRegion)).toEqual({ [regionIds['990011']]: 10, [regionIds['990021']]: 11 });
  });

  it('withhold the measures of a withheld group, and every count of a whole below the threshold', async () => {
    const analyst = await env.server.as('ANALYST');
    const miao = await analyst(`{ deputiesAggregate(where: { person: { ethnicity: { eq: MIAO } } }) { count suppressed countBelow sum { termNumber } max { termNumber } } }`);
    expect(miao.data.deputiesAggregate).toEqual([{ count: null, suppressed: true, countBelow: 5, sum: null, max: null }]);
    const hui = await analyst(`{ deputiesAggregate(where: { person: { ethnicity: { eq: HUI } } }) { count suppressed sum { termNumber } max { termNumber } } }`);
    expect(hui.data.deputiesAggregate).toEqual([{ count: 7, suppressed: false, sum: { termNumber: 3 * 18 + 4 * 17 }, max: { termNumber: 18 } }]);
    // Nothing to hide in an empty group.
    const none = await analyst(`{ personsAggregate(where: { ethnicity: { eq: ZHUANG } }) { count suppressed } }`);
    expect(none.data.personsAggregate).toEqual([{ count: 0, suppressed: false }]);
    // Records that do not describe people are never withheld.
    const regions = await analyst(`{ regionsAggregate(where: { code: { eq: "990011" } }) { count suppressed } }`);
    expect(regions.data.regionsAggregate).toEqual([{ count: 1, suppressed: false }]);
  });

  it('follow MIN_CELL_SIZE', async () => {
    let server: TestServer | undefined;
    try {
      server = await startTestServer(env.database, { minCellSize: 2 });
      // 990011's clerk: HUI has 4 rows of B (now shown), MIAO 1 (still withheld).
      expect(await table(await server.as('CLERK', '990011'))).toEqual({ HAN: 13, HUI: 7, MIAO: '<2' });
    } finally {
      await server?.stop();
    }
  });
});
