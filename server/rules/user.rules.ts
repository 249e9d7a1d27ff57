/** Users: a clerk works for one county or one township; an administrator's region, if any, bounds what they manage. */
import type { RegionLevel, UserRole } from '../../schema/shared/enums.js';
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const userRules: ModelRules = {
  readsRecords: true,
  async check(values, { em, model }) {
    const role = values.role as UserRole;
    if (role !== 'CLERK') return;
    if (values.region == null) throw refuse(model, 'region', '工作人员必须指定所属的县或乡镇', 'is required for a clerk (their county or township)');
    const region = await row<{ level: RegionLevel }>(em, 'select level from region where id = ?', [values.region]);
    if (region && region.level !== 'COUNTY' && region.level !== 'TOWNSHIP') {
      throw refuse(model, 'region', '工作人员只能属于一个县或一个乡镇', 'must be a county or a township for a clerk');
    }
  },
};
