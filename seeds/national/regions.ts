/**
 * The region tree of the plan: provinces 9x0000, cities 9xyy00, counties 9xyyzz and townships with the
 * county's code and three digits (streets 0xx, towns 1xx, townships 2xx). Each code starts with its
 * parent's, and the level always follows the kind (a district and a county-level city are COUNTY level).
 */
import { day, iso } from './calendar.js';
import { countyKinds, type Plan, STREET, townshipKinds } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';

/** A region's name's pinyin forms, as the API would store them (schema/shared/pinyin.ts). */
const pinyinOf = (name: string) => pinyinForms(name, 'words') ?? NULL;

export const regions: TableGenerator = {
  table: 'region',
  columns: ['id', 'code', 'name', 'name_pinyin', 'kind', 'level', 'parent_id', 'population', 'congress_term', 'valid_from', 'valid_to'],
  bytesPerRow: 300,
  expectedRows: (plan) => plan.regions,

  prelude(plan: Plan, out: RowSink) {
    const random = plan.random.fork('regions');
    const cityPopulation = new Float64Array(plan.cities);
    for (let c = 0; c < plan.counties; c++) cityPopulation[plan.countyCity[c]] += plan.countyPopulation[c];
    const provincePopulation = new Float64Array(plan.provinces);
    for (let i = 0; i < plan.cities; i++) provincePopulation[plan.cityProvince[i]] += cityPopulation[i];

    for (let p = 0; p < plan.provinces; p++) {
      out.add(
        `${plan.provinceId(p)}\t${plan.provinceCode[p]}\t${plan.provinceName[p]}\t${pinyinOf(plan.provinceName[p])}\tPROVINCE\tPROVINCE\t${NULL}\t${provincePopulation[p]}\t14\t1949-10-01\t${NULL}\n`,
      );
    }
    for (let i = 0; i < plan.cities; i++) {
      const from = iso(day(1983, 1, 1) + random.int(0, 365 * 20));
      out.add(
        `${plan.cityId(i)}\t${plan.cityCode[i]}\t${plan.cityName[i]}\t${pinyinOf(plan.cityName[i])}\tCITY\tCITY\t${plan.provinceId(plan.cityProvince[i])}\t${cityPopulation[i]}\t${plan.cityTerm[i]}\t${from}\t${NULL}\n`,
      );
    }
    for (let c = 0; c < plan.counties; c++) {
      const kind = countyKinds[plan.countyKind[c]];
      const from = iso(day(1983, 1, 1) + random.int(0, 365 * 30));
      out.add(
        `${plan.countyId(c)}\t${plan.countyCode[c]}\t${plan.countyName[c]}\t${pinyinOf(plan.countyName[c])}\t${kind}\tCOUNTY\t${plan.cityId(plan.countyCity[c])}\t${plan.countyPopulation[c]}\t${plan.countyTerm[c]}\t${from}\t${NULL}\n`,
      );
    }
  },

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('townships', c);
    const parent = plan.countyId(c);
    const term = plan.townshipTerm(c);
    for (let t = plan.townshipStart[c]; t < plan.townshipStart[c + 1]; t++) {
      const kind = plan.townshipKind[t];
      // Townships merged in the 2010s reforms carry the date of the merger; the others an older one.
      const from = random.chance(0.3) ? iso(day(2011, 1, 1) + random.int(0, 365 * 10)) : iso(day(1984, 1, 1) + random.int(0, 365 * 20));
      out.add(
        `${plan.townshipId(t)}\t${plan.townshipCode[t]}\t${plan.townshipName[t]}\t${pinyinOf(plan.townshipName[t])}\t${townshipKinds[kind]}\tTOWNSHIP\t${parent}\t${plan.townshipPopulation[t]}\t${kind === STREET ? NULL : term}\t${from}\t${NULL}\n`,
      );
    }
  },
};
