import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, HasMany, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { Education, Ethnicity, Gender, PoliticalStatus } from '../shared/enums.js';
import { Appointment } from './appointment.entity.js';
import { Deputy } from './deputy.entity.js';
import { DeputyGroup } from './deputy-group.entity.js';
import { LiaisonStation } from './liaison-station.entity.js';
import { Oath } from './oath.entity.js';
import { Region } from './region.entity.js';
import { TrainingParticipant } from './training-participant.entity.js';

@Model({
  name: 'Person',
  singular: 'person',
  plural: 'persons',
  labelZh: '人员',
  labelEn: 'Person',
  description: '代表、被任免人员、监誓人等自然人；性别和出生日期取自身份证号码 / A natural person: deputy, appointee, oath administrator…; gender and birth date come from the ID number',
  icon: 'Person',
  area: 'people',
  titleField: 'name',
  pickerFields: ['region', 'gender', 'birthYear', 'workplace'],
  describesPerson: true,
  searchFields: ['name', 'workplace'],
  // 姓氏笔画: the ICU stroke collation orders by the surname's stroke count first.
  defaultSort: [{ field: 'name', direction: 'ASC' }],
  // A person belongs to the region that registered them and to every region where they hold a seat or post.
  regionPaths: ['region', 'seats.region', 'appointments.region'],
  // A handling unit's staff read the deputies whose suggestions their unit handles: to reach them, identifiers masked.
  organisationPaths: ['seats.submissions.suggestion.handlings.organisation'],
})
export class Person extends BaseRecord {
  @TextField({ labelZh: '姓名', labelEn: 'Name', required: true, maxLength: 50, collation: 'zh_stroke', pinyin: 'personName' })
  name!: string;

  @EnumField(Gender, { labelZh: '性别', labelEn: 'Gender', description: '有身份证号码时由其第 17 位决定 / From the ID number when given' })
  gender?: Gender | null;

  @EnumField(Ethnicity, { labelZh: '民族', labelEn: 'Ethnicity' })
  ethnicity?: Ethnicity | null;

  // Personal too: with the masked ID number's first and last digits, the birth date would give the whole number.
  @DateField({ happened: true, labelZh: '出生日期', labelEn: 'Birth date', personal: true, description: '有身份证号码时由其决定 / From the ID number when given' })
  birthDate?: string | null;

  // Not personal: a year alone, beside a name, region and gender, tells two 王建 apart in a picker without giving the
  // birth date (nor, with the masked ID number's visible digits, the number).
  @IntField({
    labelZh: '出生年份',
    labelEn: 'Birth year',
    measure: false,
    generated: `extract(year from "birth_date")::smallint`,
    views: ['show'],
    description: '由出生日期得出 / From the birth date',
  })
  birthYear?: number | null;

  @TextField({
    labelZh: '公民身份号码',
    labelEn: 'Resident ID number',
    unique: true,
    maxLength: 18,
    validator: 'idNumber',
    personal: true,
    description: '18 位，末位为 ISO 7064 校验码 / 18 characters with an ISO 7064 check character',
  })
  idNumber?: string | null;

  @TextField({ labelZh: '手机号码', labelEn: 'Mobile', maxLength: 11, validator: 'mobile', personal: true })
  mobile?: string | null;

  @TextField({ labelZh: '住址', labelEn: 'Home address', maxLength: 200, views: ['show', 'edit', 'create'], personal: true })
  address?: string | null;

  @EnumField(Education, { labelZh: '学历', labelEn: 'Education' })
  education?: Education | null;

  @EnumField(PoliticalStatus, { labelZh: '政治面貌', labelEn: 'Political status' })
  politicalStatus?: PoliticalStatus | null;

  @TextField({ labelZh: '工作单位及职务', labelEn: 'Workplace and post', maxLength: 200 })
  workplace?: string | null;

  @Reference(() => Region, {
    labelZh: '登记区划',
    labelEn: 'Registering region',
    description: '录入并维护此人信息的区划，缺省为录入人员所在区划 / The region whose staff keep this record; defaults to the writer’s own region',
  })
  region?: Region | null;

  @HasMany(() => Deputy, 'person', { labelZh: '代表席位', labelEn: 'Deputy seats' })
  seats!: Collection<Deputy>;

  @HasMany(() => Appointment, 'appointee', { labelZh: '任免记录', labelEn: 'Appointments' })
  appointments!: Collection<Appointment>;

  @HasMany(() => DeputyGroup, 'convener', { labelZh: '召集的代表小组', labelEn: 'Groups convened' })
  convenedGroups!: Collection<DeputyGroup>;

  @HasMany(() => LiaisonStation, 'responsiblePerson', { labelZh: '负责的联络站', labelEn: 'Stations in charge' })
  stationsResponsible!: Collection<LiaisonStation>;

  @HasMany(() => Oath, 'administrator', { labelZh: '监誓记录', labelEn: 'Oaths administered' })
  oathsAdministered!: Collection<Oath>;

  @HasMany(() => TrainingParticipant, 'person', { labelZh: '参加培训', labelEn: 'Trainings attended' })
  trainings!: Collection<TrainingParticipant>;
}
