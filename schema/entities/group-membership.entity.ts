import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { MembershipRole } from '../shared/enums.js';
import { Deputy } from './deputy.entity.js';
import { DeputyGroup } from './deputy-group.entity.js';
import { Person } from './person.entity.js';

@Model({
  name: 'GroupMembership',
  singular: 'groupMembership',
  plural: 'groupMemberships',
  labelZh: '小组成员',
  labelEn: 'Group membership',
  description:
    '代表编入代表小组：一名代表可加入多个小组，但在同一小组只有一条在任记录；咨询型小组（如专家咨询团）也可有不是代表的成员 / A deputy in a group: any number of groups, one active membership per group; an advisory group (an expert panel) may also have members who hold no seat',
  icon: 'PersonAdd',
  area: 'groups',
  inMenu: false,
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'person', 'group'],
  // Enum text order happens to be LEADER, LIAISON, MEMBER: the group leader first.
  defaultSort: [
    { field: 'role', direction: 'ASC' },
    { field: 'joinedOn', direction: 'DESC' },
  ],
  ranges: [['joinedOn', 'leftOn']],
  // A deputy holds one active membership per group (rejoining after leaving is a new row).
  unique: [
    { fields: ['deputy', 'group'], whileNull: ['leftOn'] },
    { fields: ['person', 'group'], whileNull: ['leftOn'] },
  ],
  // A member is either a deputy (by seat) or, in an advisory group, a person without one: never both, never neither.
  exactlyOne: [['deputy', 'person']],
  regionPaths: ['group.region'],
})
export class GroupMembership extends BaseRecord {
  @Reference(() => Deputy, {
    onDelete: 'CASCADE',
    labelZh: '代表',
    labelEn: 'Deputy',
    description: '以代表身份入组的成员；与“非代表成员”恰填其一 / The member by their seat; exactly one of this and the non-deputy member',
  })
  deputy?: Deputy | null;

  @Reference(() => Person, {
    onDelete: 'CASCADE',
    labelZh: '非代表成员',
    labelEn: 'Non-deputy member',
    description: '咨询型小组中不是代表的成员（如专家）；代表履职统计只计代表成员 / A member of an advisory group who holds no seat (an expert); deputies’ statistics count deputy members only',
  })
  person?: Person | null;

  @Reference(() => DeputyGroup, { onDelete: 'CASCADE', labelZh: '代表小组', labelEn: 'Group', required: true })
  group!: DeputyGroup;

  @EnumField(MembershipRole, { labelZh: '小组职务', labelEn: 'Role', default: 'MEMBER' })
  role!: MembershipRole;

  @DateField({ labelZh: '加入日期', labelEn: 'Joined on', required: true })
  joinedOn!: string;

  @DateField({ labelZh: '退出日期', labelEn: 'Left on', description: '为空表示仍在组内 / Empty while the deputy is still a member' })
  leftOn?: string | null;
}
