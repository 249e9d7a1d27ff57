/** Regions: the level follows the kind; the code has that level's shape and starts with the parent's code. */
import { levelOfKind, type RegionKind, type RegionLevel } from '../../schema/shared/enums.js';
import { divisionCodeFitsParent, levelOfDivisionCode } from '../../schema/shared/validators.js';
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

const rank: Record<RegionLevel, number> = { PROVINCE: 0, CITY: 1, COUNTY: 2, TOWNSHIP: 3 };
const levelZh: Record<RegionLevel, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级', TOWNSHIP: '乡级' };

export const regionRules: ModelRules = {
  readsRecords: true,
  derive(values) {
    values.level = levelOfKind[values.kind as RegionKind];
  },
  async check(values, { em, model, before }) {
    const level = values.level as RegionLevel;
    const code = String(values.code);
    if (levelOfDivisionCode(code) !== level) {
      throw refuse(model, 'code', `与${levelZh[level]}区划的代码格式不符（省级 xx0000，市级 xxxx00，县级 6 位，乡级 9 位）`, `does not have the shape of a ${level.toLowerCase()}-level code`);
    }
    if (values.parent == null) {
      if (level !== 'PROVINCE') throw refuse(model, 'parent', '除省级外必须指定上级区划', 'is required below province level');
      return;
    }
    if (before && values.parent === before.id) throw refuse(model, 'parent', '不能是自身', 'cannot be the region itself');
    const parent = await row<{ code: string; level: RegionLevel }>(em, 'select code, level from region where id = ?', [values.parent]);
    if (!parent) return; // the writer reports a missing reference
    if (rank[parent.level] >= rank[level]) {
      throw refuse(model, 'parent', `必须是比${levelZh[level]}更高一级的区划`, 'must be of a higher level than the region');
    }
    if (!divisionCodeFitsParent(code, parent.code)) {
      throw refuse(model, 'code', `必须以上级区划代码（${parent.code}）开头`, `must start with the parent's code (${parent.code})`);
    }
  },
};
