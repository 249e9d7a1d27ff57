import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, EnumField, HasMany, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { GroupKind } from '../shared/enums.js';
import { Activity } from './activity.entity.js';
import { GroupMembership } from './group-membership.entity.js';
import { Person } from './person.entity.js';
import { Region } from './region.entity.js';
import { FundingAllocation } from './funding-allocation.entity.js';

@Model({
  name: 'DeputyGroup',
  singular: 'deputyGroup',
  plural: 'deputyGroups',
  labelZh: '代表小组',
  labelEn: 'Deputy group',
  description: '地域型、专业型或功能型代表小组，可由省、市、县多级代表组成 / A regional, professional or functional group; may mix deputies of several levels',
  icon: 'Groups',
  area: 'groups',
  titleField: 'name',
  pickerFields: ['region', 'kind'],
  searchFields: ['name', 'focus'],
  defaultSort: [{ field: 'name', direction: 'ASC' }],
  ranges: [['foundedOn', 'dissolvedOn']],
})
export class DeputyGroup extends BaseRecord {
  @TextField({ labelZh: '小组名称', labelEn: 'Name', required: true, maxLength: 100, collation: 'zh_pinyin', description: '如：苹果产业代表小组 / e.g. the apple-industry deputy group' })
  name!: string;

  @EnumField(GroupKind, {
    labelZh: '小组类型',
    labelEn: 'Kind',
    required: true,
    description: '地域型按选区，专业型按行业领域（县级），功能型按职能（乡级） / Regional by district, professional by field (county), functional by function (township)',
  })
  kind!: GroupKind;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '组建小组的人大所在区划 / The region whose congress formed the group' })
  region!: Region;

  @TextField({ labelZh: '领域', labelEn: 'Focus', maxLength: 100, description: '专业或职能领域，如：红牛产业、矛盾纠纷化解 / The field or function, e.g. cattle industry, dispute mediation' })
  focus?: string | null;

  @DateField({ happened: true, labelZh: '成立日期', labelEn: 'Founded on' })
  foundedOn?: string | null;

  @Reference(() => Person, {
    onDelete: 'CLEAR',
    labelZh: '召集人',
    labelEn: 'Convener',
    description: '常由对口工作委员会负责人担任，不一定是代表 / Often the head of the matching committee, not always a deputy',
  })
  convener?: Person | null;

  @DateField({
    happened: true,
    labelZh: '撤销日期',
    labelEn: 'Dissolved on',
    description: '小组数按各统计日存在的小组计算：撤销之日起不再计入 / Group counts take the groups that existed on the day they measure: from this day on it no longer counts',
  })
  dissolvedOn?: string | null;

  @BooleanField({ labelZh: '活动中', labelEn: 'Active', default: true, readOnly: true, description: '没有撤销日期的小组 / A group with no dissolution date' })
  active!: boolean;

  @HasMany(() => GroupMembership, 'group', { labelZh: '小组成员', labelEn: 'Members' })
  memberships!: Collection<GroupMembership>;

  @HasMany(() => Activity, 'group', { labelZh: '小组活动', labelEn: 'Activities' })
  activities!: Collection<Activity>;

  @HasMany(() => FundingAllocation, 'group', { labelZh: '经费保障', labelEn: 'Funding allocations' })
  fundingAllocations!: Collection<FundingAllocation>;
}
