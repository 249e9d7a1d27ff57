/**
 * The chart builder's spec as the address keeps it (issue 18, defect 10): a region scope and a period
 * survive the round trip, make the aggregate's `where`, and malformed ones are dropped rather than sent;
 * a money axis reads in 万元 once its values reach ten thousand, like its tooltips.
 */
import { describe, expect, it } from 'vitest';
import { chartWhere, orderCategories, parsePeriod, readChartSpec, writeChartSpec, type ChartSpec } from '../../admin/src/analysis/chartSpec.js';
import { axisTick, axisUnit, moneyDivisor } from '../../admin/src/analysis/units.js';

describe('chart spec', () => {
  const spec: ChartSpec = {
    entity: 'FundingAllocation',
    measure: { kind: 'sum', field: 'budgeted' },
    groups: [{ field: 'region', level: 'COUNTY' }, { field: 'fiscalYear' }],
    region: '620800',
    period: { field: 'approvedOn', from: 2022, to: 2024 },
  };

  it('keeps region and period through the address', () => {
    const params = writeChartSpec(spec);
    expect(params.get('region')).toBe('620800');
    expect(params.get('period')).toBe('approvedOn:2022-2024');
    expect(readChartSpec(new URLSearchParams(params.toString()))).toEqual(spec);
  });

  it('keeps an open end open', () => {
    expect(parsePeriod('submittedOn:2022-')).toEqual({ field: 'submittedOn', from: 2022 });
    expect(parsePeriod('submittedOn:-2023')).toEqual({ field: 'submittedOn', to: 2023 });
    const open = writeChartSpec({ ...spec, period: { field: 'approvedOn', to: 2023 } });
    expect(readChartSpec(open).period).toEqual({ field: 'approvedOn', to: 2023 });
  });

  it('drops a malformed region or period instead of sending it', () => {
    const read = readChartSpec(new URLSearchParams('view=chart&entity=Suggestion&region=6208&period=submittedOn:22-2024'));
    expect(read.region).toBeUndefined();
    expect(read.period).toBeUndefined();
    expect(writeChartSpec({ ...spec, region: undefined, period: { field: 'approvedOn' } }).has('period')).toBe(false);
  });

  it('makes the aggregate where: the region subtree and whole years', () => {
    expect(chartWhere(spec)).toEqual({ inRegion: '620800', approvedOn: { gte: '2022-01-01', lte: '2024-12-31' } });
    expect(chartWhere({ ...spec, region: undefined, period: { field: 'approvedOn', from: 2023 } })).toEqual({ approvedOn: { gte: '2023-01-01' } });
    expect(chartWhere({ ...spec, region: undefined, period: undefined })).toBeUndefined();
  });
});

describe('value axes', () => {
  it('read money in 万 once it reaches ten thousand, with the unit in the title', () => {
    expect(moneyDivisor(650_000)).toBe(10_000);
    expect(moneyDivisor(9_999.99)).toBe(1);
    expect(axisTick(650_000, 10_000, 'zh-CN')).toBe('65');
    expect(axisTick(1_234_567, 1, 'en-US')).toBe('1,234,567');
    expect(axisUnit('元', 10_000, 'zh')).toBe('万元');
    expect(axisUnit('CNY', 10_000, 'en')).toBe('10k CNY');
    expect(axisUnit('元', 1, 'zh')).toBe('元');
  });

  it('keeps an enum’s categories in the server’s (declared) order, dates in calendar order, the rest ranked by total', () => {
    const levels = [
      { name: '全国人大代表', n: 1 },
      { name: '省人大代表', n: 3 },
      { name: '县人大代表', n: 40 },
      { name: '乡镇人大代表', n: 90 },
    ];
    const total = (row: { n: number }) => row.n;
    expect(orderCategories(levels, { kind: 'enum' }, total).map((row) => row.name)).toEqual(['全国人大代表', '省人大代表', '县人大代表', '乡镇人大代表']);
    expect(orderCategories(levels, { kind: 'reference' }, total).map((row) => row.name)).toEqual(['乡镇人大代表', '县人大代表', '省人大代表', '全国人大代表']);
    const years = [
      { name: '2024', n: 1 },
      { name: '2022', n: 5 },
    ];
    expect(orderCategories(years, { part: 'YEAR', kind: 'date' }, total).map((row) => row.name)).toEqual(['2022', '2024']);
  });
});
