import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, HasMany, IntField, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { ActivityKind } from '../shared/enums.js';
import { ActivityParticipant } from './activity-participant.entity.js';
import { DeputyGroup } from './deputy-group.entity.js';
import { LiaisonStation } from './liaison-station.entity.js';
import { Region } from './region.entity.js';

@Model({
  name: 'Activity',
  singular: 'activity',
  plural: 'activities',
  labelZh: '履职活动',
  labelEn: 'Activity',
  description: '接待选民、视察、调研、执法检查、培训、述职等代表履职活动 / Voter receptions, inspections, research, law-enforcement checks, trainings, reports to voters…',
  icon: 'Event',
  area: 'activities',
  titleField: 'title',
  pickerFields: ['heldOn', 'region'],
  searchFields: ['title'],
  defaultSort: [{ field: 'heldOn', direction: 'DESC' }],
})
export class Activity extends BaseRecord {
  @EnumField(ActivityKind, { labelZh: '活动类型', labelEn: 'Kind', required: true })
  kind!: ActivityKind;

  @TextField({ labelZh: '活动名称', labelEn: 'Title', required: true, maxLength: 200 })
  title!: string;

  @DateField({ happened: true, labelZh: '活动日期', labelEn: 'Held on', required: true })
  heldOn!: string;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true })
  region!: Region;

  @Reference(() => LiaisonStation, { labelZh: '联络站', labelEn: 'Station', description: '在站点开展时填写 / When held at a station' })
  station?: LiaisonStation | null;

  @Reference(() => DeputyGroup, { labelZh: '代表小组', labelEn: 'Group', description: '小组活动时填写 / When held by a group' })
  group?: DeputyGroup | null;

  @IntField({ labelZh: '接待选民人次', labelEn: 'Voters received', default: 0, min: 0, max: 100_000 })
  votersReceived!: number;

  @IntField({ labelZh: '收集意见建议数', labelEn: 'Issues collected', default: 0, min: 0, max: 100_000 })
  issuesCollected!: number;

  @LongTextField({ labelZh: '活动纪要', labelEn: 'Summary' })
  summary?: string | null;

  @HasMany(() => ActivityParticipant, 'activity', { labelZh: '参加代表', labelEn: 'Participants' })
  participants!: Collection<ActivityParticipant>;
}
