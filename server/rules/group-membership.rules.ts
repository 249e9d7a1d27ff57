/** Memberships: one active membership per deputy and group (the unique index backs this under concurrency). */
import type { ModelRules } from './rule.js';
import { refuse, row } from './rule-helpers.js';

export const groupMembershipRules: ModelRules = {
  readsRecords: true,
  async check(values, { em, model, before }) {
    if (values.leftOn != null) return;
    const other = await row(em, `select id from group_membership where deputy_id = ? and group_id = ? and left_on is null and deleted_at is null and id <> ?`, [
      values.deputy,
      values.group,
      before?.id ?? 0,
    ]);
    if (other) throw refuse(model, 'deputy', `已是该小组的在组成员（记录 ${String(other.id)}）`, `is already an active member of this group (record ${String(other.id)})`);
  },
};
