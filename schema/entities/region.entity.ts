import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, HasMany, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { RegionKind, RegionLevel } from '../shared/enums.js';
import { DeputyGroup } from './deputy-group.entity.js';
import { Deputy } from './deputy.entity.js';
import { LiaisonStation } from './liaison-station.entity.js';
import { Organisation } from './organisation.entity.js';
import { Activity } from './activity.entity.js';
import { FundingAllocation } from './funding-allocation.entity.js';
import { FundingStandard } from './funding-standard.entity.js';
import { Appointment } from './appointment.entity.js';
import { Suggestion } from './suggestion.entity.js';
import { Motion } from './motion.entity.js';
import { LivelihoodProject } from './livelihood-project.entity.js';
import { Training } from './training.entity.js';
import { Person } from './person.entity.js';
import { User } from './user.entity.js';

@Model({
  name: 'Region',
  singular: 'region',
  plural: 'regions',
  labelZh: '行政区划',
  labelEn: 'Region',
  description: '省、市、县、乡四级行政区划，代码遵循 GB/T 2260 / Province, city, county and township, coded per GB/T 2260',
  icon: 'Map',
  area: 'regions',
  titleField: 'name',
  // 失效日期 beside the code: an ended region (a 乡 merged away) reads as ended in every picker of a record's region.
  pickerFields: ['code', 'validTo'],
  searchFields: ['name', 'code'],
  defaultSort: [{ field: 'code', direction: 'ASC' }],
  ranges: [['validFrom', 'validTo']],
  indexes: [['level', 'code']],
  // Everyone reads the region tree (pickers, comparisons); a region is written within the writer's own subtree.
  access: 'reference',
  regionPaths: [''],
})
export class Region extends BaseRecord {
  @TextField({
    labelZh: '区划代码',
    labelEn: 'Division code',
    required: true,
    unique: true,
    maxLength: 9,
    validator: 'divisionCode',
    description: '6 位（省至县）或 9 位（乡镇），以上级代码开头 / 6 digits (province to county) or 9 (township), starting with the parent’s code',
  })
  code!: string;

  @TextField({ labelZh: '名称', labelEn: 'Name', required: true, maxLength: 50, collation: 'zh_pinyin', pinyin: 'words' })
  name!: string;

  @EnumField(RegionKind, { labelZh: '类型', labelEn: 'Kind', required: true })
  kind!: RegionKind;

  @EnumField(RegionLevel, { labelZh: '层级', labelEn: 'Level', required: true, readOnly: true, description: '由类型决定：区、县级市为县级，镇、街道为乡级 / Derived from the kind' })
  level!: RegionLevel;

  @Reference(() => Region, { labelZh: '上级区划', labelEn: 'Parent region' })
  parent?: Region | null;

  @IntField({ labelZh: '人口', labelEn: 'Population', min: 0, max: 200_000_000, description: '用于人均指标 / For per-capita metrics' })
  population?: number | null;

  @IntField({
    measure: false,
    display: 'term',
    labelZh: '本届届次',
    labelEn: 'Congress term',
    min: 1,
    max: 99,
    description: '现任人民代表大会的届次，如第十八届为 18 / Number of the sitting congress (届)',
  })
  congressTerm?: number | null;

  @DateField({
    labelZh: '生效日期',
    labelEn: 'Valid from',
    description:
      '最早列入该代码的《统计用区划代码》版本的截止日期；2015-09-30 即 2015 年版（现有最早）已列入，设立可能更早。比较某年只列当年有效的区划 / The cut-off day of the earliest edition of the statistical division codes listing this code; 2015-09-30: listed in the 2015 edition, the earliest at hand, so possibly older. A comparison of a year lists the regions valid in it',
  })
  validFrom?: string | null;

  @DateField({
    labelZh: '失效日期',
    labelEn: 'Valid to',
    description:
      '撤并、撤乡设镇（新代码）等之后首个不再列入它的版本的截止日期，此日已不存在；空为现行区划 / Merged or re-coded (撤乡设镇): the cut-off day of the first edition no longer listing it, by which it had ended; empty for a current region',
  })
  validTo?: string | null;

  @HasMany(() => Region, 'parent', { labelZh: '下级区划', labelEn: 'Subdivisions' })
  children!: Collection<Region>;

  @HasMany(() => Deputy, 'region', { labelZh: '本级代表', labelEn: 'Deputies elected here' })
  deputies!: Collection<Deputy>;

  @HasMany(() => DeputyGroup, 'region', { labelZh: '代表小组', labelEn: 'Deputy groups' })
  groups!: Collection<DeputyGroup>;

  @HasMany(() => LiaisonStation, 'region', { labelZh: '代表联络站', labelEn: 'Liaison stations' })
  stations!: Collection<LiaisonStation>;

  @HasMany(() => Organisation, 'region', { labelZh: '单位', labelEn: 'Organisations' })
  organisations!: Collection<Organisation>;

  @HasMany(() => Activity, 'region', { labelZh: '履职活动', labelEn: 'Activities' })
  activities!: Collection<Activity>;

  @HasMany(() => FundingAllocation, 'region', { labelZh: '经费保障', labelEn: 'Funding allocations' })
  fundingAllocations!: Collection<FundingAllocation>;

  @HasMany(() => FundingStandard, 'region', { labelZh: '经费标准', labelEn: 'Funding standards' })
  fundingStandards!: Collection<FundingStandard>;

  @HasMany(() => Appointment, 'region', { labelZh: '任免', labelEn: 'Appointments' })
  appointments!: Collection<Appointment>;

  @HasMany(() => Suggestion, 'region', { labelZh: '代表建议', labelEn: 'Suggestions' })
  suggestions!: Collection<Suggestion>;

  @HasMany(() => Motion, 'region', { labelZh: '议案', labelEn: 'Motions' })
  motions!: Collection<Motion>;

  @HasMany(() => LivelihoodProject, 'region', { labelZh: '民生实事项目', labelEn: 'Livelihood projects' })
  livelihoodProjects!: Collection<LivelihoodProject>;

  @HasMany(() => Person, 'region', { labelZh: '登记人员', labelEn: 'Persons registered here' })
  persons!: Collection<Person>;

  @HasMany(() => User, 'region', { labelZh: '用户', labelEn: 'Users' })
  users!: Collection<User>;

  @HasMany(() => Training, 'organiserRegion', { labelZh: '举办的培训班', labelEn: 'Trainings organised' })
  trainings!: Collection<Training>;
}
