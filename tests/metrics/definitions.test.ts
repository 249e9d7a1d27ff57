/**
 * The metric definitions as the catalog states them agree with the parameters the code computes them from:
 * whose appointments each appointment metric counts (server/metrics/appointing-levels.ts).
 */
import { describe, expect, it } from 'vitest';
import { RegionLevel } from '../../schema/shared/enums.js';
import { appointingLevels } from '../../server/metrics/appointing-levels.js';
import { metricCatalog } from '../../server/metrics/catalog.js';

const metricNamed = (key: string) => metricCatalog.find((metric) => metric.key === key)!;

describe('the appointment metrics’ stated definitions', () => {
  it.each(Object.entries(appointingLevels))('%s names exactly the levels it counts, in both languages', (key, levels) => {
    const metric = metricNamed(key);
    for (const level of RegionLevel.values) {
      const counted = (levels as readonly string[]).includes(level);
      expect(metric.descriptionZh.includes(RegionLevel.label(level, 'zh')), `${key} ${level} (zh)`).toBe(counted);
      const english = RegionLevel.label(level, 'en')
        .replace(/ level$/, '')
        .toLowerCase();
      expect(new RegExp(`\\b${english}\\b`).test(metric.descriptionEn), `${key} ${level} (en)`).toBe(counted);
    }
  });

  it('counts the oath for everyone a congress elects, townships included; 任免 only of counties and above', () => {
    expect(appointingLevels.oathCoverage).toEqual(['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP']);
    expect(appointingLevels.appointments).toEqual(['PROVINCE', 'CITY', 'COUNTY']);
    expect(metricNamed('appointments').descriptionZh).toBe('按决定日期统计的省级、市级、县级人大及其常委会的任免');
  });
});
