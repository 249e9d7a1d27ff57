import { BaseRecord } from '../model/base-record.js';
import { EnumField, JsonField, LongTextField, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { DashboardKind } from '../shared/enums.js';

@Model({
  name: 'Dashboard',
  singular: 'dashboard',
  plural: 'dashboards',
  labelZh: '分析看板',
  labelEn: 'Dashboard',
  description: '保存的对比分析：区划、指标、年度或期间，可按链接重新打开 / A saved comparison (regions, metrics, years or period), reopened by link',
  icon: 'Insights',
  area: 'analysis',
  titleField: 'name',
  searchFields: ['name'],
  defaultSort: [{ field: 'updatedAt', direction: 'DESC' }],
  access: 'workspace',
})
export class Dashboard extends BaseRecord {
  @TextField({ labelZh: '看板名称', labelEn: 'Name', required: true, maxLength: 100 })
  name!: string;

  @EnumField(DashboardKind, { labelZh: '看板类型', labelEn: 'Kind', default: 'COMPARISON' })
  kind!: DashboardKind;

  @LongTextField({ labelZh: '说明', labelEn: 'Description' })
  description?: string | null;

  @JsonField({
    labelZh: '分析设置',
    labelEn: 'Settings',
    required: true,
    description: '对比分析页面的设置：上级区划、层级、区划、指标、年度或期间 / The analysis page’s settings: parent, level, regions, metrics, years or period',
  })
  settings!: unknown;
}
