import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { SuggestionStatus, SuggestionStep } from '../shared/enums.js';
import { Organisation } from './organisation.entity.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';
import { Suggestion } from './suggestion.entity.js';

/**
 * One step of a suggestion's workflow as it happened: the story of the case, read in order. Written only by
 * the workflow's mutations (server/workflow/): the model has no create or update (`operations`), so no input
 * sets any field; the audit trail records each row too.
 */
@Model({
  name: 'SuggestionTransition',
  singular: 'suggestionTransition',
  plural: 'suggestionTransitions',
  labelZh: '办理经过',
  labelEn: 'Suggestion transition',
  description: '代表建议办理流程的每一步：谁、何时、从何状态到何状态、依据什么 / Each workflow step of a suggestion: who, when, from which state to which, on what facts',
  icon: 'Timeline',
  area: 'suggestions',
  inMenu: false,
  titleField: 'step',
  searchFields: ['note'],
  defaultSort: [{ field: 'createdAt', direction: 'ASC' }],
  operations: ['list', 'read', 'aggregate'],
  regionPaths: ['suggestion.region'],
  // A handling unit's staff read the history of the cases their unit handles.
  organisationPaths: ['suggestion.handlings.organisation'],
})
export class SuggestionTransition extends BaseRecord {
  @Reference(() => Suggestion, { onDelete: 'CASCADE', labelZh: '代表建议', labelEn: 'Suggestion', required: true })
  suggestion!: Suggestion;

  @Reference(() => SuggestionHandling, { onDelete: 'CASCADE', labelZh: '承办', labelEn: 'Handling' })
  handling?: SuggestionHandling | null;

  @Reference(() => Organisation, { labelZh: '承办单位', labelEn: 'Organisation', description: '此步涉及的承办单位 / The handling unit this step concerns' })
  organisation?: Organisation | null;

  @EnumField(SuggestionStep, { labelZh: '办理环节', labelEn: 'Step', required: true, readOnly: true })
  step!: SuggestionStep;

  @EnumField(SuggestionStatus, { labelZh: '原状态', labelEn: 'From', required: true, readOnly: true })
  fromStatus!: SuggestionStatus;

  @EnumField(SuggestionStatus, { labelZh: '新状态', labelEn: 'To', required: true, readOnly: true })
  toStatus!: SuggestionStatus;

  @DateField({ labelZh: '日期', labelEn: 'On', required: true, readOnly: true, description: '此步的业务日期（交办日、答复日……）/ The step’s date (of assignment, of answer …)' })
  occurredOn!: string;

  @DateField({ labelZh: '答复期限', labelEn: 'Due on', readOnly: true })
  dueOn?: string | null;

  @LongTextField({ labelZh: '说明', labelEn: 'Note', readOnly: true, maxLength: 2000, description: '理由、答复类别、满意度等 / Reasons, the answer category, satisfaction …' })
  note?: string | null;

  @TextField({ labelZh: '办理人', labelEn: 'By', required: true, readOnly: true, maxLength: 120 })
  actorName!: string;
}
