/**
 * The regions a comparison offers (issue 22): only those valid in the years or the period compared, as the server
 * compares them, an ended one named so; a region on record since the earliest edition counts as older than that.
 */
import { describe, expect, it } from 'vitest';
import { comparedSpan, regionChoiceName, regionChoices } from '../../admin/src/analysis/regionChoices.js';
import type { RegionRef } from '../../admin/src/analysis/types.js';

const region = (name: string, validFrom: string | null, validTo: string | null): RegionRef => ({ id: name, name, code: '620822', level: 'TOWNSHIP', validFrom, validTo });
// 邵寨乡 turned into 邵寨镇 (new code) between the 2020 and the 2021 editions; 中台镇 on record since the 2015 edition; 新建镇 entered by hand, undated.
const regions = [region('中台镇', '2015-09-30', null), region('邵寨乡', '2015-09-30', '2021-10-31'), region('邵寨镇', '2021-10-31', null), region('新建镇', null, null)];
const names = (settings: Parameters<typeof regionChoices>[1]) => regionChoices(regions, settings).map((choice) => choice.name);

describe('the regions a comparison offers', () => {
  it('are those valid at some time in the years compared', () => {
    expect(names({ years: [2019, 2020], period: null })).toEqual(['中台镇', '邵寨乡', '新建镇']);
    expect(names({ years: [2021], period: null })).toEqual(['中台镇', '邵寨乡', '邵寨镇', '新建镇']);
    expect(names({ years: [2023, 2024], period: null })).toEqual(['中台镇', '邵寨镇', '新建镇']);
    // Older than the records: a region listed by the 2015 edition is offered for 2012 too.
    expect(names({ years: [2012], period: null })).toEqual(['中台镇', '邵寨乡', '新建镇']);
  });

  it('or in the period compared', () => {
    expect(comparedSpan({ years: [2020], period: { from: '2022-01-01', to: '2022-03-31' } })).toEqual({ from: '2022-01-01', to: '2022-03-31' });
    expect(names({ years: [], period: { from: '2022-01-01', to: '2022-03-31' } })).toEqual(['中台镇', '邵寨镇', '新建镇']);
  });

  it('name an ended region with the day by which it had ended, in the console’s language', () => {
    expect(regionChoiceName(regions[1], 'zh')).toBe('邵寨乡（2021-10-31 前已撤销）');
    expect(regionChoiceName(regions[1], 'en')).toBe('邵寨乡（ended by 2021-10-31）');
    expect(regionChoiceName(regions[2], 'zh')).toBe('邵寨镇');
  });
});
