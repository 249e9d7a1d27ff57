import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { MembershipRole } from '../shared/enums.js';
import { Deputy } from './deputy.entity.js';
import { DeputyGroup } from './deputy-group.entity.js';

@Model({
  name: 'GroupMembership',
  singular: 'groupMembership',
  plural: 'groupMemberships',
  labelZh: '小组成员',
  labelEn: 'Group membership',
  description: '代表编入代表小组：一名代表可加入多个小组，但在同一小组只有一条在任记录 / A deputy in a group: any number of groups, one active membership per group',
  icon: 'PersonAdd',
  area: 'groups',
  inMenu: false,
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'group'],
  // Enum text order happens to be LEADER, LIAISON, MEMBER: the group leader first.
  defaultSort: [
    { field: 'role', direction: 'ASC' },
    { field: 'joinedOn', direction: 'DESC' },
  ],
  ranges: [['joinedOn', 'leftOn']],
  // A deputy holds one active membership per group (rejoining after leaving is a new row).
  unique: [{ fields: ['deputy', 'group'], whileNull: ['leftOn'] }],
  regionPaths: ['group.region'],
})
export class GroupMembership extends BaseRecord {
  @Reference(() => Deputy, { onDelete: 'CASCADE', labelZh: '代表', labelEn: 'Deputy', required: true })
  deputy!: Deputy;

  @Reference(() => DeputyGroup, { onDelete: 'CASCADE', labelZh: '代表小组', labelEn: 'Group', required: true })
  group!: DeputyGroup;

  @EnumField(MembershipRole, { labelZh: '小组职务', labelEn: 'Role', default: 'MEMBER' })
  role!: MembershipRole;

  @DateField({ labelZh: '加入日期', labelEn: 'Joined on', required: true })
  joinedOn!: string;

  @DateField({ labelZh: '退出日期', labelEn: 'Left on', description: '为空表示仍在组内 / Empty while the deputy is still a member' })
  leftOn?: string | null;
}
