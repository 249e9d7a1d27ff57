/**
 * Users: a clerk works for one county or one township; an administrator's region, if any, bounds what they
 * manage; a handling unit's staff (handler) work for one organisation, and their region is that unit's — so
 * the administrator of the unit's region, and only one whose subtree holds it, manages them.
 */
import type { RegionLevel, UserRole } from '../../schema/shared/enums.js';
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const userRules: ModelRules = {
  readsRecords: true,
  async derive(values, { em }) {
    // A handler's region follows their unit (the write reach then checks it lies in the administrator's subtree).
    if (values.role !== 'HANDLER' || values.organisation == null) return;
    const unit = await row<{ region: string }>(em, 'select region_id::text as region from organisation where id = ? and deleted_at is null', [values.organisation]);
    if (unit) values.region = unit.region;
  },
  async check(values, { em, model }) {
    const role = values.role as UserRole;
    if (role === 'HANDLER') {
      if (values.organisation == null) throw refuse(model, 'organisation', '承办单位人员必须指定所属的承办单位', 'is required for handling unit staff (the unit they work for)');
      return;
    }
    if (values.organisation != null) throw refuse(model, 'organisation', '只有承办单位人员属于承办单位', 'is only for handling unit staff');
    if (role !== 'CLERK') return;
    if (values.region == null) throw refuse(model, 'region', '工作人员必须指定所属的县或乡镇', 'is required for a clerk (their county or township)');
    const region = await row<{ level: RegionLevel }>(em, 'select level from region where id = ?', [values.region]);
    if (region && region.level !== 'COUNTY' && region.level !== 'TOWNSHIP') {
      throw refuse(model, 'region', '工作人员只能属于一个县或一个乡镇', 'must be a county or a township for a clerk');
    }
  },
};
