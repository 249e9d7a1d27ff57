import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { AnswerCategory, HandlerRole, Satisfaction } from '../shared/enums.js';
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
})
export class SuggestionHandling extends BaseRecord {
  @Reference(() => Suggestion, { onDelete: 'CASCADE', labelZh: '代表建议', labelEn: 'Suggestion', required: true })
  suggestion!: Suggestion;

  @Reference(() => Organisation, { labelZh: '承办单位', labelEn: 'Handling organisation', required: true })
  organisation!: Organisation;

  @EnumField(HandlerRole, { labelZh: '承办方式', labelEn: 'Role', default: 'LEAD' })
  role!: HandlerRole;

  @DateField({ happened: true, labelZh: '交办日期', labelEn: 'Assigned on' })
  assignedOn?: string | null;

  @DateField({ happened: true, labelZh: '答复日期', labelEn: 'Answered on' })
  answeredOn?: string | null;

  @EnumField(AnswerCategory, { labelZh: '答复类别', labelEn: 'Answer category' })
  answerCategory?: AnswerCategory | null;

  @EnumField(Satisfaction, { labelZh: '代表满意度', labelEn: 'Satisfaction' })
  satisfaction?: Satisfaction | null;
}
