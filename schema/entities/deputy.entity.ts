import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, EnumField, HasMany, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { DeputyComposition, DeputyLevel, DeputyStatus } from '../shared/enums.js';
import { ActivityParticipant } from './activity-participant.entity.js';
import { GroupMembership } from './group-membership.entity.js';
import { PerformanceRecord } from './performance-record.entity.js';
import { Person } from './person.entity.js';
import { Region } from './region.entity.js';
import { StationAssignment } from './station-assignment.entity.js';
import { SuggestionSubmitter } from './suggestion-submitter.entity.js';
import { Motion } from './motion.entity.js';

@Model({
  name: 'Deputy',
  singular: 'deputy',
  plural: 'deputies',
  labelZh: '人大代表',
  labelEn: 'Deputy',
  description: '一个代表席位：某人当选为某级人民代表大会代表 / A seat: a person elected to the congress of one level and region',
  icon: 'HowToReg',
  area: 'people',
  titleField: 'person',
  pickerFields: ['region', 'level', 'termNumber'],
  describesPerson: true,
  searchFields: ['person', 'electoralDistrict'],
  defaultSort: [
    { field: 'level', direction: 'ASC' },
    { field: 'termNumber', direction: 'DESC' },
  ],
  ranges: [['electedOn', 'endedOn']],
  // A handling unit's staff read the seats that submitted the suggestions their unit handles (and nothing else of deputies).
  organisationPaths: ['submissions.suggestion.handlings.organisation'],
})
export class Deputy extends BaseRecord {
  @Reference(() => Person, { labelZh: '人员', labelEn: 'Person', required: true })
  person!: Person;

  @EnumField(DeputyLevel, { labelZh: '代表层级', labelEn: 'Level', required: true })
  level!: DeputyLevel;

  @IntField({ measure: false, display: 'term', labelZh: '届次', labelEn: 'Term', required: true, min: 1, max: 99 })
  termNumber!: number;

  @Reference(() => Region, { labelZh: '选举单位', labelEn: 'Region', required: true, description: '选出该代表的人民代表大会所在区划 / The region whose congress elected the deputy' })
  region!: Region;

  @TextField({ labelZh: '选区', labelEn: 'Electoral district', maxLength: 100 })
  electoralDistrict?: string | null;

  @EnumField(DeputyComposition, { labelZh: '代表构成', labelEn: 'Composition' })
  composition?: DeputyComposition | null;

  @TextField({ labelZh: '行业', labelEn: 'Occupation sector', maxLength: 50 })
  sector?: string | null;

  @TextField({ labelZh: '专业特长', labelEn: 'Expertise', maxLength: 200, description: '以顿号分隔的标签 / Tags separated by 、' })
  expertise?: string | null;

  @DateField({ happened: true, labelZh: '当选日期', labelEn: 'Elected on', required: true })
  electedOn!: string;

  @EnumField(DeputyStatus, { labelZh: '状态', labelEn: 'Status', default: 'ACTIVE' })
  status!: DeputyStatus;

  @DateField({ labelZh: '终止日期', labelEn: 'Ended on' })
  endedOn?: string | null;

  @TextField({ labelZh: '终止原因', labelEn: 'End reason', maxLength: 200 })
  endReason?: string | null;

  @BooleanField({ labelZh: '补选', labelEn: 'By-election', default: false })
  byElection!: boolean;

  @HasMany(() => GroupMembership, 'deputy', { labelZh: '所在小组', labelEn: 'Group memberships' })
  memberships!: Collection<GroupMembership>;

  @HasMany(() => StationAssignment, 'deputy', { labelZh: '进站记录', labelEn: 'Station assignments' })
  assignments!: Collection<StationAssignment>;

  @HasMany(() => ActivityParticipant, 'deputy', { labelZh: '参加活动', labelEn: 'Activity participations' })
  participations!: Collection<ActivityParticipant>;

  @HasMany(() => SuggestionSubmitter, 'deputy', { labelZh: '提出建议', labelEn: 'Suggestions submitted' })
  submissions!: Collection<SuggestionSubmitter>;

  @HasMany(() => PerformanceRecord, 'deputy', { labelZh: '履职积分', labelEn: 'Performance records' })
  performanceRecords!: Collection<PerformanceRecord>;

  @HasMany(() => Motion, 'leadDeputy', { labelZh: '领衔议案', labelEn: 'Motions led' })
  motions!: Collection<Motion>;
}
