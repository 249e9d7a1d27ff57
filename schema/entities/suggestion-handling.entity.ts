import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, EnumField, HasMany, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { AnswerCategory, HandlerRole, ReassignmentStatus, Satisfaction } from '../shared/enums.js';
import { Attachment } from './attachment.entity.js';
import { Organisation } from './organisation.entity.js';
import { Suggestion } from './suggestion.entity.js';

@Model({
  name: 'SuggestionHandling',
  singular: 'suggestionHandling',
  plural: 'suggestionHandlings',
  labelZh: '承办',
  labelEn: 'Suggestion handling',
  description: '一个承办单位（主办或协办）对一件建议的办理与答复 / One handling unit (lead or co-handler) working on and answering a suggestion',
  icon: 'AssignmentTurnedIn',
  area: 'suggestions',
  inMenu: false,
  titleField: 'organisation',
  searchFields: ['organisation', 'suggestion'],
  // An enum sorts in its declared order: the lead handler first.
  defaultSort: [{ field: 'role', direction: 'ASC' }],
  ranges: [['assignedOn', 'answeredOn']],
  regionPaths: ['suggestion.region'],
  // A handling unit's staff read their own unit's handlings (server/access/policy.ts).
  organisationPaths: ['organisation'],
})
export class SuggestionHandling extends BaseRecord {
  @Reference(() => Suggestion, { onDelete: 'CASCADE', labelZh: '代表建议', labelEn: 'Suggestion', required: true })
  suggestion!: Suggestion;

  @Reference(() => Organisation, { labelZh: '承办单位', labelEn: 'Handling organisation', required: true })
  organisation!: Organisation;

  @EnumField(HandlerRole, { labelZh: '承办方式', labelEn: 'Role', default: 'LEAD' })
  role!: HandlerRole;

  // The workflow's fields: read-only to the generic API, written by the workflow's steps (server/workflow/).
  @DateField({ happened: true, labelZh: '交办日期', labelEn: 'Assigned on', readOnly: true })
  assignedOn?: string | null;

  @DateField({ labelZh: '答复期限', labelEn: 'Due on', readOnly: true, description: '默认交办之日起三个月；重新办理时重定 / Three months after assignment unless set; set anew when reopened' })
  dueOn?: string | null;

  @DateField({ happened: true, labelZh: '开始办理日期', labelEn: 'Started on', readOnly: true })
  startedOn?: string | null;

  @DateField({ happened: true, labelZh: '答复日期', labelEn: 'Answered on', readOnly: true })
  answeredOn?: string | null;

  @BooleanField({
    labelZh: '逾期答复',
    labelEn: 'Answered late',
    generated: `"answered_on" > "due_on"`,
    description: '答复晚于答复期限；未答复时为空 / Answered after the due date; empty until answered',
  })
  answeredLate?: boolean | null;

  @EnumField(AnswerCategory, { labelZh: '答复类别', labelEn: 'Answer category', readOnly: true })
  answerCategory?: AnswerCategory | null;

  @LongTextField({ labelZh: '答复内容', labelEn: 'Answer', readOnly: true, maxLength: 20000 })
  answer?: string | null;

  @EnumField(Satisfaction, { labelZh: '代表满意度', labelEn: 'Satisfaction', readOnly: true })
  satisfaction?: Satisfaction | null;

  @EnumField(ReassignmentStatus, { labelZh: '调整申请', labelEn: 'Re-assignment', readOnly: true })
  reassignmentStatus?: ReassignmentStatus | null;

  @TextField({ labelZh: '调整理由', labelEn: 'Re-assignment reason', readOnly: true, maxLength: 500, description: '承办单位申请调整的理由 / Why the unit asked to be relieved' })
  reassignmentReason?: string | null;

  @HasMany(() => Attachment, 'handling', { labelZh: '附件', labelEn: 'Attachments', description: '答复函等本承办的附件 / This handling’s files: the signed answer letter …' })
  attachments!: Collection<Attachment>;
}
