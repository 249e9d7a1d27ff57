/**
 * Comparisons list the regions valid in the year compared (issue 22): a 乡 ended by 撤乡设镇 is compared in the
 * years it existed and not after, its successor 镇 not before; a region on record since the earliest edition
 * (validFrom 2015-09-30) counts as older than the records; the medians take each year's own regions. Both from
 * the pre-aggregated facts (years they hold) and from the records (a year before them, a period).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import { useTestServer, createRecord } from '../support/test-server.js';

const env = useTestServer();

type Created = { id: string; version: number };
const create = (entity: string, input: Record<string, unknown>) => createRecord(env.server, entity, input);

type Answer = { rows: { region: { code: string }; year: number | null; values: (number | null)[] }[]; medians: { year: number | null; values: (number | null)[] }[] };
const compare = async (parentId: string, range: { years?: number[]; period?: { from: string; to: string } }): Promise<Answer> => {
  const response = await env.server.gql(
    `query($parentId: ID, $years: [Int!], $period: PeriodInput) { compareRegions(metrics: ["votersReceived"], level: TOWNSHIP, parentId: $parentId, years: $years, period: $period) { rows { region { code } year values } medians { year values } } }`,
    { parentId, ...range },
  );
  expect(response.errors).toBeUndefined();
  return response.data.compareRegions;
};
/** Each row as "code year value". */
const rowsOf = (answer: Answer) => answer.rows.map((row) => `${row.region.code} ${row.year ?? 'period'} ${row.values[0]}`);

let county: Created;
beforeAll(async () => {
  const province = await create('Region', { code: '980000', name: '沿革省', kind: 'PROVINCE', validFrom: divisionRecordsSince });
  const city = await create('Region', { code: '980100', name: '沿革市', kind: 'CITY', parentId: province.id, validFrom: divisionRecordsSince });
  county = await create('Region', { code: '980101', name: '沿革县', kind: 'COUNTY', parentId: city.id, validFrom: divisionRecordsSince });
  // 邵寨乡 turned into 邵寨镇 under a new code: the 乡 last listed in the 2020 edition, the 镇 first in 2021's.
  const township = await create('Region', { code: '980101201', name: '邵寨乡', kind: 'TOWNSHIP', parentId: county.id, validFrom: divisionRecordsSince, validTo: '2021-10-31' });
  const town = await create('Region', { code: '980101101', name: '邵寨镇', kind: 'TOWN', parentId: county.id, validFrom: '2021-10-31' });
  const old = await create('Region', { code: '980101100', name: '中台镇', kind: 'TOWN', parentId: county.id, validFrom: divisionRecordsSince });
  for (const [region, heldOn, voters] of [
    [township, '2014-05-01', 3],
    [township, '2020-05-01', 10],
    [township, '2021-03-01', 20],
    [town, '2022-05-01', 30],
    [old, '2014-05-01', 5],
    [old, '2020-05-01', 40],
    [old, '2022-05-01', 50],
  ] as const) {
    await create('Activity', { kind: 'VOTER_RECEPTION', title: '接待日', heldOn, regionId: region.id, votersReceived: voters });
  }
});
afterAll(async () => {});

describe('comparisons of a year list the regions valid in it', () => {
  it('compares the ended 乡 in the years it existed, its successor from the year it began, the old town in every year (from the facts)', async () => {
    const answer = await compare(county.id, { years: [2020, 2021, 2022] });
    expect(rowsOf(answer)).toEqual([
      '980101100 2020 40',
      '980101100 2021 0',
      '980101100 2022 50',
      // 邵寨镇 began in 2021 (listed by the 2021 edition's cut-off): a row of 2021 and 2022, none of 2020.
      '980101101 2021 0',
      '980101101 2022 30',
      // 邵寨乡 was gone by 2021-10-31: a row of 2020 and 2021, none of 2022.
      '980101201 2020 10',
      '980101201 2021 20',
    ]);
    // Each year's median over its own regions: 2020 of (40, 10), 2021 of (0, 0, 20), 2022 of (50, 30).
    expect(answer.medians).toEqual([
      { year: 2020, values: [25] },
      { year: 2021, values: [0] },
      { year: 2022, values: [40] },
    ]);
  });

  it('counts a region on record since the earliest edition as older than the records: compared in 2014 too (from the records)', async () => {
    expect(rowsOf(await compare(county.id, { years: [2014] }))).toEqual(['980101100 2014 5', '980101201 2014 3']);
  });

  it('lists in a period the regions valid at some time in it', async () => {
    expect(rowsOf(await compare(county.id, { period: { from: '2022-01-01', to: '2022-06-30' } }))).toEqual(['980101100 period 50', '980101101 period 30']);
    expect(rowsOf(await compare(county.id, { period: { from: '2020-01-01', to: '2021-06-30' } }))).toEqual(['980101100 period 40', '980101201 period 30']);
  });
});
