/** Stations: a station belongs to a home (一家多站), and the 八有 checklist gives the standardisation score. */
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

/** The eight 规范化建设 items, in the order the checklist lists them. */
export const checklist = ['hasPremises', 'hasSign', 'hasRules', 'hasLedger', 'hasSchedule', 'hasStaff', 'hasFunds', 'hasRecords'] as const;

export const liaisonStationRules: ModelRules = {
  readsRecords: true,
  derive(values) {
    const met = checklist.filter((item) => values[item] === true).length;
    values.standardScore = Math.round((100 * met) / checklist.length);
  },
  async check(values, { em, model, before }) {
    if (values.parent == null) return;
    if (before && values.parent === before.id) throw refuse(model, 'parent', '不能是自身', 'cannot be the station itself');
    const parent = await row<{ kind: string }>(em, 'select kind from liaison_station where id = ?', [values.parent]);
    if (parent && parent.kind !== 'HOME') throw refuse(model, 'parent', '上级站点必须是人大代表之家', "must be a deputies' home (HOME)");
  },
};
