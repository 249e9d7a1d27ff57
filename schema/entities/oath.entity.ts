import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { OathForm } from '../shared/enums.js';
import { Appointment } from './appointment.entity.js';
import { Person } from './person.entity.js';

@Model({
  name: 'Oath',
  singular: 'oath',
  plural: 'oaths',
  labelZh: '宪法宣誓',
  labelEn: 'Constitutional oath',
  description:
    '一次任命的宪法宣誓：仅选举、任命、决定任命需宣誓，每次至多一条，不早于决定日期；集体宣誓为同日同地的多条 / The oath of one appointment (elect, appoint, decide-appoint only), at most one, not before the decision; a collective ceremony is several rows',
  icon: 'VerifiedUser',
  area: 'appointments',
  titleField: 'appointment',
  describesPerson: true,
  searchFields: ['appointment', 'venue'],
  defaultSort: [{ field: 'swornOn', direction: 'DESC' }],
  regionPaths: ['appointment.region'],
})
export class Oath extends BaseRecord {
  @Reference(() => Appointment, { onDelete: 'CASCADE', labelZh: '任免', labelEn: 'Appointment', required: true, unique: true })
  appointment!: Appointment;

  @DateField({ happened: true, labelZh: '宣誓日期', labelEn: 'Sworn on', required: true })
  swornOn!: string;

  @TextField({ labelZh: '宣誓地点', labelEn: 'Venue', maxLength: 100 })
  venue?: string | null;

  @EnumField(OathForm, { labelZh: '宣誓形式', labelEn: 'Form', required: true })
  form!: OathForm;

  @Reference(() => Person, { onDelete: 'CLEAR', labelZh: '监誓人', labelEn: 'Administrator' })
  administrator?: Person | null;

  @TextField({ labelZh: '誓词版本', labelEn: 'Oath text version', maxLength: 20, description: '如：2018（宪法修正后的誓词） / e.g. 2018, the text after the constitutional amendment' })
  textVersion?: string | null;
}
