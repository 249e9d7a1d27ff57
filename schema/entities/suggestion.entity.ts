import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, EnumField, HasMany, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { AnswerCategory, Satisfaction, SuggestionCategory, SuggestionStatus } from '../shared/enums.js';
import { Region } from './region.entity.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';
import { SuggestionSubmitter } from './suggestion-submitter.entity.js';

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

  @BooleanField({ labelZh: '重点督办', labelEn: 'Key-supervised', default: false })
  keySupervised!: boolean;

  @EnumField(SuggestionStatus, { labelZh: '办理状态', labelEn: 'Status', default: 'SUBMITTED' })
  status!: SuggestionStatus;

  @DateField({ happened: true, labelZh: '交办日期', labelEn: 'Assigned on' })
  assignedOn?: string | null;

  @DateField({ labelZh: '答复期限', labelEn: 'Answer due on', readOnly: true, description: '交办之日起三个月 / Three months after assignment' })
  answerDueOn?: string | null;

  @DateField({ happened: true, labelZh: '答复日期', labelEn: 'Answered on' })
  answeredOn?: string | null;

  @EnumField(AnswerCategory, { labelZh: '答复类别', labelEn: 'Answer category' })
  answerCategory?: AnswerCategory | null;

  @EnumField(Satisfaction, { labelZh: '代表满意度', labelEn: 'Satisfaction', description: '领衔代表对答复的反馈 / The lead deputy’s feedback on the answer' })
  satisfaction?: Satisfaction | null;

  @DateField({ happened: true, labelZh: '办结日期', labelEn: 'Closed on' })
  closedOn?: string | null;

  @BooleanField({ labelZh: '重新办理', labelEn: 'Reopened', readOnly: true, default: false, description: '不满意反馈后重新办理，仅限一次 / Reopened once after a dissatisfied feedback' })
  reopened!: boolean;

  @HasMany(() => SuggestionSubmitter, 'suggestion', { labelZh: '提出代表', labelEn: 'Submitters' })
  submitters!: Collection<SuggestionSubmitter>;

  @HasMany(() => SuggestionHandling, 'suggestion', { labelZh: '承办单位', labelEn: 'Handlings' })
  handlings!: Collection<SuggestionHandling>;
}
