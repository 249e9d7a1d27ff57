/**
 * Memberships: a member is a deputy or, in an advisory group only, a person without a seat (exactly one of the
 * two: the database's check backs this); one active membership per member and group (the unique indexes back
 * this under concurrency).
 */
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const groupMembershipRules: ModelRules = {
  readsRecords: true,
  async check(values, { em, model, before }) {
    const filled = values.deputy != null ? 'deputy' : values.person != null ? 'person' : null;
    if (filled === null || (values.deputy != null && values.person != null)) {
      throw refuse(model, 'deputy', '代表与非代表成员须恰填其一', 'give exactly one of the deputy and the non-deputy member');
    }
    if (filled === 'person') {
      const group = await row<{ kind: string }>(em, `select kind from deputy_group where id = ?`, [values.group]);
      if (group && group.kind !== 'ADVISORY') throw refuse(model, 'person', '只有咨询型小组可有非代表成员', 'only an advisory group has members who are not deputies');
    }
    if (values.leftOn != null) return;
    const column = filled === 'deputy' ? 'deputy_id' : 'person_id';
    const other = await row(em, `select id from group_membership where ${column} = ? and group_id = ? and left_on is null and deleted_at is null and id <> ?`, [
      values[filled],
      values.group,
      before?.id ?? 0,
    ]);
    if (other) throw refuse(model, filled, `已是该小组的在组成员（记录 ${String(other.id)}）`, `is already an active member of this group (record ${String(other.id)})`);
  },
};
