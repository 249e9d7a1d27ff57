import { BaseRecord } from '../model/base-record.js';
import { BooleanField, EnumField, JsonField, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { DashboardKind } from '../shared/enums.js';
import { User } from './user.entity.js';

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
  // Each user's own; shared ones (and those the demo ships, which have no owner) are read by everyone.
  access: 'owned',
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

  @Reference(() => User, { onDelete: 'CASCADE', labelZh: '创建人', labelEn: 'Owner', readOnly: true, description: '保存看板的用户，由系统填写 / The user who saved it, set by the server' })
  owner?: User | null;

  @BooleanField({ labelZh: '共享', labelEn: 'Shared', default: false, description: '共享的看板所有用户可见，只有创建人可修改 / Everyone sees a shared dashboard; only its owner changes it' })
  shared!: boolean;
}
