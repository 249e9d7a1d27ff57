import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { DeadlineKind } from '../shared/enums.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';

/**
 * A handling's answer due within 7 days, or late: written once per handling, kind and due date by the daily
 * deadline scan (server/jobs/deadline-scan.ts), never by a person (`operations`). A reopened handling gets a
 * new due date and so a new notice. Served through the generic API, so its reach is the handling's: a
 * handling unit's staff see their unit's notices, a clerk their region's. A notice stays as the record that
 * it was given; what is still open is the notices whose handling is not answered (README "Deadlines").
 */
@Model({
  name: 'DeadlineNotice',
  singular: 'deadlineNotice',
  plural: 'deadlineNotices',
  labelZh: '期限提醒',
  labelEn: 'Deadline notice',
  description: '承办答复即将到期（7 日内）或已超期的提醒，每日检查生成 / A handling’s answer due within 7 days or overdue, found by the daily check',
  icon: 'AlarmOn',
  area: 'suggestions',
  inMenu: false,
  titleField: 'kind',
  searchFields: ['handling'],
  defaultSort: [{ field: 'dueOn', direction: 'ASC' }],
  operations: ['list', 'read', 'aggregate'],
  regionPaths: ['handling.suggestion.region'],
  organisationPaths: ['handling.organisation'],
  // Once per handling, kind and due date: two scans, in two processes or on two days, never notify twice.
  unique: [{ fields: ['handling', 'kind', 'dueOn'] }],
})
export class DeadlineNotice extends BaseRecord {
  @Reference(() => SuggestionHandling, { onDelete: 'CASCADE', labelZh: '承办', labelEn: 'Handling', required: true })
  handling!: SuggestionHandling;

  @EnumField(DeadlineKind, { labelZh: '提醒类别', labelEn: 'Kind', required: true, readOnly: true })
  kind!: DeadlineKind;

  @DateField({ labelZh: '答复期限', labelEn: 'Due on', required: true, readOnly: true, description: '提醒所针对的答复期限 / The due date the notice is about' })
  dueOn!: string;

  @DateField({ labelZh: '提醒日期', labelEn: 'Noticed on', required: true, readOnly: true, description: '每日检查发现之日（北京时间）/ The day the daily check found it (Asia/Shanghai)' })
  noticedOn!: string;

  @DateField({
    labelZh: '关闭日期',
    labelEn: 'Closed on',
    readOnly: true,
    description: '每日检查发现提醒已不再适用之日：已答复、期限已改、或即将到期已转为超期 / The day the check found it no longer current: answered, due date changed, or due soon become overdue',
  })
  closedOn?: string | null;
}
