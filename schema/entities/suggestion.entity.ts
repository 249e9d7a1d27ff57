import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, EnumField, HasMany, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { AnswerCategory, Satisfaction, SuggestionCategory, SuggestionStatus } from '../shared/enums.js';
import { Attachment } from './attachment.entity.js';
import { Region } from './region.entity.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';
import { SuggestionSubmitter } from './suggestion-submitter.entity.js';
import { SuggestionTransition } from './suggestion-transition.entity.js';

@Model({
  name: 'Suggestion',
  singular: 'suggestion',
  plural: 'suggestions',
  labelZh: '代表建议',
  labelEn: 'Suggestion',
  description: '代表建议、批评和意见：提出、审查、交办、办理、答复、反馈、办结 / Deputies’ suggestions, criticisms and opinions, from submission to closure',
  icon: 'Lightbulb',
  area: 'suggestions',
  titleField: 'title',
  pickerFields: ['submittedOn', 'region'],
  searchFields: ['title', 'number'],
  defaultSort: [{ field: 'submittedOn', direction: 'DESC' }],
  // A handling unit's staff read the suggestions their unit handles, and nothing else (server/access/policy.ts).
  organisationPaths: ['handlings.organisation'],
  ranges: [
    ['submittedOn', 'assignedOn'],
    ['assignedOn', 'answeredOn'],
    ['answeredOn', 'closedOn'],
  ],
})
export class Suggestion extends BaseRecord {
  @TextField({ labelZh: '建议编号', labelEn: 'Suggestion number', required: true, maxLength: 30, description: '本次会议内的建议编号，如：第 12 号 / Number within the session' })
  number!: string;

  @TextField({ labelZh: '标题', labelEn: 'Title', required: true, maxLength: 200 })
  title!: string;

  @LongTextField({ labelZh: '正文', labelEn: 'Body' })
  body?: string | null;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '建议提交的人大所在区划 / The region whose congress received it' })
  region!: Region;

  @TextField({ labelZh: '会议', labelEn: 'Session', maxLength: 100, description: '如：第十八届人民代表大会第三次会议，或闭会期间 / e.g. 3rd session of the 18th congress, or between sessions' })
  session?: string | null;

  @DateField({ happened: true, labelZh: '提出日期', labelEn: 'Submitted on', required: true })
  submittedOn!: string;

  @EnumField(SuggestionCategory, { labelZh: '建议类别', labelEn: 'Category' })
  category?: SuggestionCategory | null;

  // 重点督办 is a step of the workflow (superviseSuggestion): set with its leader, recorded in the history.
  @BooleanField({ labelZh: '重点督办', labelEn: 'Key-supervised', default: false, readOnly: true })
  keySupervised!: boolean;

  @TextField({ labelZh: '督办领导', labelEn: 'Responsible leader', maxLength: 60, readOnly: true, description: '重点督办的责任领导 / The leader answering for a key-supervised suggestion' })
  supervisingLeader?: string | null;

  // 评选表彰: after a year's handling the standing committee names its best suggestions (庄浪's 20+ 优秀建议).
  @BooleanField({
    labelZh: '优秀建议',
    labelEn: 'Commended',
    default: false,
    description: '经常委会评选表彰的高质量建议 / Named a high-quality suggestion by the standing committee’s yearly selection',
  })
  commended!: boolean;

  // The workflow's fields are read-only to the generic API: only the workflow's mutations move a suggestion
  // (schema/shared/suggestion-workflow.ts, server/workflow/), each step checked, audited and recorded.
  @EnumField(SuggestionStatus, { labelZh: '办理状态', labelEn: 'Status', default: 'SUBMITTED', readOnly: true, description: '只由办理流程改变 / Moved only by the workflow’s steps' })
  status!: SuggestionStatus;

  @DateField({ happened: true, labelZh: '交办日期', labelEn: 'Assigned on', readOnly: true })
  assignedOn?: string | null;

  @DateField({ labelZh: '答复期限', labelEn: 'Answer due on', readOnly: true, description: '交办之日起三个月 / Three months after assignment' })
  answerDueOn?: string | null;

  @DateField({ happened: true, labelZh: '答复日期', labelEn: 'Answered on', readOnly: true })
  answeredOn?: string | null;

  @EnumField(AnswerCategory, { labelZh: '答复类别', labelEn: 'Answer category', readOnly: true })
  answerCategory?: AnswerCategory | null;

  @EnumField(Satisfaction, { labelZh: '代表满意度', labelEn: 'Satisfaction', readOnly: true, description: '各承办单位答复中最低的满意度 / The lowest satisfaction recorded for its handlings' })
  satisfaction?: Satisfaction | null;

  @DateField({ happened: true, labelZh: '办结日期', labelEn: 'Closed on', readOnly: true })
  closedOn?: string | null;

  @BooleanField({
    labelZh: '不满意办结',
    labelEn: 'Closed dissatisfied',
    readOnly: true,
    default: false,
    description: '重新办理后代表仍不满意而办结 / Closed after a second dissatisfied feedback',
  })
  closedDissatisfied!: boolean;

  @LongTextField({ labelZh: '不予立案理由', labelEn: 'Reason not accepted', readOnly: true, maxLength: 2000 })
  rejectionReason?: string | null;

  @Reference(() => Suggestion, { onDelete: 'CLEAR', labelZh: '并入建议', labelEn: 'Merged into', readOnly: true, description: '并案办理时所并入的建议 / The suggestion it was merged into' })
  mergedInto?: Suggestion | null;

  @BooleanField({ labelZh: '重新办理', labelEn: 'Reopened', readOnly: true, default: false, description: '不满意反馈后重新办理，仅限一次 / Reopened once after a dissatisfied feedback' })
  reopened!: boolean;

  @HasMany(() => SuggestionSubmitter, 'suggestion', { labelZh: '提出代表', labelEn: 'Submitters' })
  submitters!: Collection<SuggestionSubmitter>;

  @HasMany(() => SuggestionHandling, 'suggestion', { labelZh: '承办单位', labelEn: 'Handlings' })
  handlings!: Collection<SuggestionHandling>;

  @HasMany(() => SuggestionTransition, 'suggestion', { labelZh: '办理经过', labelEn: 'History' })
  transitions!: Collection<SuggestionTransition>;

  @HasMany(() => Attachment, 'suggestion', { labelZh: '附件', labelEn: 'Attachments' })
  attachments!: Collection<Attachment>;
}
