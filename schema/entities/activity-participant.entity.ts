import { BaseRecord } from '../model/base-record.js';
import { EnumField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { ParticipantRole } from '../shared/enums.js';
import { Activity } from './activity.entity.js';
import { Deputy } from './deputy.entity.js';

@Model({
  name: 'ActivityParticipant',
  singular: 'activityParticipant',
  plural: 'activityParticipants',
  labelZh: '活动参加代表',
  labelEn: 'Activity participant',
  description: '参加一次履职活动的代表及其角色 / A deputy taking part in an activity, with a role',
  icon: 'EmojiPeople',
  area: 'activities',
  inMenu: false,
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'activity'],
  regionPaths: ['activity.region'],
})
export class ActivityParticipant extends BaseRecord {
  @Reference(() => Activity, { onDelete: 'CASCADE', labelZh: '履职活动', labelEn: 'Activity', required: true })
  activity!: Activity;

  @Reference(() => Deputy, { onDelete: 'CASCADE', labelZh: '代表', labelEn: 'Deputy', required: true })
  deputy!: Deputy;

  @EnumField(ParticipantRole, { labelZh: '参与角色', labelEn: 'Role', default: 'PARTICIPANT' })
  role!: ParticipantRole;
}
