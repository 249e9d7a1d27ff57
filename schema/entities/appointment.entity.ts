import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, DecimalField, EnumField, HasMany, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { AppointmentAction } from '../shared/enums.js';
import { Oath } from './oath.entity.js';
import { Organisation } from './organisation.entity.js';
import { Person } from './person.entity.js';
import { Region } from './region.entity.js';

@Model({
  name: 'Appointment',
  singular: 'appointment',
  plural: 'appointments',
  labelZh: '任免',
  labelEn: 'Appointment',
  description: '人大及其常委会选举、任命、决定任命、免职、接受辞职、撤职的一人次 / One election, appointment, removal, accepted resignation or dismissal by the congress or its standing committee',
  icon: 'Gavel',
  area: 'appointments',
  titleField: 'appointee',
  pickerFields: ['action', 'decisionDate', 'organisation'],
  describesPerson: true,
  searchFields: ['appointee', 'positionTitle', 'session'],
  defaultSort: [{ field: 'decisionDate', direction: 'DESC' }],
})
export class Appointment extends BaseRecord {
  @Reference(() => Person, { labelZh: '被任免人', labelEn: 'Appointee', required: true, description: '不一定是代表 / Not necessarily a deputy' })
  appointee!: Person;

  @EnumField(AppointmentAction, { labelZh: '任免类型', labelEn: 'Action', required: true })
  action!: AppointmentAction;

  @TextField({ labelZh: '职务', labelEn: 'Position title', required: true, maxLength: 100, description: '如：县农业农村局局长 / e.g. Director of the county agriculture bureau' })
  positionTitle!: string;

  @Reference(() => Organisation, { labelZh: '任职机关', labelEn: 'Organisation', description: '一府一委两院或人大机关 / Government, supervisory commission, court, procuratorate or the congress' })
  organisation?: Organisation | null;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '作出任免的人大所在区划 / The region whose congress decided' })
  region!: Region;

  @TextField({ labelZh: '会议', labelEn: 'Session', maxLength: 100, description: '如：第十八届常委会第十二次会议 / e.g. 12th meeting of the 18th standing committee' })
  session?: string | null;

  @DateField({ happened: true, labelZh: '决定日期', labelEn: 'Decision date', required: true })
  decisionDate!: string;

  @TextField({ labelZh: '提请人', labelEn: 'Nominated by', maxLength: 100, description: '提请或提名机关、提请人，如：县人民政府县长 / The nominating body or official' })
  nominatedBy?: string | null;

  @BooleanField({ labelZh: '参加任前法律知识考试', labelEn: 'Exam taken', default: false, description: '任前法律知识考试 / Pre-appointment legal-knowledge exam' })
  examTaken!: boolean;

  @DecimalField({ labelZh: '考试成绩', labelEn: 'Exam score', precision: 5, scale: 1, max: 100 })
  examScore?: string | null;

  @BooleanField({ labelZh: '考试合格', labelEn: 'Exam passed', default: false })
  examPassed!: boolean;

  @BooleanField({ labelZh: '任前发言', labelEn: 'Statement made', default: false, description: '任前向常委会作表态发言 / Pre-appointment statement to the standing committee' })
  statementMade!: boolean;

  @BooleanField({
    labelZh: '专职',
    labelEn: 'Full-time',
    default: false,
    description: '当选的常委会组成人员专职从事人大工作、不在其他单位兼职 / An elected standing-committee member who works for the congress only, holding no other post',
  })
  fullTime!: boolean;

  @BooleanField({ labelZh: '颁发任命书', labelEn: 'Certificate issued', default: false })
  certificateIssued!: boolean;

  @BooleanField({ labelZh: '提交履职报告', labelEn: 'Duty report received', default: false, description: '任后向常委会报告履职情况 / Post-appointment report on duties to the standing committee' })
  dutyReportReceived!: boolean;

  @DecimalField({ labelZh: '履职测评得分', labelEn: 'Duty assessment score', precision: 5, scale: 1, max: 100 })
  dutyReportScore?: string | null;

  @HasMany(() => Oath, 'appointment', { labelZh: '宪法宣誓', labelEn: 'Constitutional oath' })
  oaths!: Collection<Oath>;
}
