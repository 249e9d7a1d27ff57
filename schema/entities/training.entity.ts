import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { DateField, DecimalField, HasMany, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { Region } from './region.entity.js';
import { TrainingParticipant } from './training-participant.entity.js';

@Model({
  name: 'Training',
  singular: 'training',
  plural: 'trainings',
  labelZh: '培训班',
  labelEn: 'Training',
  description: '代表和人大干部的学习培训班 / A training course for deputies and congress officials',
  icon: 'School',
  area: 'activities',
  titleField: 'title',
  pickerFields: ['startsOn'],
  searchFields: ['title', 'place'],
  defaultSort: [{ field: 'startsOn', direction: 'DESC' }],
  ranges: [['startsOn', 'endsOn']],
  regionPaths: ['organiserRegion'],
})
export class Training extends BaseRecord {
  @TextField({ labelZh: '培训班名称', labelEn: 'Title', required: true, maxLength: 200 })
  title!: string;

  @DateField({ labelZh: '开始日期', labelEn: 'Starts on', required: true })
  startsOn!: string;

  @DateField({ labelZh: '结束日期', labelEn: 'Ends on' })
  endsOn?: string | null;

  @TextField({ labelZh: '培训地点', labelEn: 'Place', maxLength: 200 })
  place?: string | null;

  @Reference(() => Region, { labelZh: '主办区划', labelEn: 'Organiser region', required: true, description: '举办培训的人大所在区划 / The region whose congress organised it' })
  organiserRegion!: Region;

  @DecimalField({ labelZh: '学时', labelEn: 'Hours', precision: 5, scale: 1, max: 1000 })
  hours?: string | null;

  @HasMany(() => TrainingParticipant, 'training', { labelZh: '参训人员', labelEn: 'Participants' })
  participants!: Collection<TrainingParticipant>;
}
