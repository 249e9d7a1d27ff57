/** Oaths: only for an appointment whose action requires one (选举、任命、决定任命), at most one, not before its decision. */
import { oathActions, type AppointmentAction } from '../../schema/shared/enums.js';
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const oathRules: ModelRules = {
  readsRecords: true,
  async check(values, { em, model, before }) {
    const appointment = await row<{ action: AppointmentAction; decision_date: string }>(
      em,
      `select action, decision_date::text as decision_date from appointment where id = ? and deleted_at is null`,
      [values.appointment],
    );
    if (!appointment) return; // the writer reports a missing reference
    if (!oathActions.has(appointment.action)) {
      throw refuse(model, 'appointment', '该任免（免职、辞职、撤职）无需宪法宣誓', 'this appointment action does not take an oath');
    }
    if (String(values.swornOn) < appointment.decision_date) {
      throw refuse(model, 'swornOn', `不能早于任免决定日期（${appointment.decision_date}）`, `cannot be before the decision date (${appointment.decision_date})`);
    }
    const other = await row(em, `select id from oath where appointment_id = ? and deleted_at is null and id <> ?`, [values.appointment, before?.id ?? 0]);
    if (other) throw refuse(model, 'appointment', '该任免已有宣誓记录', 'this appointment already has an oath');
  },
};
