import { BaseRecord } from '../model/base-record.js';
import { DecimalField, EnumField, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { DeputyLevel, FundingCategory, FundingUnit } from '../shared/enums.js';
import { Region } from './region.entity.js';

@Model({
  name: 'FundingStandard',
  singular: 'fundingStandard',
  plural: 'fundingStandards',
  labelZh: '经费标准',
  labelEn: 'Funding standard',
  description: '某区划某类经费自某年起执行的标准，低于标准的经费保障会被标记 / The amount per unit a region sets for a category from a year on; allocations below it are flagged',
  icon: 'Rule',
  area: 'funding',
  titleField: 'region',
  searchFields: ['region', 'documentNumber'],
  defaultSort: [
    { field: 'effectiveFromYear', direction: 'DESC' },
    { field: 'category', direction: 'ASC' },
  ],
})
export class FundingStandard extends BaseRecord {
  @Reference(() => Region, { labelZh: '制定区划', labelEn: 'Region', required: true, description: '标准适用于该区划及其下级 / Applies to the region and its subtree' })
  region!: Region;

  @EnumField(FundingCategory, { labelZh: '经费类别', labelEn: 'Category', required: true })
  category!: FundingCategory;

  @EnumField(DeputyLevel, { labelZh: '代表层级', labelEn: 'Deputy level', description: '代表活动经费按代表层级区分标准时填写 / For deputy activity funds that differ by level' })
  deputyLevel?: DeputyLevel | null;

  @EnumField(FundingUnit, { labelZh: '计费单位', labelEn: 'Unit', required: true })
  unit!: FundingUnit;

  @DecimalField({ labelZh: '单位金额（元）', labelEn: 'Amount per unit (CNY)', money: true, required: true })
  amountPerUnit!: string;

  @IntField({ measure: false, labelZh: '起始年度', labelEn: 'Effective from year', required: true, min: 1949, max: 2100, description: '直至被更晚的标准取代 / Until a later standard replaces it' })
  effectiveFromYear!: number;

  @TextField({ labelZh: '文号', labelEn: 'Document number', maxLength: 50 })
  documentNumber?: string | null;
}
