import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, DecimalField, EnumField, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { FundingCategory, FundingStatus } from '../shared/enums.js';
import { DeputyGroup } from './deputy-group.entity.js';
import { LiaisonStation } from './liaison-station.entity.js';
import { Region } from './region.entity.js';

@Model({
  name: 'FundingAllocation',
  singular: 'fundingAllocation',
  plural: 'fundingAllocations',
  labelZh: '经费保障',
  labelEn: 'Funding allocation',
  description: '某财年某区划一类人大工作经费的预算与拨付 / One category of congress funds budgeted and disbursed for a region in a fiscal year',
  icon: 'Payments',
  area: 'funding',
  titleField: 'region',
  searchFields: ['region', 'documentNumber'],
  defaultSort: [
    { field: 'fiscalYear', direction: 'DESC' },
    { field: 'category', direction: 'ASC' },
  ],
})
export class FundingAllocation extends BaseRecord {
  @IntField({ measure: false, labelZh: '财政年度', labelEn: 'Fiscal year', required: true, min: 1949, max: 2100 })
  fiscalYear!: number;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '县或乡镇（街道） / The county or township' })
  region!: Region;

  @EnumField(FundingCategory, { labelZh: '经费类别', labelEn: 'Category', required: true })
  category!: FundingCategory;

  @Reference(() => LiaisonStation, { labelZh: '联络站', labelEn: 'Station', description: '经费拨给某个站点时填写 / When the money is a station’s' })
  station?: LiaisonStation | null;

  @Reference(() => DeputyGroup, { labelZh: '代表小组', labelEn: 'Group', description: '经费拨给某个小组时填写 / When the money is a group’s' })
  group?: DeputyGroup | null;

  @DecimalField({ labelZh: '预算金额（元）', labelEn: 'Budgeted (CNY)', money: true, required: true })
  budgeted!: string;

  @DecimalField({ labelZh: '已拨付金额（元）', labelEn: 'Disbursed (CNY)', money: true, default: '0' })
  disbursed!: string;

  @IntField({ labelZh: '保障人数', labelEn: 'Headcount', min: 0, max: 1_000_000, description: '按人计的类别（代表活动经费）填写代表人数 / Number of deputies, for per-deputy categories' })
  headcount?: number | null;

  @DecimalField({ labelZh: '人均标准（元）', labelEn: 'Per-capita standard (CNY)', money: true })
  perCapitaStandard?: string | null;

  @DateField({ happened: true, labelZh: '批准日期', labelEn: 'Approved on' })
  approvedOn?: string | null;

  @TextField({ labelZh: '文号', labelEn: 'Document number', maxLength: 50, description: '批准文件的文号，如：灵财发〔2024〕12号 / Number of the approving document' })
  documentNumber?: string | null;

  @EnumField(FundingStatus, { labelZh: '状态', labelEn: 'Status', default: 'PLANNED' })
  status!: FundingStatus;

  @BooleanField({ labelZh: '低于标准', labelEn: 'Below standard', readOnly: true, default: false, description: '由服务器对照现行经费标准标记 / Flagged by the server against the standard in force' })
  belowStandard!: boolean;
}
