import { BaseRecord } from '../model/base-record.js';
import { DecimalField, EnumField, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { PerformanceItem } from '../shared/enums.js';
import { Deputy } from './deputy.entity.js';

@Model({
  name: 'PerformanceRecord',
  singular: 'performanceRecord',
  plural: 'performanceRecords',
  labelZh: '履职积分',
  labelEn: 'Performance record',
  description: '代表履职档案：每年每个积分项目一行，年度总分用于排名 / A deputy’s score on one item in one year; the yearly total ranks deputies',
  icon: 'Assessment',
  area: 'people',
  titleField: 'deputy',
  describesPerson: true,
  searchFields: ['deputy', 'note'],
  defaultSort: [
    { field: 'year', direction: 'DESC' },
    { field: 'item', direction: 'ASC' },
  ],
  regionPaths: ['deputy.region'],
})
export class PerformanceRecord extends BaseRecord {
  @Reference(() => Deputy, { onDelete: 'CASCADE', labelZh: '代表', labelEn: 'Deputy', required: true })
  deputy!: Deputy;

  @IntField({ measure: false, labelZh: '年度', labelEn: 'Year', required: true, min: 1949, max: 2100 })
  year!: number;

  @EnumField(PerformanceItem, { labelZh: '积分项目', labelEn: 'Item', required: true })
  item!: PerformanceItem;

  @DecimalField({ labelZh: '自评分', labelEn: 'Self score', precision: 5, scale: 1, max: 100 })
  selfScore?: string | null;

  @DecimalField({ labelZh: '考评分', labelEn: 'Assessed score', precision: 5, scale: 1, max: 100 })
  assessedScore?: string | null;

  @TextField({ labelZh: '备注', labelEn: 'Note', maxLength: 200 })
  note?: string | null;
}
