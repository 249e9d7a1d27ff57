import { BaseRecord } from '../model/base-record.js';
import { BooleanField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { Person } from './person.entity.js';
import { Training } from './training.entity.js';

@Model({
  name: 'TrainingParticipant',
  singular: 'trainingParticipant',
  plural: 'trainingParticipants',
  labelZh: '参训人员',
  labelEn: 'Training participant',
  description: '参加培训班的人员，代表和干部均可 / A person on a training course, deputy or official',
  icon: 'Badge',
  area: 'activities',
  inMenu: false,
  titleField: 'person',
  describesPerson: true,
  searchFields: ['person', 'training'],
  regionPaths: ['training.organiserRegion'],
})
export class TrainingParticipant extends BaseRecord {
  @Reference(() => Training, { onDelete: 'CASCADE', labelZh: '培训班', labelEn: 'Training', required: true })
  training!: Training;

  @Reference(() => Person, { onDelete: 'CASCADE', labelZh: '人员', labelEn: 'Person', required: true })
  person!: Person;

  @BooleanField({ labelZh: '结业', labelEn: 'Completed', default: true })
  completed!: boolean;
}
