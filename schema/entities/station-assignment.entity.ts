import { BaseRecord } from '../model/base-record.js';
import { DateField, Reference } from '../model/fields.js';
import { Model } from '../model/model.js';
import { Deputy } from './deputy.entity.js';
import { LiaisonStation } from './liaison-station.entity.js';

@Model({
  name: 'StationAssignment',
  singular: 'stationAssignment',
  plural: 'stationAssignments',
  labelZh: '代表进站',
  labelEn: 'Station assignment',
  description: '代表编入联络站（家、站、室、点），有起止日期 / A deputy assigned to a station, from and to dates',
  icon: 'AssignmentInd',
  area: 'stations',
  inMenu: false,
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'station'],
  defaultSort: [{ field: 'startsOn', direction: 'DESC' }],
  ranges: [['startsOn', 'endsOn']],
  regionPaths: ['station.region'],
})
export class StationAssignment extends BaseRecord {
  @Reference(() => Deputy, { onDelete: 'CASCADE', labelZh: '代表', labelEn: 'Deputy', required: true })
  deputy!: Deputy;

  @Reference(() => LiaisonStation, { onDelete: 'CASCADE', labelZh: '联络站', labelEn: 'Station', required: true })
  station!: LiaisonStation;

  @DateField({ labelZh: '进站日期', labelEn: 'Starts on', required: true })
  startsOn!: string;

  @DateField({ labelZh: '离站日期', labelEn: 'Ends on', description: '为空表示仍在站 / Empty while the assignment lasts' })
  endsOn?: string | null;
}
