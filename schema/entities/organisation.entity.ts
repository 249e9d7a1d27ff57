import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, HasMany, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { OrganisationKind } from '../shared/enums.js';
import { Region } from './region.entity.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';
import { Appointment } from './appointment.entity.js';

@Model({
  name: 'Organisation',
  singular: 'organisation',
  plural: 'organisations',
  labelZh: '单位',
  labelEn: 'Organisation',
  description:
    '一府一委两院及人大机关等单位：建议的承办单位、任免的任职机关 / Government departments, the supervisory commission, court, procuratorate, the congress: handlers of suggestions and bodies of appointments',
  icon: 'Business',
  area: 'appointments',
  titleField: 'name',
  pickerFields: ['region'],
  searchFields: ['name'],
  defaultSort: [{ field: 'name', direction: 'ASC' }],
})
export class Organisation extends BaseRecord {
  @TextField({
    labelZh: '单位名称',
    labelEn: 'Name',
    required: true,
    maxLength: 100,
    collation: 'zh_pinyin',
    pinyin: 'words',
    description: '如：灵台县农业农村局 / e.g. Lingtai County Agriculture Bureau',
  })
  name!: string;

  @EnumField(OrganisationKind, { labelZh: '单位类型', labelEn: 'Kind', required: true })
  kind!: OrganisationKind;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true })
  region!: Region;

  @DateField({
    happened: true,
    labelZh: '成立日期',
    labelEn: 'Established on',
    description: '某日存在的单位按此日计；空：未记载 / The organisations existing on a day count by it; empty: not recorded',
  })
  establishedOn?: string | null;

  @HasMany(() => SuggestionHandling, 'organisation', { labelZh: '承办建议', labelEn: 'Suggestions handled' })
  handlings!: Collection<SuggestionHandling>;

  @HasMany(() => Appointment, 'organisation', { labelZh: '任免', labelEn: 'Appointments' })
  appointments!: Collection<Appointment>;
}
