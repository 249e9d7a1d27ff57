import { BaseRecord } from '../model/base-record.js';
import { EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { SubmitterRole } from '../shared/enums.js';
import { Deputy } from './deputy.entity.js';
import { Suggestion } from './suggestion.entity.js';

@Model({
  name: 'SuggestionSubmitter',
  singular: 'suggestionSubmitter',
  plural: 'suggestionSubmitters',
  labelZh: '建议提出代表',
  labelEn: 'Suggestion submitter',
  description: '领衔或附议提出建议的代表 / A deputy who leads or co-signs a suggestion',
  icon: 'HistoryEdu',
  area: 'suggestions',
  inMenu: false,
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'suggestion'],
  // An enum sorts in its declared order: the lead deputy first.
  defaultSort: [{ field: 'role', direction: 'ASC' }],
  regionPaths: ['suggestion.region'],
  // A handling unit's staff read who submitted the suggestions their unit handles (issue 21: the deputy's contact, as their role allows: masked).
  organisationPaths: ['suggestion.handlings.organisation'],
})
export class SuggestionSubmitter extends BaseRecord {
  @Reference(() => Suggestion, { onDelete: 'CASCADE', labelZh: '代表建议', labelEn: 'Suggestion', required: true })
  suggestion!: Suggestion;

  @Reference(() => Deputy, { labelZh: '代表', labelEn: 'Deputy', required: true })
  deputy!: Deputy;

  @EnumField(SubmitterRole, { labelZh: '提出方式', labelEn: 'Role', default: 'LEAD' })
  role!: SubmitterRole;
}
