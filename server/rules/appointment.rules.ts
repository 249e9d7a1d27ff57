/** Appointments: an action that takes no oath cannot keep one, and the decision cannot move after its oath. */
import { oathActions, type AppointmentAction } from '../../schema/shared/enums.js';
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const appointmentRules: ModelRules = {
  readsRecords: true,
  async check(values, { em, model, before }) {
    if (!before) return;
    const oath = await row<{ sworn_on: string }>(em, `select sworn_on::text as sworn_on from oath where appointment_id = ? and deleted_at is null`, [before.id]);
    if (!oath) return;
    if (!oathActions.has(values.action as AppointmentAction)) {
      throw refuse(model, 'action', '已有宪法宣誓记录，不能改为无需宣誓的任免类型', 'has an oath, so it must stay an action that takes one');
    }
    if (String(values.decisionDate) > oath.sworn_on) {
      throw refuse(model, 'decisionDate', `不能晚于宣誓日期（${oath.sworn_on}）`, `cannot be after the oath (${oath.sworn_on})`);
    }
  },
};
